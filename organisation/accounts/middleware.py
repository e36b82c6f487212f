"""Sends a signed-in user to the step they still owe (code, password change, TOTP enrolment)."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import steps

# Pages a user may reach while a step is pending: the step pages themselves and the way out.
ALLOWED = {
    "accounts:verify",
    "accounts:password_change",
    "accounts:otp_enrol",
    "logout",
    "admin:logout",
    "set_language",
    "healthz",
}


class AccountSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.resolver_match and request.resolver_match.view_name in ALLOWED:
            return None
        step = request.session.get(steps.SESSION_KEY, "")
        if step == steps.VERIFY:
            target = "accounts:verify"
        elif user.must_change_password:
            target = "accounts:password_change"
        elif step == steps.ENROL:
            target = "accounts:otp_enrol"
        else:
            return None
        next_url = request.get_full_path() if request.method == "GET" else reverse("home")
        return redirect(f"{reverse(target)}?{urlencode({'next': next_url})}")
