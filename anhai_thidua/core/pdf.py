"""One helper renders every document: a Django template → WeasyPrint → PDF bytes.

The URL fetcher serves only files from our static folders and refuses every other URL, so user
text can never make the renderer reach the network or the file system.

Official documents (NĐ 30/2020/NĐ-CP) share three pieces, each a template include under
templates/pdf/ fed by one of the small objects below:

- ``pdf/_header.html``     ← ``header``: a :class:`DocumentHeader` (issuer, number, Quốc hiệu, date line);
- ``pdf/_doc_title.html``  ← ``doc_type`` and ``doc_title`` (e.g. "QUYẾT ĐỊNH" / "Về việc …");
- ``pdf/_sign_off.html``   ← ``recipients`` (list of str) and ``signature``: a :class:`Signature`;
  it lays out ``pdf/_recipients.html`` and ``pdf/_signature.html`` side by side and keeps them,
  with an optional closing sentence, on one page.

A document template extends ``pdf/base.html`` and includes them; see campaigns/pdf/plan.html.
"""

import mimetypes
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_PREFIX = "static:"

# "ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI" is set on two lines, as every ward prints it.
_ISSUER_SPLIT = re.compile(
    r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|HỘI ĐỒNG THI ĐUA[ ,-]+KHEN THƯỞNG)\s+(.+)$",
    re.IGNORECASE,
)


def issuer_lines(issuer: str) -> list[str]:
    """The issuing body's name as printed lines: an explicit line break wins, else the usual split."""
    issuer = (issuer or "").strip()
    if "\n" in issuer:
        return [line.strip() for line in issuer.splitlines() if line.strip()]
    match = _ISSUER_SPLIT.match(issuer)
    return [match.group(1), match.group(2)] if match else ([issuer] if issuer else [])


_SHORT_NUMBER = re.compile(r"(?<![\w/.,])(\d{1,2}) (?=\w)")


def keep_numbers_with_words(text: str) -> str:
    """Join a short number to the word after it ("6 tháng") with a no-break space, for titles."""
    return _SHORT_NUMBER.sub("\\1\u00a0", text or "")


@dataclass(frozen=True)
class DocumentHeader:
    """The top of an official document: issuer (left) and Quốc hiệu, Tiêu ngữ, date line (right)."""

    issuer: str
    reference: str  # "05/KH-UBND"; printed after "Số: "
    date_line: str  # "An Hải, ngày 05 tháng 02 năm 2026"
    issuer_parent: str = ""

    @property
    def issuer_lines(self) -> list[str]:
        return issuer_lines(self.issuer)

    @property
    def issuer_parent_lines(self) -> list[str]:
        return issuer_lines(self.issuer_parent)


@dataclass(frozen=True)
class Signature:
    """A signature block: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", space, the signer's name."""

    title: str  # "PHÓ CHỦ TỊCH", "CHỦ TỊCH", "THƯ KÝ"
    name: str = ""
    authority: str = ""  # "TM. ỦY BAN NHÂN DÂN"
    capacity: str = ""  # "KT. CHỦ TỊCH"
    lines: list[str] = field(default_factory=list)

    def __post_init__(self):
        object.__setattr__(self, "lines", [x for x in (self.authority, self.capacity, self.title) if x])


class RefusedURL(ValueError):
    """A document asked for a URL outside the allow-list; WeasyPrint logs it and leaves the resource out."""


def _allowed_static_path(url: str) -> str | None:
    if not url.startswith(STATIC_PREFIX):
        return None
    try:
        return finders.find(unquote(url[len(STATIC_PREFIX) :].split("?", 1)[0]).lstrip("/"))
    except SuspiciousFileOperation:  # "static:/../../etc/passwd"
        return None


class DocumentURLFetcher(URLFetcher):
    """WeasyPrint's fetcher with an allow-list: our static files (``static:`` URLs) and ``data:`` URLs.

    Every other URL (http, https, file, ftp, a static path that leaves the static folders) raises
    RefusedURL before anything is opened: no socket, no file outside our static folders.
    """

    def __init__(self, **kwargs):
        # No redirects, and only data: ever reaches urllib (static: never does).
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=False, **kwargs)

    def fetch(self, url, headers=None):
        path = _allowed_static_path(url)
        if path:
            mime, _encoding = mimetypes.guess_type(path)
            with open(path, "rb") as fh:
                body = fh.read()
            return URLFetcherResponse(url, body, {"Content-Type": mime or "application/octet-stream"})
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise RefusedURL(f"refused URL in a document: {url[:80]}")


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of an HTML string, with relative URLs resolved against our static files only."""
    return HTML(string=html, base_url=STATIC_PREFIX + "/", url_fetcher=DocumentURLFetcher()).write_pdf()


def render_html(template_name: str, context: dict) -> str:
    """The document's HTML (cheap: the template only), which html_to_pdf lays out."""
    context = {"PDF_FONT_FAMILY": settings.PDF_FONT_FAMILY, **context}
    return render_to_string(template_name, context)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a document template to PDF bytes with the installed fonts."""
    return html_to_pdf(render_html(template_name, context))
