"""Backups: the database (pg_dump custom format, or SQLite's online backup) plus the uploaded files, with a
SHA-256 manifest; restore checks the manifest before it touches anything and only fills an empty database.

Layout of a backup folder::

    manifest.json         {"format": 1, "created_at", "engine", "files": {"<relative path>": "<sha256>"}}
    database.dump         pg_dump --format=custom (PostgreSQL), or
    database.sqlite3      a copy made with SQLite's online backup API
    files/media/...       MEDIA_ROOT (uploads, generated documents, pending imports)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404  # pg_dump / pg_restore with argument lists, no shell
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore refused; the message says why (shown by the commands as it is)."""


def file_roots() -> dict[str, Path]:
    """The folders of uploaded files, by the name they get inside a backup."""
    return {"media": Path(settings.MEDIA_ROOT)}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _engine(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"unsupported database: {vendor}")
    return vendor


def _pg_args(settings_dict: dict, name: str | None = None) -> tuple[list[str], dict]:
    args = [
        "--host",
        str(settings_dict.get("HOST") or "localhost"),
        "--port",
        str(settings_dict.get("PORT") or 5432),
    ]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    args += ["--dbname", name or settings_dict["NAME"]]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


@dataclass(frozen=True)
class BackupResult:
    folder: Path
    engine: str
    files: int


def backup(folder: Path, *, alias: str = "default") -> BackupResult:
    """Write a backup into `folder` (created; it must not exist or be empty). Returns what was written."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"Thư mục {folder} đã có dữ liệu; hãy chọn một thư mục mới cho bản sao lưu.")
    folder.mkdir(parents=True, exist_ok=True)
    engine = _engine(alias)
    connection = connections[alias]
    if engine == "postgresql":
        args, env = _pg_args(connection.settings_dict)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(folder / "database.dump"),
                *args,
            ],
            env,
        )
    else:
        if connection.in_atomic_block:  # SQLite's backup would wait forever for our own write lock
            raise BackupError("backup() must run outside a transaction")
        connection.ensure_connection()
        target = sqlite3.connect(folder / "database.sqlite3")
        try:
            connection.connection.backup(target)  # consistent even while the app writes
        finally:
            target.close()
    for name, root in file_roots().items():
        if root.is_dir():
            shutil.copytree(root, folder / "files" / name, symlinks=False)
    files = {
        path.relative_to(folder).as_posix(): sha256_of(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }
    manifest = {"format": FORMAT, "created_at": timezone.now().isoformat(), "engine": engine, "files": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    return BackupResult(folder=folder, engine=engine, files=sum(1 for p in files if p.startswith("files/")))


def verify(folder: Path) -> dict:
    """Check every file of a backup against its manifest; raise BackupError at the first difference."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        listed: dict[str, str] = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"Bản sao lưu {folder} không có bảng kê (manifest.json) đọc được.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Bản sao lưu {folder} có định dạng {manifest.get('format')!r}, không đọc được.")
    present = {
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST
    }
    for relative in sorted(set(listed) | present):
        if relative not in present:
            raise BackupError(f"Bản sao lưu bị hỏng: thiếu tệp {relative}.")
        if relative not in listed:
            raise BackupError(f"Bản sao lưu bị hỏng: có tệp lạ {relative} không ghi trong bảng kê.")
        if sha256_of(folder / relative) != listed[relative]:
            raise BackupError(f"Bản sao lưu bị hỏng: tệp {relative} không khớp mã SHA-256 trong bảng kê.")
    return manifest


def _sqlite_is_empty(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return True
    with sqlite3.connect(path) as db:
        return not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone()


def _pg_is_empty(settings_dict: dict, name: str) -> bool:
    args, env = _pg_args(settings_dict, name)
    sql = "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
    result = subprocess.run(
        ["psql", "-Atqc", sql, *args], env=env, capture_output=True, text=True, check=False
    )  # nosec B603 B607
    if result.returncode != 0:
        raise BackupError(f"psql failed: {result.stderr.strip()[:2000]}")
    return result.stdout.strip() == "0"


def restore(folder: Path, *, into: str = "", alias: str = "default") -> dict:
    """Restore a verified backup into an empty database and empty file folders.

    `into`: the PostgreSQL database name on the configured server, or the SQLite file (default: the
    configured database). Nothing is written before the manifest is verified and the targets are empty.
    """
    folder = Path(folder)
    manifest = verify(folder)
    engine = _engine(alias)
    if manifest["engine"] != engine:
        raise BackupError(
            f"Bản sao lưu là của {manifest['engine']}, còn cơ sở dữ liệu đang cấu hình là {engine}."
        )
    settings_dict = connections[alias].settings_dict
    target = into or str(settings_dict["NAME"])
    if engine == "postgresql":
        if not _pg_is_empty(settings_dict, target):
            raise BackupError(
                f"Cơ sở dữ liệu {target} đã có bảng; chỉ khôi phục vào một cơ sở dữ liệu trống."
            )
    elif not _sqlite_is_empty(Path(target)):
        raise BackupError(
            f"Tệp cơ sở dữ liệu {target} đã có bảng; chỉ khôi phục vào một cơ sở dữ liệu trống."
        )
    for root in file_roots().values():
        if root.is_dir() and any(p.is_file() for p in root.rglob("*")):
            raise BackupError(f"Thư mục tệp {root} đã có tệp; chỉ khôi phục vào một thư mục trống.")
    if engine == "postgresql":
        args, env = _pg_args(settings_dict, target)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *args,
                str(folder / "database.dump"),
            ],
            env,
        )
    else:
        source = sqlite3.connect(folder / "database.sqlite3")
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            source.close()
            destination.close()
    for name, root in file_roots().items():
        copied = folder / "files" / name
        if copied.is_dir():
            shutil.copytree(copied, root, dirs_exist_ok=True)
    return manifest
