"""backup DIR / restore DIR: a round trip restores every row and every uploaded file; a corrupted backup and
a non-empty target are refused before anything is written."""

import hashlib
import json
import os
import sqlite3
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import OfficialFactory, UnitFactory, UserFactory


def _is_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


sqlite_only = pytest.mark.skipif(_is_postgres(), reason="the SQLite round trip (the PostgreSQL one is below)")


@pytest.fixture
def media(settings, tmp_path):
    root = tmp_path / "media"
    (root / "nominations" / "1" / "2").mkdir(parents=True)
    (root / "nominations" / "1" / "2" / "a.pdf").write_bytes(b"%PDF-1.7 bien ban")
    (root / "imports").mkdir()
    (root / "imports" / "x.xlsx").write_bytes(os.urandom(4096))
    settings.MEDIA_ROOT = root
    return root


def _data():
    unit = UnitFactory(name="Phòng Văn hóa - Xã hội", code="vhxh")
    for i in range(3):
        UserFactory(username=f"u{i}", official=OfficialFactory(full_name=f"Người {i}", unit=unit))


def _checksums(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def _django_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # table names from the introspection
            counts[table] = cursor.fetchone()[0]
    return counts


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_sqlite_round_trip_restores_rows_and_files(media, tmp_path, settings):
    _data()
    before_files = _checksums(media)
    before_rows = _django_counts()
    assert before_rows["organisation_official"] == 3
    call_command("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["engine"] == "sqlite"
    assert set(manifest["files"]) == {
        "database.sqlite3",
        "files/media/nominations/1/2/a.pdf",
        "files/media/imports/x.xlsx",
    }

    settings.MEDIA_ROOT = tmp_path / "new-media"
    target = tmp_path / "restored.sqlite3"
    call_command("restore", str(tmp_path / "backup"), "--into", str(target))
    with sqlite3.connect(target) as db:
        after_rows = {
            table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608 - names from the dump
            for table in before_rows
        }
    assert after_rows == before_rows
    assert _checksums(tmp_path / "new-media") == before_files


@pytest.mark.django_db(transaction=True)
def test_a_corrupted_backup_is_refused_before_anything_is_written(media, tmp_path, settings):
    _data()
    call_command("backup", str(tmp_path / "backup"))
    copy = tmp_path / "backup" / "files" / "media" / "nominations" / "1" / "2" / "a.pdf"
    copy.write_bytes(copy.read_bytes().replace(b"bien", b"BIEN"))
    settings.MEDIA_ROOT = tmp_path / "new-media"
    target = tmp_path / "restored.sqlite3"
    with pytest.raises(CommandError, match="a.pdf không khớp mã SHA-256"):
        call_command("restore", str(tmp_path / "backup"), "--into", str(target))
    assert not target.exists() and not (tmp_path / "new-media").exists()

    (tmp_path / "backup" / "extra.sql").write_text("DROP TABLE x;")
    with pytest.raises(CommandError, match="tệp lạ extra.sql"):
        call_command("restore", str(tmp_path / "backup"), "--verify-only")


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_or_folder_that_is_not_empty(media, tmp_path, settings):
    call_command("backup", str(tmp_path / "backup"))
    call_command("restore", str(tmp_path / "backup"), "--verify-only")
    used = tmp_path / "used.sqlite3"
    with sqlite3.connect(used) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(CommandError, match="chỉ khôi phục vào một cơ sở dữ liệu trống"):
        call_command("restore", str(tmp_path / "backup"), "--into", str(used))
    with pytest.raises(CommandError, match="chỉ khôi phục vào một thư mục trống"):
        call_command("restore", str(tmp_path / "backup"), "--into", str(tmp_path / "new.sqlite3"))
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("backup", str(tmp_path / "backup"))


@pytest.mark.postgres
@pytest.mark.skipif(not _is_postgres(), reason="needs DATABASE_URL pointing at PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_postgresql_round_trip_into_an_empty_database(media, tmp_path, settings):
    import psycopg

    _data()
    before_files = _checksums(media)
    before_rows = _django_counts()
    call_command("backup", str(tmp_path / "backup"))
    assert (tmp_path / "backup" / "database.dump").read_bytes()[:5] == b"PGDMP"

    params = connection.settings_dict
    conninfo = dict(
        host=params["HOST"] or "localhost",
        port=params["PORT"] or 5432,
        user=params["USER"],
        password=params["PASSWORD"] or None,
    )
    name = f"anhai_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        settings.MEDIA_ROOT = tmp_path / "new-media"
        call_command("restore", str(tmp_path / "backup"), "--into", name)
        with psycopg.connect(dbname=name, **conninfo) as restored:
            after_rows = {
                table: restored.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for table in before_rows
            }
        assert after_rows == before_rows
        assert after_rows["organisation_official"] == 3
        assert _checksums(tmp_path / "new-media") == before_files
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
