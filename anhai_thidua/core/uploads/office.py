"""An Office file (DOCX, XLSX): its zip directory and small XML parts read, refused on macros, OLE, external links."""

from __future__ import annotations

import zipfile

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .common import KIND_LABELS, _refuse, clean_original_name

# ---- Office Open XML (DOCX, XLSX) --------------------------------------------------------------------------
_OFFICE_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_MACRO_CONTENT_TYPE_MARKERS = ("macroenabled", "vbaproject", "ms-office.activex", "ms-excel.sheet.binary")
_HYPERLINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def _office_problem(file, name: str, kind: str) -> ValidationError | None:
    """Read the zip's central directory (nothing unpacked yet), then only the small XML parts that say what
    the package holds: [Content_Types].xml and the .rels files."""
    label = KIND_LABELS[kind]
    broken = _refuse(
        _("Tệp “%(name)s” không được nhận: nội dung không phải là tệp %(label)s hợp lệ."),
        "mismatch",
        name,
        label=label,
    )
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if len(infos) > settings.UPLOAD_ZIP_MAX_ENTRIES:
                return _refuse(
                    _("Tệp “%(name)s” không được nhận: tệp chứa quá nhiều thành phần (%(count)s)."),
                    "zip_entries",
                    name,
                    count=len(infos),
                )
            total = sum(info.file_size for info in infos)
            ratio_cap = settings.UPLOAD_ZIP_MAX_RATIO
            bomb = total > settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES or any(
                info.file_size > 1024 * 1024 and info.file_size > ratio_cap * max(info.compress_size, 1)
                for info in infos
            )
            if bomb:
                return _refuse(
                    _(
                        "Tệp “%(name)s” không được nhận: khi giải nén, tệp phình ra bất thường "
                        "(%(size)s) — có thể là “bom nén”."
                    ),
                    "zip_bomb",
                    name,
                    size=filesizeformat(total),
                )
            if any(info.flag_bits & 0x1 for info in infos):
                return _refuse(
                    _("Tệp “%(name)s” không được nhận: tệp đặt mật khẩu. Hãy bỏ mật khẩu rồi tải lên lại."),
                    "zip_encrypted",
                    name,
                )
            names = {info.filename for info in infos}
            lowered = {n.lower() for n in names}
            if "[Content_Types].xml" not in names or _OFFICE_MAIN_PART[kind] not in names:
                return broken
            if any(n.endswith(("vbaproject.bin", "vbadata.xml")) or "/activex/" in n for n in lowered):
                return _macro_refusal(name)
            if any("/embeddings/" in n for n in lowered):
                return _refuse(
                    _("Tệp “%(name)s” không được nhận: tệp có đối tượng OLE nhúng bên trong (embeddings)."),
                    "office_ole",
                    name,
                )
            content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace").lower()
            if any(marker in content_types for marker in _MACRO_CONTENT_TYPE_MARKERS):
                return _macro_refusal(name)
            if "oleobject" in content_types:
                return _refuse(
                    _("Tệp “%(name)s” không được nhận: tệp có đối tượng OLE nhúng bên trong (embeddings)."),
                    "office_ole",
                    name,
                )
            for rels in sorted(n for n in names if n.endswith(".rels")):
                problem = _relationships_problem(archive.read(rels), name)
                if problem:
                    return problem
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError, ValueError):
        return broken
    finally:
        file.seek(0)
    return None


def _macro_refusal(name: str) -> ValidationError:
    return _refuse(
        _("Tệp “%(name)s” không được nhận: tệp có macro (mã VBA). Hãy lưu lại dưới dạng không có macro."),
        "office_macro",
        name,
    )


def _relationships_problem(xml: bytes, name: str) -> ValidationError | None:
    """An external relationship makes Word or Excel reach out when the file opens (a remote template, a
    linked OLE object or image). Hyperlinks are external too but only followed on a click: they stay."""
    try:
        root = ElementTree.fromstring(xml)
    except (ElementTree.ParseError, DefusedXmlException):
        return _refuse(
            _("Tệp “%(name)s” không được nhận: nội dung không phải là tệp Office hợp lệ."), "mismatch", name
        )
    for rel in root:
        rel_type = rel.get("Type", "")
        if rel_type.endswith("/attachedTemplate") and rel.get("TargetMode") == "External":
            return _refuse(
                _("Tệp “%(name)s” không được nhận: tệp gắn với mẫu (template) ở bên ngoài: %(target)s."),
                "office_template",
                name,
                target=rel.get("Target", "")[:80],
            )
        if rel_type.endswith("/oleObject"):
            return _refuse(
                _("Tệp “%(name)s” không được nhận: tệp có đối tượng OLE nhúng bên trong (embeddings)."),
                "office_ole",
                name,
            )
        if rel.get("TargetMode") == "External" and rel_type != _HYPERLINK_TYPE:
            return _refuse(
                _("Tệp “%(name)s” không được nhận: tệp tự tải nội dung từ bên ngoài khi mở: %(target)s."),
                "office_external",
                name,
                target=rel.get("Target", "")[:80],
            )
    return None


def check_office_file(file, *, name: str, kind: str) -> None:
    """Raise ValidationError when a DOCX or XLSX carries macros, OLE objects or external relationships,
    or would expand past the zip caps. Used by validate_upload and by the organisation import."""
    problem = _office_problem(file, clean_original_name(name), kind)
    if problem:
        raise problem
