"""One helper renders every document: a Django template → WeasyPrint → PDF bytes.

The URL fetcher serves only files from our static folders and refuses every other URL, so user
text can never make the renderer reach the network or the file system.
"""

import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

STATIC_PREFIX = "static:"


class RefusedURL(ValueError):
    pass


def _fetcher(url: str, *args, **kwargs):
    if url.startswith(STATIC_PREFIX):
        path = finders.find(url[len(STATIC_PREFIX) :].lstrip("/"))
        if path:
            mime, _ = mimetypes.guess_type(path)
            with open(path, "rb") as fh:
                return {"string": fh.read(), "mime_type": mime or "application/octet-stream"}
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url)
    raise RefusedURL(f"refused URL in a document: {url[:80]}")


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a document template to PDF bytes with the installed fonts."""
    from weasyprint import HTML

    context = {"PDF_FONT_FAMILY": settings.PDF_FONT_FAMILY, **context}
    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=STATIC_PREFIX + "/", url_fetcher=_fetcher).write_pdf()
