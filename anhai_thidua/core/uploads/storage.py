"""Storing files with random names in the default storage, and serving them with their original name."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.text import slugify

from .common import ALLOWED_EXTENSIONS, StoredFile, _extension, clean_original_name
from .validation import validate_upload


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
