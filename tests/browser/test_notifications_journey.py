"""In a real browser: a unit head sees the unread count, opens a notification, marks all read;
the office sets the reminder days and reads the outbox."""

import re

import pytest
from playwright.sync_api import expect

from notifications.models import ReminderSettings
from notifications.services import notify
from tests.browser.conftest import axe_check, browser_login
from tests.factories import CampaignFactory

PASSWORD = "matkhau-thu-nghiem"  # tests/factories.UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_notifications_and_reminder_settings_in_the_browser(page, live_server, head_a, office_user):
    campaign = CampaignFactory(slug="cchc-trinh-duyet", title="Thi đua CCHC thử trên trình duyệt")
    link = f"/phong-trao/{campaign.slug}/"
    for subject in ("Hồ sơ cần bổ sung", "Phong trào đã được phát động"):
        notify(
            recipients=[head_a], subject=subject, context={"message": f"{subject}: xem chi tiết."}, link=link
        )

    browser_login(page, live_server, "head_a", PASSWORD)
    bell = page.locator("#nav-notifications")
    expect(bell).to_contain_text("2")
    bell.click()
    page.wait_for_url(f"{live_server.url}/thong-bao/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thông báo")
    expect(page.get_by_role("heading", name=re.compile("Hồ sơ cần bổ sung"))).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name=re.compile(r"^Mở\W+Hồ sơ cần bổ sung")).click()
    page.wait_for_url(f"{live_server.url}{link}")
    expect(page.locator("#nav-notifications")).to_contain_text("1")

    page.goto(f"{live_server.url}/thong-bao/")
    page.get_by_role("button", name="Đánh dấu tất cả là đã đọc").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã đánh dấu 1 thông báo là đã đọc.")
    expect(page.locator("#nav-notifications .badge")).to_have_count(0)

    page.context.clear_cookies()
    browser_login(page, live_server, "office", PASSWORD)
    page.goto(f"{live_server.url}/thong-bao/nhac-han/{campaign.slug}/")
    page.get_by_label("Nhắc trước hạn (số ngày)").fill("5, 2")
    page.get_by_label("Nhắc lại sau hạn (số ngày)").fill("2")
    page.get_by_role("button", name="Lưu cấu hình nhắc hạn").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã lưu cấu hình nhắc hạn.")
    expect(page.get_by_label("Nhắc trước hạn (số ngày)")).to_have_value("5,2")
    axe_check(page)
    cfg = ReminderSettings.objects.get(campaign=campaign)
    assert (cfg.offsets, cfg.after_days) == ("5,2", 2)

    page.goto(f"{live_server.url}/thong-bao/hop-thu-di/")
    expect(page.get_by_role("link", name="[Thi đua An Hải] Hồ sơ cần bổ sung")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="[Thi đua An Hải] Hồ sơ cần bổ sung").click()
    expect(page.locator("pre")).to_contain_text("Kính gửi Ông Phạm Văn Tâm,")
