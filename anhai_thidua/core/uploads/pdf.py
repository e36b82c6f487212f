"""A PDF is opened with pikepdf and refused when it carries JavaScript, launch or automatic actions, or files."""

from __future__ import annotations

import pikepdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .common import _refuse

# ---- PDF -------------------------------------------------------------------------------------------------
# Keys that make a PDF act when it is opened or clicked, or carry another file.
_PDF_SCRIPT_KEYS = {"/JS", "/JavaScript"}
_PDF_ACTION_TYPES = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/SubmitForm",
    "/RichMediaExecute",
    "/Rendition",
}
_PDF_EMBED_KEYS = {"/EmbeddedFiles", "/EmbeddedFile", "/EF", "/RichMedia"}


def _pdf_problem(file, name: str) -> ValidationError | None:
    file.seek(0)
    try:
        with pikepdf.open(file) as pdf:
            for obj in pdf.objects:
                if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                    continue
                keys = set(obj.keys())
                if keys & _PDF_SCRIPT_KEYS or obj.get("/S") == "/JavaScript":
                    return _refuse(
                        _("Tệp “%(name)s” không được nhận: tệp PDF chứa mã JavaScript."),
                        "pdf_javascript",
                        name,
                    )
                if obj.get("/S") == pikepdf.Name.Launch or "/Launch" in keys:
                    return _refuse(
                        _("Tệp “%(name)s” không được nhận: tệp PDF có lệnh mở chương trình khác (Launch)."),
                        "pdf_launch",
                        name,
                    )
                if "/AA" in keys or obj.get("/S") in _PDF_ACTION_TYPES:
                    return _refuse(
                        _(
                            "Tệp “%(name)s” không được nhận: tệp PDF có hành động tự động khi mở hoặc khi bấm."
                        ),
                        "pdf_action",
                        name,
                    )
                if keys & _PDF_EMBED_KEYS or obj.get("/Type") == "/EmbeddedFile":
                    return _refuse(
                        _("Tệp “%(name)s” không được nhận: tệp PDF có tệp khác đính kèm bên trong."),
                        "pdf_embedded",
                        name,
                    )
            open_action = pdf.Root.get("/OpenAction")
            if isinstance(open_action, pikepdf.Dictionary) and open_action.get("/S") not in (None, "/GoTo"):
                return _refuse(
                    _("Tệp “%(name)s” không được nhận: tệp PDF có hành động tự động khi mở hoặc khi bấm."),
                    "pdf_action",
                    name,
                )
    except pikepdf.PasswordError:
        return _refuse(
            _("Tệp “%(name)s” không được nhận: tệp PDF đặt mật khẩu. Hãy bỏ mật khẩu rồi tải lên lại."),
            "pdf_encrypted",
            name,
        )
    except (pikepdf.PdfError, ValueError, OSError, RecursionError):
        return _refuse(
            _("Tệp “%(name)s” không được nhận: tệp PDF bị hỏng, không đọc được."), "pdf_damaged", name
        )
    finally:
        file.seek(0)
    return None
