"""Writes on a user's own account: password change, TOTP enrolment and verification."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib.auth import update_session_auth_hash
from django.db import transaction
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from anhai_thidua.core.audit import audit_record

from . import steps

DEVICE_NAME = "Ứng dụng xác thực"


def account_password_change(*, request, form) -> None:
    """Save the new password of a valid PasswordChangeForm.

    Side effects: the session survives with the new password's hash, the forced-change flag is cleared,
    an audit row `password_change` is written.
    """
    with transaction.atomic():
        user = form.save()
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        audit_record(actor=user, action="password_change", target=user)
    update_session_auth_hash(request, user)


def totp_device_for_enrolment(*, user) -> TOTPDevice:
    """The user's unconfirmed device, created with a fresh key when there is none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address of the device as an inline SVG QR code (no image file, no script)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def totp_secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for apps where the QR code cannot be scanned."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_enrol_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    """Confirm the device with a code it shows. Returns False when the code is wrong.

    Side effects on success: the device is confirmed, other unconfirmed devices are removed, the session
    counts as verified (no second code needed now), an audit row `otp_enrol` is written.
    """
    if not device.verify_token(token):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
        audit_record(actor=device.user, action="otp_enrol", target=device.user)
    otp_login(request, device)
    steps.step_done(request)
    return True


def otp_verify(*, request, token: str) -> bool:
    """Check the second factor after the password. Returns False when no device accepts the code.

    Side effects: on success the session is verified and an audit row `sign_in_otp` is written; on failure
    an audit row `sign_in_otp_failed`. Each device throttles wrong codes itself (growing delay).
    """
    user = request.user
    device = match_token(user, token)
    if device is None:
        audit_record(actor=user, action="sign_in_otp_failed", target=user, note=_address(request))
        return False
    otp_login(request, device)
    steps.step_done(request)
    audit_record(actor=user, action="sign_in_otp", target=user, note=_address(request))
    return True


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")
