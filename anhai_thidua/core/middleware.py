"""Middleware at the app's edges: session limits, the audit of downloads, the size of what is sent, and a
database that went away."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .errors import database_unavailable, request_too_large

STARTED = "_session_started"
SEEN = "_session_seen"
# The last-seen time is written at most this often, so a page with many requests saves the session once.
SEEN_RESOLUTION_SECONDS = 30


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.get(STARTED)
            seen = request.session.get(SEEN)
            if started is None:  # first request of this sign-in
                request.session[STARTED] = request.session[SEEN] = now
            elif (
                now - seen > settings.SESSION_IDLE_MINUTES * 60
                or now - started > settings.SESSION_MAX_AGE_HOURS * 3600
            ):
                logout(request)  # flushes the session: a new key, nothing of the old one kept
                messages.info(request, _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."))
                return redirect_to_login(request.get_full_path())
            elif now - seen > SEEN_RESOLUTION_SECONDS:
                request.session[SEEN] = now
        return self.get_response(request)


class DownloadAuditMiddleware:
    """Every file the site hands out (uploaded files, generated PDFs and workbooks) is written to the audit
    trail: who, which address, which URL, which file name.

    One place for every view that sets Content-Disposition, present and future, instead of a call in each.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        disposition = response.get("Content-Disposition", "")
        if disposition and response.status_code == 200:
            from .audit import audit_record
            from .auth_events import client_address

            user = getattr(request, "user", None)
            audit_record(
                actor=user,
                action="file_download",
                target=None,
                note=f"{request.path} — {_file_name(disposition)}; địa chỉ: {client_address(request)}",
            )
        return response


def _file_name(disposition: str) -> str:
    """The UTF-8 file name of a Content-Disposition header (RFC 5987), else its plain file name."""
    from urllib.parse import unquote

    plain = ""
    for part in disposition.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "filename*" and value.lower().startswith("utf-8''"):
            return unquote(value[7:])[:200]
        if key.lower() == "filename":
            plain = value.strip('"')
    return plain[:200]


logger = logging.getLogger("anhai_thidua.errors")


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body exceeds settings.REQUEST_MAX_BYTES before anything reads it.

    The proxy in front (client_max_body_size, docs/security.md) refuses it first; this is the same limit
    for a deployment without one. Django's DATA_UPLOAD_MAX_MEMORY_SIZE then caps the form fields."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            return request_too_large(filesizeformat(settings.REQUEST_MAX_BYTES))
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A lost database connection becomes the app's own 503 page, and the broken connections are closed
    so that the next request opens new ones (CONN_HEALTH_CHECKS checks the reused ones)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError) and not (
            isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
        ):
            return None
        logger.error("database unavailable during %s %s", request.method, request.path, exc_info=exception)
        for connection in connections.all(initialized_only=True):
            try:
                connection.close()
            except DatabaseError:
                pass
        return database_unavailable()
