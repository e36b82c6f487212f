"""Middleware that guards the app's edges: the size of what is sent, and a database that went away."""

import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.template.defaultfilters import filesizeformat

from .errors import database_unavailable, request_too_large

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
