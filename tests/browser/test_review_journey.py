"""The office returns a dossier with two reasons; the unit head sees the notification and the reasons,
fixes the report and resubmits; the office accepts. In a real browser, with axe checks."""

import pytest
from playwright.sync_api import expect

from nominations.models import Dossier
from nominations.seeding import nominations_seed_submitted
from reviews.models import NomineeDecision, ReviewReturn

from .conftest import DEMO_PASSWORD, axe_check, browser_login

ITEM = "Báo cáo thành tích đầy đủ, có xác nhận – Ông Trần Ngọc Sơn"
REASON_ITEM = "Bổ sung số hồ sơ giải quyết trước hạn trong năm 2025."
REASON_FREE = "Tờ trình cần ghi số, ngày của biên bản họp Hội đồng đơn vị."


def _logout(page):
    page.get_by_role("button", name="Đăng xuất").click()


@pytest.mark.browser
def test_office_returns_unit_fixes_and_resubmits_office_accepts(
    page, live_server, seeded_live, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    campaign = seeded_live
    nominations_seed_submitted(campaign)
    dossier = Dossier.objects.get(campaign=campaign, unit__code="ttphcc")
    assert dossier.state == "submitted"

    # The office: from the home page to the inbox, then the review page.
    browser_login(page, live_server, "vhxh", DEMO_PASSWORD)
    page.get_by_role("link", name="Thẩm định hồ sơ đề nghị khen thưởng").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hồ sơ đề nghị khen thưởng gửi Phòng Văn hóa - Xã hội"
    )
    expect(page.locator("#state-counts")).to_contain_text("Đã nộp: 6")
    page.get_by_label("Tìm đơn vị, tập thể, cá nhân").fill("tran ngoc son")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("#inbox tbody tr")).to_have_count(1)
    axe_check(page)
    page.get_by_role("link", name="Thẩm định – Trung tâm Phục vụ hành chính công").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thẩm định hồ sơ của Trung tâm Phục vụ hành chính công"
    )
    axe_check(page)

    # Two reasons: one checklist item with its comment, one free line; the due date is proposed.
    page.get_by_label(f"Kết quả kiểm tra – {ITEM}").select_option(label="Cần bổ sung")
    page.get_by_label(f"Nhận xét – {ITEM}").fill(REASON_ITEM)
    page.get_by_label("Nội dung khác đơn vị cần bổ sung (mỗi dòng một nội dung)").fill(REASON_FREE)
    due = page.get_by_label("Hạn nộp lại hồ sơ").input_value()
    assert due  # yyyy-mm-dd, five working days ahead
    page.get_by_role("button", name="Yêu cầu bổ sung").click()
    expect(page.get_by_role("alert").first).to_contain_text("Đã yêu cầu đơn vị bổ sung hồ sơ")
    expect(page.locator("#state-counts")).to_contain_text("Yêu cầu bổ sung: 1")
    dossier.refresh_from_db()
    assert dossier.state == "returned"
    assert len(ReviewReturn.objects.get(dossier=dossier).reasons) == 2
    _logout(page)

    # The unit head: the notification, then the reasons and the due date on the dossier page.
    browser_login(page, live_server, "thutruong", DEMO_PASSWORD)
    page.locator("#nav-notifications").click()
    item = page.locator(".list-group-item", has_text="Hồ sơ đề nghị khen thưởng cần bổ sung")
    expect(item).to_contain_text(REASON_ITEM)
    axe_check(page)
    item.get_by_role("button", name="Mở").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Trung tâm Phục vụ hành chính công")
    notice = page.get_by_role("alert").filter(has_text="Phòng Văn hóa - Xã hội yêu cầu bổ sung")
    expect(notice).to_contain_text(f"1. {ITEM}: {REASON_ITEM}")
    expect(notice).to_contain_text(f"2. {REASON_FREE}")
    day = "/".join(reversed(due.split("-")))
    expect(notice).to_contain_text(f"Hạn nộp lại hồ sơ: {day}.")
    axe_check(page)

    # Fix the report, confirm it again, resubmit.
    page.locator("#nominees tr", has_text="Trần Ngọc Sơn").get_by_role(
        "link", name="Báo cáo thành tích"
    ).click()
    results = page.get_by_label("Thành tích đạt được", exact=True)
    results.fill(results.input_value() + " Năm 2025: 2.870 hồ sơ giải quyết trước hạn.")
    page.get_by_role("button", name="Lưu và xác nhận của thủ trưởng đơn vị").click()
    expect(page.get_by_role("alert").first).to_contain_text("Đã lưu và xác nhận báo cáo thành tích")
    page.get_by_role("button", name="Nộp lại hồ sơ").click()
    expect(page.locator("#dossier-state")).to_have_text("Đã nộp lại")
    _logout(page)

    # The office: the dossier is back; the fixed item is now "Đạt"; accept every nominee.
    browser_login(page, live_server, "vhxh", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/tham-dinh/ho-so/{dossier.pk}/")
    expect(page.locator("#review-state")).to_have_text("Đã nộp lại")
    expect(page.get_by_label(f"Nhận xét – {ITEM}")).to_have_value(REASON_ITEM)
    page.get_by_label(f"Kết quả kiểm tra – {ITEM}").select_option(label="Đạt")
    page.get_by_role("button", name="Tiếp nhận hồ sơ theo quyết định từng người").click()
    expect(page.get_by_role("alert").first).to_contain_text("Đã ghi nhận quyết định")
    dossier.refresh_from_db()
    assert dossier.state == "accepted" and dossier.submission_count == 2
    assert (
        NomineeDecision.objects.filter(dossier=dossier, decision="accepted").count()
        == dossier.nominees.count()
    )
    _logout(page)

    # The unit head sees the acceptance.
    browser_login(page, live_server, "thutruong", DEMO_PASSWORD)
    page.locator("#nav-notifications").click()
    expect(
        page.locator(".list-group-item", has_text="Hồ sơ đề nghị khen thưởng đã được tiếp nhận")
    ).to_contain_text("Ông Trần Ngọc Sơn")
