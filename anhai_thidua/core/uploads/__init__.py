"""Checking, storing and serving uploaded files; shared by every app that accepts uploads.

Only PDF, DOCX, JPEG and PNG are accepted, and the bytes must match the extension: the name alone is
never trusted. The signature must sit at offset 0. A PDF is opened with pikepdf and refused when it
carries JavaScript, launch or automatic actions, or embedded files (`pdf.py`); an Office file's zip
directory is read (nothing unpacked) with caps on entries, total size and compression ratio, and the file is
refused when it carries macros, OLE objects or external relationships (`office.py`). Reviewers open these
files: they must be inert. `validation.py` puts the checks together for a form's file field.

Files are stored with random names in Django's default storage (`storage.py`): MEDIA_ROOT on the local disk
(outside every public folder; MEDIA_URL is not routed), or a private S3-compatible bucket when
STORAGE_S3_BUCKET is set (docs/deployment.md); either way they are served only through views that check
permissions first, with the original name.
"""

from .common import ACCEPT_ATTRIBUTE, ALLOWED_EXTENSIONS, KIND_LABELS, StoredFile, clean_original_name
from .office import check_office_file
from .storage import (
    content_disposition,
    delete_stored_file,
    open_stored_file,
    read_stored_file,
    serve_stored_file,
    store_bytes,
    store_upload,
    stored_file_path,
)
from .validation import validate_upload

__all__ = [
    "ACCEPT_ATTRIBUTE",
    "ALLOWED_EXTENSIONS",
    "KIND_LABELS",
    "StoredFile",
    "check_office_file",
    "clean_original_name",
    "content_disposition",
    "delete_stored_file",
    "open_stored_file",
    "read_stored_file",
    "serve_stored_file",
    "store_bytes",
    "store_upload",
    "stored_file_path",
    "validate_upload",
]
