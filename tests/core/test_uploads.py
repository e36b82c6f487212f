"""The shared upload checker: types by content, size limits, storage, downloads with the original name."""

import hashlib
import io
import unicodedata
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from anhai_thidua.core.uploads import (
    check_office_file,
    content_disposition,
    serve_stored_file,
    store_bytes,
    store_upload,
    validate_upload,
)

from . import hostile

PDF = hostile.clean_pdf()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100 + b"This program cannot be run in DOS mode"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 60


def docx_bytes(with_document: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_document:
            archive.writestr("word/document.xml", "<w:document/>")
        else:
            archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("bien-ban.pdf", PDF, "pdf"),
        ("Báo cáo.DOCX", docx_bytes(), "docx"),
        ("anh.jpg", JPEG, "jpeg"),
        ("anh.jpeg", JPEG, "jpeg"),
        ("so-do.png", PNG, "png"),
    ],
)
def test_validate_upload_accepts_each_allowed_type(name, data, kind):
    assert validate_upload(upload(name, data)) == kind


def test_validate_upload_refuses_renamed_executable():
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("bao-cao.pdf", EXE))
    assert exc.value.code == "executable"
    assert "chương trình chạy được" in str(exc.value.messages[0])
    assert "bao-cao.pdf" in exc.value.messages[0]


def test_validate_upload_refuses_renamed_elf_as_image():
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("anh.png", ELF))
    assert exc.value.code == "executable"


def test_validate_upload_refuses_empty_file():
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("rong.pdf", b""))
    assert exc.value.code == "empty_file"
    assert exc.value.messages == ["Tệp “rong.pdf” rỗng (0 byte). Hãy chọn lại tệp có nội dung."]


def test_validate_upload_refuses_oversize_file(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("lon.pdf", PDF + b"0" * 2000))
    assert exc.value.code == "too_big"
    assert "vượt quá mức tối đa" in exc.value.messages[0]
    assert "1,0" in exc.value.messages[0] or "1.0" in exc.value.messages[0]


def test_validate_upload_accepts_file_at_the_limit(settings):
    data = PDF + b"0" * 100
    settings.UPLOAD_MAX_BYTES = len(data)
    assert validate_upload(upload("vua.pdf", data)) == "pdf"


@pytest.mark.parametrize("name", ["virus.exe", "script.sh", "bang.xlsx", "khong-duoi", "trang.html"])
def test_validate_upload_refuses_other_extensions(name):
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload(name, PDF))
    assert exc.value.code == "extension"
    assert "chỉ nhận tệp PDF, DOCX, JPEG hoặc PNG" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("anh.pdf", PNG),  # an image named .pdf
        ("tai-lieu.png", PDF),
        ("van-ban.docx", docx_bytes(with_document=False)),  # a zip that is not a Word document
        ("van-ban.docx", b"PK\x03\x04 not really a zip"),
        ("anh.jpg", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_validate_upload_refuses_content_not_matching_extension(name, data):
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload(name, data))
    assert exc.value.code == "mismatch"
    assert "không" in exc.value.messages[0]


def test_mismatch_message_names_actual_type():
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("anh.pdf", PNG))
    assert "PNG" in exc.value.messages[0]


def test_store_upload_saves_under_random_name_and_keeps_facts(media_root):
    name = unicodedata.normalize("NFD", "Biên bản họp.pdf")
    stored = store_upload(upload(name, PDF), folder="ho-so/12")
    assert stored.original_name == "Biên bản họp.pdf"
    assert unicodedata.is_normalized("NFC", stored.original_name)
    assert stored.size == len(PDF)
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert stored.content_type == "application/pdf"
    assert stored.path.startswith("ho-so/12/") and stored.path.endswith(".pdf")
    assert "Biên" not in stored.path
    assert (Path(media_root) / stored.path).read_bytes() == PDF
    other = store_upload(upload(name, PDF), folder="ho-so/12")
    assert other.path != stored.path


def test_store_upload_strips_browser_folder_and_refuses_bad_file(media_root):
    stored = store_upload(upload("C:\\fakepath\\scan.png", PNG), folder="x")
    assert stored.original_name == "scan.png"
    with pytest.raises(ValidationError):
        store_upload(upload("scan.pdf", EXE), folder="x")
    assert len(list((Path(media_root) / "x").iterdir())) == 1


def test_store_upload_cannot_escape_media_root(media_root):
    stored = store_upload(upload("a.pdf", PDF), folder="../../etc")
    assert (Path(media_root) / stored.path).resolve().is_relative_to(Path(media_root).resolve())
    assert ".." not in stored.path


