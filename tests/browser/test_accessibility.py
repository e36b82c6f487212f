"""axe-core on the foundation's pages, for every role, on a desktop and on a phone.

The pages: sign-in, the home page of each role, the campaign list and the campaign page (the whole plan).
On the phone: the navbar collapses behind its toggler, the page never scrolls sideways, the plan is readable.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.core.test_i18n import english_compiled  # noqa: F401 - fixture

from .conftest import DEMO_PASSWORD, assert_no_horizontal_scroll, axe_check, browser_login

ROLES = {
    "vhxh": "Phòng Văn hóa - Xã hội",
    "thutruong": "Đơn vị của tôi",
    "hoidong": "Hội đồng",
    "chutich": "Lãnh đạo UBND phường",
    "tuyentruyen": "Tuyên truyền",
    "quantri": "Quản trị hệ thống",
}


def _check_pages(page, live_server, campaign, username, panel, mobile):
    browser_login(page, live_server, username, DEMO_PASSWORD)
    pages = [
        ("/", panel),
        ("/phong-trao/", "Phong trào thi đua"),
        (f"/phong-trao/{campaign.slug}/", campaign.title),
    ]
    for path, expected in pages:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("main")).to_contain_text(expected)
        if mobile:
            _check_mobile_layout(page)
            if path == "/phong-trao/":
                _check_campaign_list_fits(page)
        axe_check(page)


def _check_campaign_list_fits(page):
    """On a phone the list folds its short columns under the title: no sideways scrolling, a wide title."""
    box = page.locator("main .table-responsive").first
    sizes = box.evaluate("el => ({scroll: el.scrollWidth, client: el.clientWidth})")
    assert sizes["scroll"] <= sizes["client"] + 1, f"the campaign list scrolls sideways: {sizes}"
    link = page.locator("main tbody td a").first
    assert link.bounding_box()["width"] >= 0.6 * page.viewport_size["width"]
    expect(page.locator("main tbody td").first).to_contain_text("Hạn nộp hồ sơ")


def _check_mobile_layout(page):
    assert_no_horizontal_scroll(page)
    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_visible()
    expect(page.locator("#mainnav")).to_be_hidden()
    toggler.tap()
    expect(page.locator("#mainnav")).to_be_visible()
    # Bootstrap ignores a toggle while the menu is still sliding open: wait for the end of the transition.
    expect(page.locator("#mainnav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#mainnav").get_by_role("link", name="Phong trào thi đua")).to_be_visible()
    assert_no_horizontal_scroll(page)
    axe_check(page)  # the open menu too
    toggler.tap()
    expect(page.locator("#mainnav")).to_be_hidden()


@pytest.mark.browser
@pytest.mark.parametrize("username", list(ROLES))
def test_role_pages_have_no_serious_violation_on_desktop(page, live_server, seeded_live, username):
    _check_pages(page, live_server, seeded_live, username, ROLES[username], mobile=False)


@pytest.mark.browser
@pytest.mark.parametrize("username", list(ROLES))
def test_role_pages_have_no_serious_violation_on_a_phone(mobile_page, live_server, seeded_live, username):
    _check_pages(mobile_page, live_server, seeded_live, username, ROLES[username], mobile=True)


@pytest.mark.browser
def test_login_page_on_desktop_and_phone(page, mobile_page, live_server, seeded_live):
    for current in (page, mobile_page):
        current.goto(f"{live_server.url}/dang-nhap/")
        expect(current.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
        axe_check(current)
    assert_no_horizontal_scroll(mobile_page)
    # With errors shown as well: a missing password (a field error tied to its input), then a wrong one.
    mobile_page.get_by_label("Tên đăng nhập").fill("vhxh")
    mobile_page.get_by_role("button", name="Đăng nhập").click()
    password = mobile_page.get_by_label("Mật khẩu")
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_accessible_description("Trường này là bắt buộc.")
    axe_check(mobile_page)
    password.fill("sai-mat-khau")
    mobile_page.get_by_role("button", name="Đăng nhập").click()
    expect(mobile_page.get_by_role("alert")).to_contain_text("mật khẩu chính xác")
    axe_check(mobile_page)
    assert_no_horizontal_scroll(mobile_page)


@pytest.mark.browser
def test_plan_is_readable_on_a_phone(mobile_page, live_server, seeded_live):
    page = mobile_page
    browser_login(page, live_server, "vhxh", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/phong-trao/{seeded_live.slug}/")
    plan = page.locator("article.plan-doc")
    expect(plan).to_be_visible()
    metrics = plan.evaluate(
        """el => {
            const box = el.getBoundingClientRect();
            const p = el.querySelector('p');
            return {left: box.left, right: box.right, width: box.width,
                    fontSize: parseFloat(getComputedStyle(p).fontSize), inner: window.innerWidth};
        }"""
    )
    assert metrics["left"] >= 0 and metrics["right"] <= metrics["inner"] + 1, metrics
    assert metrics["width"] >= metrics["inner"] * 0.8, f"the plan is squeezed: {metrics}"
    assert metrics["fontSize"] >= 14, f"the plan's text is too small on a phone: {metrics}"
    # Every target table fits the screen or scrolls inside its own wrapper, never the page.
    assert_no_horizontal_scroll(page)
    page.locator("table.targets").first.scroll_into_view_if_needed()
    expect(page.locator("table.targets").first).to_be_in_viewport()


@pytest.mark.browser
@pytest.mark.usefixtures("english_compiled")
def test_language_switcher_in_the_browser(page, mobile_page, live_server, seeded_live):
    """Choosing English in the navbar reloads the page in English; both languages pass axe."""
    browser_login(page, live_server, "vhxh", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/phong-trao/")
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.wait_for_url(f"{live_server.url}/phong-trao/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Emulation campaigns")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello,")
    axe_check(page)
    page.get_by_label("Language").select_option("vi")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")

    # On a phone the switcher sits in the collapsed menu.
    mobile_page.goto(f"{live_server.url}/dang-nhap/")
    mobile_page.locator(".navbar-toggler").tap()
    mobile_page.get_by_label("Ngôn ngữ").select_option("en")
    expect(mobile_page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_no_horizontal_scroll(mobile_page)
    axe_check(mobile_page)


@pytest.mark.browser
def test_keyboard_only_sign_in_and_skip_link(page, live_server, seeded_live):
    """The sign-in form works with the keyboard alone; Tab then reaches a visible skip link first."""
    page.goto(f"{live_server.url}/dang-nhap/")
    expect(page.get_by_label("Tên đăng nhập")).to_be_focused()  # autofocus
    page.keyboard.type("vhxh")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Mật khẩu")).to_be_focused()
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    focused_inside_main = page.evaluate(
        "() => document.querySelector('main').contains(document.activeElement)"
    )
    assert focused_inside_main, "Tab after the skip link should stay in the main content"


@pytest.mark.browser
@pytest.mark.usefixtures("english_compiled")
def test_desktop_navbar_fits_on_one_line_in_both_languages(page, live_server, seeded_live):
    """The user with the most menu items (head of the office, also office and council) on a 1280px screen."""
    browser_login(page, live_server, "truongphong.vhxh", DEMO_PASSWORD)
    for language, home in (("vi", "Trang chủ"), ("en", "Home")):
        if language == "en":
            page.get_by_label("Ngôn ngữ").select_option("en")
            expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.locator("#mainnav")).to_be_visible()
        expect(page.locator(".navbar-toggler")).to_be_hidden()
        expect(page.locator("#mainnav").get_by_role("link", name=home)).to_be_visible()
        height = page.locator("nav.navbar").bounding_box()["height"]
        assert height < 70, f"the navbar wraps onto several lines in {language}: {height}px"
        assert_no_horizontal_scroll(page)
