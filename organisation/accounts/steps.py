"""What a signed-in user must do before anything else: verify a code, change the password, enrol TOTP.

The step is decided once, at sign-in, and kept in the session, so ordinary requests cost no query.
"""

from django.conf import settings
from django_otp import user_has_device

SESSION_KEY = "_account_step"
VERIFY = "verify"
ENROL = "enrol"


def otp_required_for(user) -> bool:
    """True when the user holds a role listed in OTP_REQUIRED_ROLES (superusers count as `admin`)."""
    required = set(settings.OTP_REQUIRED_ROLES)
    return bool(required) and bool(required & user.role_codes())


def step_at_sign_in(user) -> str:
    if user_has_device(user, confirmed=True):
        return VERIFY
    if otp_required_for(user):
        return ENROL
    return ""


def on_user_logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = step_at_sign_in(user)


def step_done(request) -> None:
    request.session[SESSION_KEY] = ""
