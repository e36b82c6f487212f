"""Sign-ins, failed sign-ins and lock-outs go to the audit trail; a sign-in starts the session clock."""

import time

from .audit import audit_record
from .middleware import SEEN, STARTED


def client_address(request) -> str:
    """The address django-axes throttles (it honours the proxy settings), else the socket's peer."""
    if request is None:
        return ""
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "")


def on_user_logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[STARTED] = request.session[SEEN] = time.time()
    audit_record(actor=user, action="sign_in", target=user, note=f"Địa chỉ: {client_address(request)}")


def on_user_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        actor=None,
        action="sign_in_failed",
        target=None,
        note=f"Tên đăng nhập: {username}; địa chỉ: {client_address(request)}",
    )


def on_user_locked_out(sender, request, username, ip_address, **kwargs):
    audit_record(
        actor=None,
        action="sign_in_locked_out",
        target=None,
        note=f"Tên đăng nhập: {str(username or '')[:150]}; địa chỉ: {ip_address or ''}",
    )
