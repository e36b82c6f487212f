"""In a real browser: the office creates a campaign and fills its criteria with nested targets."""

from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns.models import Campaign
from tests.browser.conftest import axe_check, browser_login


def edit_url(campaign, section="chung"):
    return reverse("campaigns:edit", args=[campaign.slug, section])


@pytest.mark.browser
def test_office_creates_a_campaign_and_fills_its_criteria_in_the_browser(page, live_server, office_user):
    """Create a draft, add rows with the "add" buttons (nested targets too), save; axe finds nothing serious."""
    browser_login(page, live_server, office_user.username, "matkhau-thu-nghiem")
    page.goto(f"{live_server.url}{reverse('campaigns:list')}")
    page.get_by_role("link", name="Tạo phong trào").click()
    axe_check(page)
    page.get_by_label("Trích yếu").fill("Thi đua chuyển đổi số năm 2026")
    page.get_by_label("Thời gian thi đua từ ngày").fill("2026-01-01")
    page.get_by_label("Đến ngày").fill("2026-12-31")
    page.get_by_role("button", name="Tạo dự thảo").click()
    page.wait_for_url("**/sua/can-cu/")
    campaign = Campaign.objects.get(title="Thi đua chuyển đổi số năm 2026")
    axe_check(page)

    page.goto(f"{live_server.url}{edit_url(campaign, 'tieu-chi')}")
    page.fill('input[name="criteria-0-number"]', "1.1")
    page.fill('textarea[name="criteria-0-text"]', "Số hóa hồ sơ")
    page.fill('input[name="criteria-0-targets-0-label"]', "Hồ sơ được số hóa")
    page.fill('input[name="criteria-0-targets-0-numerator_label"]', "Số hồ sơ số hóa")
    page.fill('input[name="criteria-0-targets-0-denominator_label"]', "Tổng số hồ sơ")
    page.fill('input[name="criteria-0-targets-0-threshold"]', "90")
    page.click('[data-formset-add="criteria-0-targets"]')  # a second target, added by the script
    page.fill('input[name="criteria-0-targets-1-label"]', "Hồ sơ trực tuyến")
    page.fill('input[name="criteria-0-targets-1-numerator_label"]', "Số hồ sơ trực tuyến")
    page.fill('input[name="criteria-0-targets-1-denominator_label"]', "Tổng số hồ sơ")
    page.fill('input[name="criteria-0-targets-1-threshold"]', "80")
    page.click('[data-formset-add="criteria"]')  # a new criterion with its own blank target row
    page.fill('input[name="criteria-1-number"]', "1.2")
    page.fill('textarea[name="criteria-1-text"]', "Thanh toán trực tuyến")
    page.click('[data-formset-add="criteria-1-targets"]')  # left blank: ignored, not an error
    axe_check(page)
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_load_state()
    assert "Đã lưu mục “Tiêu chí, chỉ tiêu”." in page.content()

    criteria = list(campaign.criteria.prefetch_related("targets"))
    assert [(c.number, c.order) for c in criteria] == [("1.1", 1), ("1.2", 2)]
    assert [(t.label, t.threshold) for t in criteria[0].targets.all()] == [
        ("Hồ sơ được số hóa", Decimal("90.00")),
        ("Hồ sơ trực tuyến", Decimal("80.00")),
    ]
    assert not criteria[1].targets.exists()
