"""`manage.py export_campaign <slug> <dir>` and the exporter registry behind it."""

import hashlib
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from campaigns import exporting
from campaigns.exporting import campaign_export, register_exporter, write_file
from tests.factories import CampaignFactory
from tests.pdf import pdf_text


def _manifest(folder):
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder):
    """Every file under folder, by its path relative to it."""
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def only_registered(monkeypatch):
    """Only the plan exporter (other apps register theirs), in a copy a test may extend."""
    exporting.registered_exporters()
    registry = {key: fn for key, fn in exporting._exporters.items() if fn is exporting.export_plan}
    monkeypatch.setattr(exporting, "_exporters", registry)
    return registry


def test_export_campaign_writes_the_plan_and_a_manifest(seeded, tmp_path, capsys):
    call_command("export_campaign", seeded.slug, str(tmp_path))
    folder = tmp_path / seeded.slug
    pdf = folder / "ke-hoach.pdf"
    text = pdf_text(pdf.read_bytes())
    assert "KẾ HOẠCH" in text and "01 tập thể, 04 cá nhân" in text and "Nguyễn Thế Đức" in text
    manifest = _manifest(folder)
    assert manifest["campaign"] == seeded.slug
    assert manifest["title"] == seeded.title
    assert {"name": "ke-hoach.pdf", "size": pdf.stat().st_size, "sha256": _sha256(pdf)} in manifest["files"]
    # The manifest lists exactly the files written (other apps' documents included), with true sizes and hashes.
    on_disk = _files(folder)
    assert sorted(on_disk) == sorted([entry["name"] for entry in manifest["files"]] + ["manifest.json"])
    for entry in manifest["files"]:
        path = on_disk[entry["name"]]
        assert (entry["size"], entry["sha256"]) == (path.stat().st_size, _sha256(path))
    out = capsys.readouterr().out
    assert "ke-hoach.pdf" in out and _sha256(pdf) in out
    assert f"Đã xuất {len(manifest['files'])} tệp" in out


def test_export_campaign_twice_changes_nothing(db, tmp_path, only_registered):
    campaign = CampaignFactory(slug="thu-xuat")
    call_command("export_campaign", campaign.slug, str(tmp_path), verbosity=0)
    folder = tmp_path / "thu-xuat"
    before = {name: (p.read_bytes(), p.stat().st_mtime_ns) for name, p in _files(folder).items()}
    call_command("export_campaign", campaign.slug, str(tmp_path), verbosity=0)
    after = {name: (p.read_bytes(), p.stat().st_mtime_ns) for name, p in _files(folder).items()}
    # Same bytes, and files whose bytes did not change are not even rewritten.
    assert after == before
    assert sorted(after) == ["ke-hoach.pdf", "manifest.json"]
    assert _manifest(folder)["files"][0]["sha256"] == _sha256(folder / "ke-hoach.pdf")


def test_export_campaign_rerun_with_every_app_keeps_the_manifest_true(db, tmp_path):
    campaign = CampaignFactory(slug="thu-xuat-het")
    call_command("export_campaign", campaign.slug, str(tmp_path), verbosity=0)
    folder = tmp_path / "thu-xuat-het"
    first = sorted(_files(folder))
    call_command("export_campaign", campaign.slug, str(tmp_path), verbosity=0)
    assert sorted(_files(folder)) == first
    assert "ke-hoach.pdf" in first
    for entry in _manifest(folder)["files"]:
        assert entry["sha256"] == _sha256(folder / entry["name"])


def test_export_campaign_unknown_slug_is_a_vietnamese_error(db, tmp_path):
    CampaignFactory(slug="co-that")
    with pytest.raises(CommandError) as exc:
        call_command("export_campaign", "khong-co", str(tmp_path))
    assert str(exc.value) == "Không có phong trào thi đua nào có mã “khong-co”. Các mã hiện có: co-that."
    assert list(tmp_path.iterdir()) == []


def test_export_runs_every_registered_exporter(db, tmp_path, only_registered):
    campaign = CampaignFactory(slug="nhieu-van-ban")

    @register_exporter
    def export_minutes(campaign, directory):
        return [write_file(directory / "bien-ban" / "hop-hoi-dong.txt", f"Biên bản {campaign.slug}".encode())]

    result = campaign_export(campaign=campaign, directory=tmp_path)
    names = [f.name for f in result.files]
    assert names == ["bien-ban/hop-hoi-dong.txt", "ke-hoach.pdf"]
    folder = tmp_path / "nhieu-van-ban"
    assert (folder / "bien-ban" / "hop-hoi-dong.txt").read_text() == "Biên bản nhieu-van-ban"
    for entry in _manifest(folder)["files"]:
        path = folder / entry["name"]
        assert entry["size"] == path.stat().st_size
        assert entry["sha256"] == _sha256(path)

    # A document that is no longer produced disappears on the next run; files we never wrote stay.
    (folder / "ghi-chu-cua-toi.txt").write_text("không xóa")
    del only_registered[f"{export_minutes.__module__}.{export_minutes.__qualname__}"]
    result = campaign_export(campaign=campaign, directory=tmp_path)
    assert [f.name for f in result.files] == ["ke-hoach.pdf"]
    assert not (folder / "bien-ban" / "hop-hoi-dong.txt").exists()
    assert (folder / "ghi-chu-cua-toi.txt").read_text() == "không xóa"


def test_export_refuses_files_outside_the_folder(db, tmp_path, only_registered):
    campaign = CampaignFactory(slug="ra-ngoai")

    @register_exporter
    def export_astray(campaign, directory):
        return [write_file(directory.parent / "lac.txt", b"x")]

    with pytest.raises(ValueError, match="outside the export folder"):
        campaign_export(campaign=campaign, directory=tmp_path / "xuat")


def test_register_exporter_is_idempotent(only_registered):
    def export_twice(campaign, directory):
        return []

    register_exporter(export_twice)
    register_exporter(export_twice)
    assert exporting.registered_exporters().count(export_twice) == 1
    assert exporting.export_plan in exporting.registered_exporters()
