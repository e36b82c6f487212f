"""In a real browser: a lock-out after failed sign-ins shows the Vietnamese page; the office enrols a TOTP
app and signs in with a code; a unit head changes the password on a phone-sized screen."""

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_horizontal_scroll, axe_check, browser_login

PASSWORD = "matkhau-thu-nghiem"  # tests/factories.UserFactory


def fill_sign_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def code_for(device, seconds_ahead=0):
    """The code the user's app shows (or will show `seconds_ahead` from now), computed as django-otp does."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + seconds_ahead
    return f"{totp.token():0{device.digits}d}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_lockout_page(mobile_page, live_server, head_a, settings):
    settings.AXES_FAILURE_LIMIT = 5
    page = mobile_page
    for _ in range(4):
        fill_sign_in(page, live_server, "head_a", "sai-mat-khau")
        expect(page.get_by_role("alert")).to_be_visible()
    fill_sign_in(page, live_server, "head_a", "sai-mat-khau")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tạm khóa đăng nhập")

    fill_sign_in(page, live_server, "head_a", PASSWORD)  # the right password, too late

    expect(page.get_by_role("heading", level=1)).to_have_text("Tạm khóa đăng nhập")
    expect(page.get_by_role("alert")).to_contain_text("Đã nhập sai 5 lần liên tiếp")
    expect(page.get_by_text("Vui lòng thử lại sau 15 phút.")).to_be_visible()
    expect(page.locator("nav.navbar")).to_be_visible()  # the site's layout
    assert_no_horizontal_scroll(page)
    axe_check(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_enrol_totp_and_sign_in_with_a_code(page, live_server, office_user, settings):
    settings.OTP_REQUIRED_ROLES = ["office", "chairman", "vice_chairman", "admin"]

    fill_sign_in(page, live_server, "office", PASSWORD)

    page.wait_for_url(f"{live_server.url}/tai-khoan/xac-thuc-hai-buoc/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bật xác thực hai bước")
    expect(page.get_by_role("img", name="Mã QR để thêm tài khoản vào ứng dụng xác thực")).to_be_visible()
    device = TOTPDevice.objects.get(user=office_user, confirmed=False)
    shown = page.locator("#otp-secret").inner_text().replace(" ", "")
    from base64 import b32encode

    assert shown == b32encode(device.bin_key).decode().rstrip("=")  # the key the app would get
    axe_check(page)
    page.get_by_label("Mã xác thực").fill(code_for(device))
    page.get_by_role("button", name="Xác nhận và bật").click()

    page.wait_for_url(f"{live_server.url}/")  # back to where the sign-in was going
    expect(page.get_by_role("alert")).to_contain_text("Đã bật xác thực hai bước")
    page.goto(f"{live_server.url}/tai-khoan/")
    expect(page.locator("#otp-status")).to_contain_text("Đã bật")

    page.get_by_role("button", name="Đăng xuất").click()
    fill_sign_in(page, live_server, "office", PASSWORD)
    page.wait_for_url(f"{live_server.url}/tai-khoan/ma-xac-thuc/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhập mã xác thực")
    page.goto(f"{live_server.url}/ho-so/")  # nothing opens before the code
    page.wait_for_url(f"{live_server.url}/tai-khoan/ma-xac-thuc/**")
    axe_check(page)
    # the enrolment used this 30-second step's code; the app's next code is accepted (one step of drift)
    page.get_by_label("Mã xác thực").fill(code_for(device, seconds_ahead=device.step))
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url(f"{live_server.url}/ho-so/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_password_change(mobile_page, live_server, head_a):
    page = mobile_page
    browser_login(page, live_server, "head_a", PASSWORD)
    page.get_by_role("button", name="Mở menu").click()
    page.locator("#nav-account").click()
    page.wait_for_url(f"{live_server.url}/tai-khoan/")
    page.get_by_role("link", name="Đổi mật khẩu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đổi mật khẩu")
    assert_no_horizontal_scroll(page)
    axe_check(page)

    page.locator("#id_old_password").fill(PASSWORD)
    page.locator("#id_new_password1").fill("ngan")
    page.locator("#id_new_password2").fill("ngan")
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    expect(page.get_by_text("Mật khẩu quá ngắn: cần ít nhất 12 ký tự.")).to_be_visible()

    page.locator("#id_old_password").fill(PASSWORD)
    page.locator("#id_new_password1").fill("Song-Han-Mua-Thu-2025")
    page.locator("#id_new_password2").fill("Song-Han-Mua-Thu-2025")
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã đổi mật khẩu.")

    page.context.clear_cookies()
    browser_login(page, live_server, "head_a", "Song-Han-Mua-Thu-2025")
    head_a.refresh_from_db()
    assert head_a.check_password("Song-Han-Mua-Thu-2025")
