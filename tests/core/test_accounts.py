"""Accounts and sessions (issue 10): sign-in throttling, password rules and change, forced change, two-factor
sign-in with TOTP, session limits, a new session key at sign-in, and the demo guard."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from anhai_thidua.core.models import AuditEntry
from organisation.models import User

PASSWORD = "Tram-Hoa-Dua-No-2025"
START = dt.datetime(2025, 12, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
    settings.SESSION_IDLE_MINUTES = 30
    settings.SESSION_MAX_AGE_HOURS = 12
    settings.SESSION_COOKIE_AGE = 12 * 3600


@pytest.fixture
def head(head_a):
    head_a.set_password(PASSWORD)
    head_a.save()
    return head_a


def sign_in(client, username, password, address="203.0.113.10", **extra):
    return client.post(
        reverse("login"), {"username": username, "password": password, **extra}, REMOTE_ADDR=address
    )


def signed_in_as(client):
    return client.session.get(SESSION_KEY)


# ---- throttling ------------------------------------------------------------------------------------------


def test_five_failures_lock_the_account_even_with_the_right_password(client, head):
    for _ in range(4):
        assert sign_in(client, "head_a", "sai-mat-khau").status_code == 200
    locked = sign_in(client, "head_a", "sai-mat-khau")
    assert locked.status_code == 429

    response = sign_in(client, "head_a", PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page and "sai 5 lần liên tiếp" in page
    assert "Vui lòng thử lại sau 15 phút" in page
    assert 'class="navbar' in page, "in the site layout"
    assert signed_in_as(client) is None
    assert AuditEntry.objects.filter(action="sign_in_locked_out", note__contains="head_a").exists()
    assert AuditEntry.objects.filter(action="sign_in_failed", note__contains="head_a").count() >= 5


def test_the_account_is_locked_whatever_the_address(client, head):
    for i in range(5):
        sign_in(client, "head_a", "sai", address=f"198.51.100.{i}")
    assert sign_in(client, "head_a", PASSWORD, address="192.0.2.99").status_code == 429


def test_the_address_is_locked_whatever_the_account(client, head, head_b):
    for i in range(5):
        sign_in(client, f"ai_do_{i}", "sai", address="198.51.100.50")
    head_b.set_password(PASSWORD)
    head_b.save()
    assert sign_in(client, "head_b", PASSWORD, address="198.51.100.50").status_code == 429
    assert sign_in(client, "head_b", PASSWORD, address="198.51.100.51").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, head):
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            sign_in(client, "head_a", "sai")
    with time_machine.travel(START + dt.timedelta(minutes=14), tick=False):
        assert sign_in(client, "head_a", PASSWORD).status_code == 429  # each try restarts the cool-off
    with time_machine.travel(START + dt.timedelta(minutes=14 + 14), tick=False):
        assert sign_in(client, "head_a", PASSWORD).status_code == 429
    with time_machine.travel(START + dt.timedelta(minutes=14 + 14 + 16), tick=False):
        response = sign_in(client, "head_a", PASSWORD)
        assert response.status_code == 302
        assert signed_in_as(client) == str(head.pk)


def test_an_administrator_unlocks_in_the_admin(client, head, admin_user):
    for _ in range(5):
        sign_in(client, "head_a", "sai")
    attempt = AccessAttempt.objects.get(username="head_a")

    admin = type(client)()
    admin.force_login(admin_user)
    response = admin.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert sign_in(client, "head_a", PASSWORD).status_code == 302


def test_a_success_resets_the_count(client, head):
    for _ in range(4):
        sign_in(client, "head_a", "sai")
    assert sign_in(client, "head_a", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        sign_in(client, "head_a", "sai")
    assert sign_in(client, "head_a", PASSWORD).status_code == 302


# ---- password change and rules -----------------------------------------------------------------------------


def change(client, old, new, new2=None):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new2 or new},
    )


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("Ngan-1a", "quá ngắn"),  # under 12 characters
        ("738291046518", "chỉ gồm chữ số"),
        ("password1234", "quá phổ biến"),
        ("head_a12", "quá giống"),
    ],
)
def test_a_weak_password_is_refused_with_a_message(client, head, new, message):
    client.force_login(head)
    response = change(client, PASSWORD, new)
    assert response.status_code == 200
    assert message in response.content.decode()
    head.refresh_from_db()
    assert head.check_password(PASSWORD)


def test_a_user_changes_their_password_and_stays_signed_in(client, head):
    client.force_login(head)
    page = client.get(reverse("accounts:account")).content.decode()
    assert reverse("accounts:password_change") in page
    assert reverse("accounts:account") in client.get(reverse("home")).content.decode(), "linked from the menu"

    response = change(client, PASSWORD, "Mua-Xuan-Tren-Song-Han")

    assert response.status_code == 302 and response["Location"] == reverse("accounts:account")
    head.refresh_from_db()
    assert head.check_password("Mua-Xuan-Tren-Song-Han")
    assert client.get(reverse("home")).status_code == 200  # the session survived the new hash
    assert AuditEntry.objects.filter(action="password_change", actor=head).count() == 1


def test_a_wrong_old_password_changes_nothing(client, head):
    client.force_login(head)
    response = change(client, "khong-dung-nua", "Mua-Xuan-Tren-Song-Han")
    assert response.status_code == 200
    head.refresh_from_db()
    assert head.check_password(PASSWORD)


def test_a_forced_change_holds_every_page_until_done(client, head):
    head.must_change_password = True
    head.save()
    assert sign_in(client, "head_a", PASSWORD).status_code == 302

    response = client.get(reverse("campaigns:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:password_change") + "?next=")
    assert (
        "Quản trị hệ thống yêu cầu bạn đặt mật khẩu mới" in client.get(response["Location"]).content.decode()
    )
    response = client.post(
        reverse("accounts:password_change") + "?next=/phong-trao/",
        {
            "old_password": PASSWORD,
            "new_password1": "Mua-Xuan-Tren-Song-Han",
            "new_password2": "Mua-Xuan-Tren-Song-Han",
            "next": "/phong-trao/",
        },
    )
    assert response["Location"] == "/phong-trao/"
    head.refresh_from_db()
    assert head.must_change_password is False
    assert client.get(reverse("campaigns:list")).status_code == 200


# ---- two-factor sign-in ------------------------------------------------------------------------------------


def code_of(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_required_role_is_sent_to_enrol_and_enrols(client, office_user, settings):
    settings.OTP_REQUIRED_ROLES = ["office", "chairman", "vice_chairman", "admin"]
    office_user.set_password(PASSWORD)
    office_user.save()
    with time_machine.travel(START, tick=False):
        sign_in(client, "office", PASSWORD)
        response = client.get(reverse("nominations:list"))
        assert response["Location"].startswith(reverse("accounts:otp_enrol"))

        page = client.get(reverse("accounts:otp_enrol")).content.decode()
        assert "<svg" in page and "Vai trò của bạn bắt buộc xác thực hai bước" in page
        assert "style=" not in page and "<script>" not in page  # the QR code is plain SVG (CSP)
        device = TOTPDevice.objects.get(user=office_user, confirmed=False)

        wrong = client.post(
            reverse("accounts:otp_enrol"), {"token": "000000" if code_of(device) != "000000" else "111111"}
        )
        assert "Mã xác thực không đúng" in wrong.content.decode()
    with time_machine.travel(START + dt.timedelta(seconds=3), tick=False):  # past the wrong code's throttle
        ok = client.post(reverse("accounts:otp_enrol"), {"token": code_of(device)})

    assert ok.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="otp_enrol", actor=office_user).exists()
    with time_machine.travel(START + dt.timedelta(seconds=5), tick=False):
        assert client.get(reverse("nominations:list")).status_code == 200


def test_an_enrolled_user_must_give_a_code_after_the_password(client, head):
    device = TOTPDevice.objects.create(user=head, name="Điện thoại", confirmed=True)
    with time_machine.travel(START, tick=False):
        sign_in(client, "head_a", PASSWORD)
        assert signed_in_as(client) == str(head.pk)  # the password is right...
        response = client.get(reverse("home"))
        assert response["Location"].startswith(reverse("accounts:verify"))  # ...but nothing opens yet
        assert client.get(reverse("nominations:list"))["Location"].startswith(reverse("accounts:verify"))

        wrong = client.post(reverse("accounts:verify"), {"token": "12345x"})
        assert "Mã xác thực chỉ gồm chữ số" in wrong.content.decode()
        bad = "000000" if code_of(device) != "000000" else "111111"
        assert "không đúng" in client.post(reverse("accounts:verify"), {"token": bad}).content.decode()
    with time_machine.travel(START + dt.timedelta(seconds=60), tick=False):
        response = client.post(
            reverse("accounts:verify") + "?next=/phong-trao/",
            {"token": code_of(device), "next": "/phong-trao/"},
        )
        assert response["Location"] == "/phong-trao/"
        assert client.get(reverse("home")).status_code == 200
    assert AuditEntry.objects.filter(action="sign_in_otp", actor=head).count() == 1
    assert AuditEntry.objects.filter(action="sign_in_otp_failed", actor=head).count() == 1


def test_a_role_outside_the_setting_is_not_forced(client, head, settings):
    settings.OTP_REQUIRED_ROLES = ["office"]
    sign_in(client, "head_a", PASSWORD)
    assert client.get(reverse("home")).status_code == 200


# ---- sessions --------------------------------------------------------------------------------------------


def test_sign_in_gives_a_new_session_key(client, head):
    client.get(reverse("login"))
    session = client.session
    session["before_sign_in"] = "x"
    session.save()
    client.cookies["sessionid"] = session.session_key
    old_key = session.session_key

    sign_in(client, "head_a", PASSWORD)

    new_key = client.cookies["sessionid"].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    assert client.session[SESSION_KEY] == str(head.pk)


def test_the_session_ends_after_thirty_idle_minutes(client, head):
    with time_machine.travel(START, tick=False):
        sign_in(client, "head_a", PASSWORD)
    with time_machine.travel(START + dt.timedelta(minutes=29), tick=False):
        assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(START + dt.timedelta(minutes=29 + 31), tick=False):
        response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert signed_in_as(client) is None


def test_the_session_ends_twelve_hours_after_sign_in_however_busy(client, head):
    with time_machine.travel(START, tick=False):
        sign_in(client, "head_a", PASSWORD)
    for minutes in range(20, 12 * 60, 20):  # a request every 20 minutes all day
        with time_machine.travel(START + dt.timedelta(minutes=minutes), tick=False):
            assert client.get(reverse("accounts:account")).status_code == 200, minutes
    with time_machine.travel(START + dt.timedelta(hours=12, minutes=5), tick=False):
        response = client.get(reverse("accounts:account"))
    assert response["Location"].startswith(reverse("login"))


# ---- demo guard ----------------------------------------------------------------------------------------------


def test_seed_anhai_refuses_without_demo(db, settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="DEMO=true") as caught:
        call_command("seed_anhai", verbosity=0)
    assert "mật khẩu công khai" in str(caught.value)
    assert not User.objects.exists()


def test_seed_anhai_runs_with_demo(db, settings):
    settings.DEMO = True
    call_command("seed_anhai", verbosity=0)
    assert User.objects.filter(username="quantri").exists() or User.objects.exists()


def test_a_device_removed_by_the_administrator_ends_the_verify_step(client, head):
    device = TOTPDevice.objects.create(user=head, name="Điện thoại mất", confirmed=True)
    sign_in(client, "head_a", PASSWORD)
    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:verify"))

    device.delete()  # the user lost the phone; the administrator removed it in the admin

    response = client.get(reverse("accounts:verify"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.status_code == 200


def test_enrolled_elsewhere_while_asked_to_enrol_leads_to_verify(client, office_user, settings):
    settings.OTP_REQUIRED_ROLES = ["office"]
    office_user.set_password(PASSWORD)
    office_user.save()
    sign_in(client, "office", PASSWORD)
    TOTPDevice.objects.create(user=office_user, name="Điện thoại", confirmed=True)  # another session enrolled

    client.get(reverse("accounts:otp_enrol"))

    assert client.get(reverse("home"))["Location"].startswith(reverse("accounts:verify"))
