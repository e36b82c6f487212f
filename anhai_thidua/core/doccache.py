"""A small cache of generated documents, keyed by what they are made of.

    pdf = cached_pdf("campaign-plan", "campaigns/pdf/plan.html", context)

The key is the document kind, a SHA-256 of the data it depends on and the template version
(settings.DOCUMENT_CACHE_VERSION, which a change of the documents' CSS or fonts bumps, and WeasyPrint's
version). For a template document the data is its rendered HTML: every figure, date and sentence the PDF
prints is in it, so any edit of the data or of the template makes a new key and a new render, and nothing
can be forgotten in a hand-made key. Rendering the HTML costs the queries and the template (milliseconds);
WeasyPrint's layout, the expensive part, runs once per distinct content.

The bytes are kept through Django's default storage (STORAGES["default"]: the local disk, or S3-compatible
object storage when configured) under generated/<kind>/<2 hex>/<key>.pdf: private paths that no URL serves,
shared by every web process and worker. A stale entry is never served, since its key no longer matches;
old entries can be removed with prune().
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

log = logging.getLogger(__name__)

ROOT = "generated"


def _engine_version() -> str:
    try:
        import weasyprint

        return weasyprint.__version__
    except ImportError:  # pragma: no cover
        return ""


def document_key(kind: str, data: bytes | str) -> str:
    """The cache key of a document of `kind` made from `data` (bytes or text)."""
    if isinstance(data, str):
        data = data.encode()
    digest = hashlib.sha256()
    for part in (kind, str(settings.DOCUMENT_CACHE_VERSION), _engine_version()):
        digest.update(part.encode() + b"\0")
    digest.update(data)
    return digest.hexdigest()


def _path(kind: str, key: str, ext: str) -> str:
    return f"{ROOT}/{kind}/{key[:2]}/{key}.{ext}"


def get_or_render(kind: str, data: bytes | str, render: Callable[[], bytes], *, ext: str = "pdf") -> bytes:
    """The document for `data` from the cache, or render() once and keep it."""
    path = _path(kind, document_key(kind, data), ext)
    try:
        with default_storage.open(path, "rb") as fh:
            return fh.read()
    except (FileNotFoundError, OSError):
        pass
    except Exception:  # noqa: BLE001 - an object store that is down must not stop the document
        log.warning("document cache: cannot read %s", path, exc_info=True)
    content = render()
    try:
        if not default_storage.exists(path):  # two renders at once: the first one kept is the one
            default_storage.save(path, ContentFile(content))
    except Exception:  # noqa: BLE001 - a full disk or a down object store: serve the render anyway
        log.warning("document cache: cannot write %s", path, exc_info=True)
    return content


def cached_pdf(kind: str, template_name: str, context: dict) -> bytes:
    """A template document as PDF, laid out by WeasyPrint only when its HTML has not been seen before."""
    from .pdf import html_to_pdf, render_html

    html = render_html(template_name, context)
    return get_or_render(kind, html, lambda: html_to_pdf(html))


def prune(kind: str, *, older_than: timedelta = timedelta(days=30)) -> int:
    """Remove the cached documents of `kind` not written for `older_than`; returns how many."""
    cutoff = timezone.now() - older_than
    removed = 0
    base = f"{ROOT}/{kind}"
    try:
        buckets, _files = default_storage.listdir(base)
    except (FileNotFoundError, OSError):
        return 0
    for bucket in buckets:
        for name in default_storage.listdir(f"{base}/{bucket}")[1]:
            path = f"{base}/{bucket}/{name}"
            try:
                modified = default_storage.get_modified_time(path)
            except (NotImplementedError, OSError):
                continue
            if modified < cutoff:
                default_storage.delete(path)
                removed += 1
    return removed
