"""The app's own error pages: 400, 403, 404, 500 and the CSRF failure, in the site's layout and language.

Each page says what happened and where to go next. The 500 page is rendered from a template that needs no
database and no request (``500.html`` extends ``errors/_page.html``, which the 413 and 503 pages of the middleware use too), so it still shows when the database is
down. With DEBUG on, Django answers a 404 with its debug page listing every URL; ``ErrorPageMiddleware``
replaces it with the app's page, so a user of ``make run`` never sees the URL list for another unit's dossier.
"""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger("anhai_thidua.errors")

# Set on every response rendered here (tests and the middleware tell the app's pages by it).
MARK = "_anhai_error_page"


def _back_url(request) -> str:
    """The page the user came from, when it is on this site and not the failing page itself."""
    referer = request.META.get("HTTP_REFERER", "")
    if (
        referer
        and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and not referer.endswith(request.get_full_path())
    ):
        return referer
    return ""


def _render(request, template_name: str, status: int, **context) -> HttpResponse:
    context.setdefault("back_url", _back_url(request))
    context.setdefault("request_path", request.path)
    body = loader.render_to_string(template_name, context, request=request)
    response = HttpResponse(body, status=status)
    setattr(response, MARK, True)
    return response


@requires_csrf_token
def bad_request(request, exception=None):
    return _render(request, "400.html", 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return _render(request, "403.html", 403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return _render(request, "404.html", 404)


def server_error(request=None):
    """No request context, no database: the template is rendered on its own."""
    template = loader.get_template("500.html")
    response = HttpResponse(template.render({"status": 500}), status=500)
    setattr(response, MARK, True)
    return response


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: usually an expired form after a long pause or a new sign-in elsewhere."""
    return _render(request, "403_csrf.html", 403)


class ErrorPageMiddleware:
    """With DEBUG on, show the app's 404 page instead of Django's technical page (which lists every URL).

    With DEBUG off Django already calls ``handler404``; 403 never has a debug page. A 500 keeps Django's
    debug page in development, where the traceback is the point.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not getattr(response, MARK, False)
            and b"<code>DEBUG = True</code>" in getattr(response, "content", b"")
        ):
            return page_not_found(request)
        return response


# ---- pages for the edges (middleware): no database, no session, no user ----------------------------


def error_page(status: int, title: str, message: str, **headers) -> HttpResponse:
    """A page for the app's edges (413, 503): the static-safe layout, no request, no database."""
    html = render_to_string("errors/_page.html", {"status": status, "title": title, "message": message})
    response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    response["Cache-Control"] = "no-store"
    return response


def database_unavailable() -> HttpResponse:
    return error_page(
        503,
        _("Hệ thống tạm thời gián đoạn"),
        _("Cơ sở dữ liệu đang tạm thời không trả lời. Dữ liệu đã lưu không bị mất; hãy thử lại sau ít giây."),
        Retry_After="10",
    )


def request_too_large(limit_text: str) -> HttpResponse:
    return error_page(
        413,
        _("Dữ liệu gửi lên quá lớn"),
        _(
            "Nội dung gửi lên vượt quá %(limit)s cho một lần gửi. Hãy quay lại, chọn tệp nhỏ hơn "
            "(hoặc nén, chia nhỏ tệp) rồi gửi lại."
        )
        % {"limit": limit_text},
    )
