"""validate_upload: the kind from the name, the bytes at offset 0, the size, then the PDF or Office checks."""

from __future__ import annotations

import io

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .common import (
    _EXECUTABLE_MAGIC,
    ALLOWED_EXTENSIONS,
    KIND_LABELS,
    _content_matches,
    _extension,
    _read_head,
    clean_original_name,
)
from .office import _OFFICE_MAIN_PART, _office_problem
from .pdf import _pdf_problem


def _describe(head: bytes) -> str:
    guess = filetype.guess(head)
    return guess.extension.upper() if guess else ""


def validate_upload(file) -> str:
    """Check an uploaded file; return its kind ("pdf", "docx", "jpeg", "png").

    Raises ValidationError with a Vietnamese message for: an extension not allowed, an empty file, a file
    over settings.UPLOAD_MAX_BYTES, an executable under any name, a signature at offset 0 that does not match
    the extension, a PDF with JavaScript, launch or automatic actions or embedded files (pikepdf), a DOCX with
    macros, OLE objects or external relationships, or a zip past the caps (settings.UPLOAD_ZIP_*). Every
    message names the file. Usable as a form field validator.
    """
    name = clean_original_name(getattr(file, "name", "") or "")
    ext = _extension(name)
    if ext not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Tệp “%(name)s” không được nhận: chỉ nhận tệp PDF, DOCX, JPEG hoặc PNG."),
            code="extension",
            params={"name": name},
        )
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(0)
    if not size:
        raise ValidationError(
            _("Tệp “%(name)s” rỗng (0 byte). Hãy chọn lại tệp có nội dung."),
            code="empty_file",  # not "empty": FileField would put its own message in place of ours
            params={"name": name},
        )
    limit = settings.UPLOAD_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” có dung lượng %(size)s, vượt quá mức tối đa %(limit)s cho mỗi tệp."),
            code="too_big",
            params={"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    head = _read_head(file)
    if not head:
        raise ValidationError(
            _("Tệp “%(name)s” rỗng (0 byte). Hãy chọn lại tệp có nội dung."),
            code="empty_file",  # not "empty": FileField would put its own message in place of ours
            params={"name": name},
        )
    if head.startswith(_EXECUTABLE_MAGIC) or _describe(head) in {"EXE", "ELF", "DLL"}:
        raise ValidationError(
            _("Tệp “%(name)s” là chương trình chạy được (đã bị đổi tên), không được nhận vì lý do an toàn."),
            code="executable",
            params={"name": name},
        )
    kind, _content_type = ALLOWED_EXTENSIONS[ext]
    if not _content_matches(kind, head):
        actual = _describe(head)
        if actual:
            message = _(
                "Nội dung tệp “%(name)s” không khớp với phần mở rộng: tệp mang đuôi .%(ext)s "
                "nhưng thực chất là tệp %(actual)s."
            )
        else:
            message = _(
                "Nội dung tệp “%(name)s” không phải là %(label)s như phần mở rộng .%(ext)s cho biết. "
                "Hãy lưu lại tệp đúng định dạng rồi tải lên."
            )
        raise ValidationError(
            message,
            code="mismatch",
            params={"name": name, "ext": ext, "actual": actual, "label": KIND_LABELS[kind]},
        )
    problem = (
        _pdf_problem(file, name)
        if kind == "pdf"
        else _office_problem(file, name, kind)
        if kind in _OFFICE_MAIN_PART
        else None
    )
    if problem:
        raise problem
    return kind
