"""Sessions end after SESSION_IDLE_MINUTES without a request and SESSION_MAX_AGE_HOURS after sign-in."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

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