def test_as_fields_maps_to_model_field_names():
    stored = store_bytes(PDF, name="a.pdf", folder="t")
    fields = stored.as_fields()
    assert set(fields) == {"file_path", "original_name", "size", "sha256", "content_type"}
    assert stored.as_fields("scan_")["scan_file_path"] == stored.path


# Closing a FileResponse fires request_finished, which checks the database connection left open by earlier tests.
@pytest.mark.django_db
def test_serve_stored_file_sends_attachment_with_original_name():
    stored = store_bytes(PDF, name="Biên bản họp Hội đồng.pdf", folder="t")
    response = serve_stored_file(stored.path, stored.original_name)
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="bien-ban-hop-hoi-dong.pdf"' in disposition
    assert "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp%20H%E1%BB%99i%20%C4%91%E1%BB%93ng.pdf" in (
        disposition
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_content_disposition_escapes_quotes_and_ascii_fallback():
    header = content_disposition('a"b\r\n.pdf')
    assert "\r" not in header and "\n" not in header
    assert 'filename="ab.pdf"' in header


def test_serve_stored_file_refuses_paths_outside_media_root():
    with pytest.raises(Http404):
        serve_stored_file("../../etc/passwd", "passwd.pdf")
    with pytest.raises(Http404):
        serve_stored_file("t/khong-co.pdf", "x.pdf")


# ---- hostile files (tests/core/hostile.py builds them) -----------------------------------------------------
@pytest.mark.parametrize(
    ("name", "build", "code", "reason"),
    [
        ("to-trinh.pdf", hostile.html_with_pdf_marker, "mismatch", "không phải là PDF"),
        ("bao-cao.pdf", hostile.pdf_with_open_action_javascript, "pdf_javascript", "chứa mã JavaScript"),
        ("bao-cao.pdf", hostile.pdf_with_launch, "pdf_launch", "mở chương trình khác (Launch)"),
        ("bao-cao.pdf", hostile.pdf_with_page_auto_action, "pdf_action", "hành động tự động"),
        ("bao-cao.pdf", hostile.pdf_with_embedded_file, "pdf_embedded", "tệp khác đính kèm bên trong"),
        ("bao-cao.docx", hostile.docx_with_macro, "office_macro", "có macro (mã VBA)"),
        ("bao-cao.docx", hostile.docx_with_external_template, "office_template", "http://198.51.100.7/"),
        ("bao-cao.docx", hostile.zip_bomb_docx, "zip_bomb", "bom nén"),
        ("bao-cao.docx", lambda: b"", "empty_file", "rỗng (0 byte)"),
    ],
)
def test_hostile_upload_is_refused_with_its_reason(name, build, code, reason):
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload(name, build()))
    assert exc.value.code == code
    message = exc.value.messages[0]
    assert f"Tệp “{name}”" in message or f"tệp “{name}”" in message
    assert reason in message


def test_xlsx_with_an_ole_object_is_refused():
    with pytest.raises(ValidationError) as exc:
        check_office_file(io.BytesIO(hostile.xlsx_with_ole_object()), name="danh-sach.xlsx", kind="xlsx")
    assert exc.value.code == "office_ole"
    assert exc.value.messages[0] == (
        "Tệp “danh-sach.xlsx” không được nhận: tệp có đối tượng OLE nhúng bên trong (embeddings)."
    )


@pytest.mark.parametrize(
    ("name", "build", "kind"),
    [
        ("bao-cao.pdf", hostile.clean_pdf, "pdf"),
        ("bao-cao.pdf", hostile.pdf_with_goto_open_action, "pdf"),
        ("bao-cao.docx", hostile.clean_docx, "docx"),
        ("bao-cao.docx", hostile.docx_with_hyperlink, "docx"),
    ],
)
def test_clean_pdf_and_docx_are_accepted(name, build, kind):
    assert validate_upload(upload(name, build())) == kind


def test_zip_caps_come_from_the_settings(settings):
    data = hostile.clean_docx()
    assert validate_upload(upload("bao-cao.docx", data)) == "docx"
    settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES = 100
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("bao-cao.docx", data))
    assert exc.value.code == "zip_bomb"
    settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES = 10**9
    settings.UPLOAD_ZIP_MAX_ENTRIES = 2
    with pytest.raises(ValidationError) as exc:
        validate_upload(upload("bao-cao.docx", data))
    assert exc.value.code == "zip_entries"


def test_organisation_import_refuses_an_xlsx_with_an_ole_object():
    from organisation.importing.files import ImportFileError, check_xlsx_bytes

    with pytest.raises(ImportFileError, match="đối tượng OLE nhúng"):
        check_xlsx_bytes(hostile.xlsx_with_ole_object())
