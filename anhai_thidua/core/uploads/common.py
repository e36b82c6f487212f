"""What every upload shares: the accepted kinds, the stored-file record, the clean original name, the refusal."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError

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
