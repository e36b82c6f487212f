"""Checking, storing and serving uploaded files; shared by every app that accepts uploads.

Only PDF, DOCX, JPEG and PNG are accepted, and the bytes must match the extension: the name alone is
never trusted. The signature must sit at offset 0. A PDF is opened with pikepdf and refused when it
carries JavaScript, launch or automatic actions, or embedded files; an Office file's zip directory is read
(nothing unpacked) with caps on entries, total size and compression ratio, and the file is refused when it
carries macros, OLE objects or external relationships. Reviewers open these files: they must be inert. Files are stored with random
names in Django's default storage: MEDIA_ROOT on the local disk (outside every public folder; MEDIA_URL is
not routed), or a private S3-compatible bucket when STORAGE_S3_BUCKET is set (docs/deployment.md); either way
they are served only through views that check permissions first, with the original name.
"""

from __future__ import annotations

import hashlib
import io
import secrets
import unicodedata
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import filetype
import pikepdf
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _

# extension -> (kind, content type)
ALLOWED_EXTENSIONS: dict[str, tuple[str, str]] = {
    "pdf": ("pdf", "application/pdf"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "jpg": ("jpeg", "image/jpeg"),
    "jpeg": ("jpeg", "image/jpeg"),
    "png": ("png", "image/png"),
}
KIND_LABELS = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "jpeg": "ảnh JPEG",
    "png": "ảnh PNG",
}
ACCEPT_ATTRIBUTE = ".pdf,.docx,.jpg,.jpeg,.png"

_EXECUTABLE_MAGIC = (
    b"MZ",  # Windows PE / DOS
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # Mach-O
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"#!",  # scripts
)
_HEAD_BYTES = 8192


@dataclass(frozen=True)
class StoredFile:
    """Where an upload was stored and what it was: enough for a model row and for serving it back."""

    path: str  # relative to MEDIA_ROOT, POSIX separators
    original_name: str  # NFC, without any folder part
    size: int
    sha256: str
    content_type: str

    def as_fields(self, prefix: str = "") -> dict:
        """The values as model field names: file_path, original_name, size, sha256, content_type."""
        names = {"path": "file_path"}
        return {f"{prefix}{names.get(k, k)}": v for k, v in asdict(self).items()}


def clean_original_name(name: str) -> str:
    """The user's file name in NFC, without the folder some browsers send (C:\\fakepath\\…)."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 200 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else name[:200]
    return name or "tep-tin"


def _extension(name: str) -> str:
    suffix = PurePosixPath(name).suffix
    return suffix[1:].lower() if suffix else ""


def _read_head(file) -> bytes:
    file.seek(0)
    head = file.read(_HEAD_BYTES)
    file.seek(0)
    return head or b""


def _refuse(message: str, code: str, name: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params={"name": name, **params})


def _content_matches(kind: str, head: bytes) -> bool:
    """The file's signature at offset 0 (a PDF header further in is how an HTML page passed as a PDF)."""
    if kind == "pdf":
        return head.startswith(b"%PDF-")
    if kind == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind == "jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if kind in {"docx", "xlsx"}:
        return head.startswith(b"PK\x03\x04")
    return False


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


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve()


def _safe_folder(folder: str) -> PurePosixPath:
    parts = [slugify(p) for p in PurePosixPath(folder.replace("\\", "/")).parts if p not in {"/", ".", ".."}]
    parts = [p for p in parts if p]
    if not parts:
        raise ValueError("an upload folder is required")
    return PurePosixPath(*parts)


def _safe_path(path: str) -> str:
    """A stored file's relative path, or Http404 for anything that could leave the storage's root."""
    pure = PurePosixPath(str(path).replace("\\", "/"))
    if not path or pure.is_absolute() or any(part in {"", ".", ".."} for part in pure.parts):
        raise Http404
    return pure.as_posix()


def store_upload(file, *, folder: str) -> StoredFile:
    """Check `file` (validate_upload) and save it as <folder>/<random name>.<ext> in the default storage
    (STORAGES["default"]: MEDIA_ROOT on the local disk, or the private S3-compatible bucket when
    STORAGE_S3_BUCKET is set; never a public URL).

    Returns the StoredFile facts (relative path, original NFC name, size, sha256, content type).
    Raises ValidationError when the file is refused; nothing is written then.
    """
    from django.core.files import File
    from django.core.files.storage import default_storage

    validate_upload(file)
    original = clean_original_name(file.name)
    ext = _extension(original)
    ext = "jpg" if ext == "jpeg" else ext
    relative = (_safe_folder(folder) / f"{secrets.token_hex(16)}.{ext}").as_posix()
    digest = hashlib.sha256()
    size = 0
    file.seek(0)
    chunks = file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(64 * 1024), b"")
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    file.seek(0)
    # A random name; storage.save() never overwrites (the local disk picks another name, S3 is configured
    # with file_overwrite=False), and the name it used is the one kept.
    saved = default_storage.save(relative, File(file, name=relative))
    file.seek(0)
    return StoredFile(
        path=PurePosixPath(saved.replace("\\", "/")).as_posix(),
        original_name=original,
        size=size,
        sha256=digest.hexdigest(),
        content_type=ALLOWED_EXTENSIONS[_extension(original)][1],
    )


def store_bytes(data: bytes, *, name: str, folder: str) -> StoredFile:
    """store_upload for bytes made by the program (seeds, generated documents)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return store_upload(SimpleUploadedFile(name, data), folder=folder)


def stored_file_path(path: str) -> Path:
    """The absolute local path of a stored file (local-disk storage only; read_stored_file works on any
    storage); refuses anything that would leave MEDIA_ROOT."""
    root = _media_root()
    full = (root / _safe_path(path)).resolve()
    if root not in full.parents:
        raise Http404
    return full


def open_stored_file(path: str):
    """A stored file opened for reading, from whichever storage is configured; Http404 if it is not there."""
    from django.core.files.storage import default_storage

    try:
        return default_storage.open(_safe_path(path), "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    except Exception as exc:  # botocore's ClientError for a missing key
        if exc.__class__.__name__ in {"ClientError", "NoSuchKey"}:
            raise Http404 from exc
        raise


def read_stored_file(path: str) -> bytes | None:
    """The bytes of a stored file, or None when it is not there."""
    try:
        with open_stored_file(path) as fh:
            return fh.read()
    except Http404:
        return None


def delete_stored_file(path: str) -> None:
    """Remove a stored file if it is there (call it from transaction.on_commit)."""
    from django.core.files.storage import default_storage

    try:
        default_storage.delete(_safe_path(path))
    except (Http404, FileNotFoundError):
        pass


def content_disposition(original_name: str, *, inline: bool = False) -> str:
    """attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded original (RFC 6266/5987)."""
    name = clean_original_name(original_name)
    ascii_name = name.replace("đ", "d").replace("Đ", "D")
    stem, dot, ext = ascii_name.rpartition(".")
    if dot:
        fallback = f"{slugify(stem) or 'tep-tin'}.{slugify(ext)}"
    else:
        fallback = slugify(ascii_name) or "tep-tin"
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def serve_stored_file(path: str, original_name: str, *, content_type: str = "") -> FileResponse:
    """A download of a stored file under its original name, streamed from the storage through this view
    (never a public or pre-signed URL). Check permissions before calling it."""
    handle = open_stored_file(path)
    if not content_type:
        ext = _extension(original_name) or _extension(path)
        content_type = ALLOWED_EXTENSIONS.get(ext, ("", "application/octet-stream"))[1]
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
