"""The award decision in a real browser: the office drafts and words it, the chairman issues it and downloads
the certificates, and the verification page a certificate's QR code opens answers without signing in."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import Award, Decision
from awards.selectors import campaign_outcomes, meeting_day
from tests.pdf import pdf_text

from .conftest import DEMO_PASSWORD, axe_check, browser_login


@pytest.fixture
def voted_live(transactional_db):
    """The demo played on through the council's vote (seed_anhai --through voted)."""
    from django.core.management import call_command

    from campaigns.models import Campaign

    call_command("seed_anhai", through="voted", verbosity=0)
    yield Campaign.objects.get(slug="cchc-2025-h2")
    # tests/conftest.py empties the council tables past the closed-poll guard before the flush.


@pytest.mark.browser
def test_office_drafts_chairman_issues_and_certificates_verify(
    page, browser, live_server, voted_live, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = live_server.url
    campaign = voted_live

    # Nothing is dated before the council meeting it follows.
    _outcomes, meeting_id = campaign_outcomes(campaign)
    day = max(timezone.localdate(), meeting_day(meeting_id)).isoformat()

    # The office submits its tờ trình from the council's result, then drafts the decision and words it.
    browser_login(page, live_server, "vhxh", DEMO_PASSWORD)
    page.get_by_role("link", name="Quyết định khen thưởng, in Giấy khen, tờ trình đề nghị Bằng khen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quyết định khen thưởng")
    axe_check(page)
    page.get_by_role("link", name="Lập Tờ trình đề nghị khen thưởng").click()
    expect(page.get_by_label("Trưởng phòng ký")).to_have_value("Ngô Thị Thanh Hương")
    page.get_by_label("Ngày Tờ trình").fill(day)
    axe_check(page)
    page.get_by_role("button", name="Lập Tờ trình").click()
    expect(page.locator("#submission-ref")).to_contain_text("Tờ trình số 01/TTr-VHXH")
    page.get_by_role("button", name="Lập dự thảo Quyết định khen thưởng").click()
    expect(page.locator("#decision-status")).to_have_text("Dự thảo")
    expect(page.locator("#awards-table tbody tr")).to_have_count(5)
    axe_check(page)
    page.get_by_role("link", name="Sửa nội dung dự thảo").click()
    achievement = page.get_by_label("Thành tích (ghi trên Giấy khen)")
    achievement.fill("Đã có thành tích xuất sắc trong công tác Cải cách hành chính năm 2025")
    axe_check(page)
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_role("alert").or_(page.locator(".alert-success"))).to_contain_text("Đã lưu dự thảo")
    expect(page.get_by_role("link", name="Ký ban hành")).to_have_count(0)  # the office does not sign
    decision = Decision.objects.get(campaign=campaign)
    page.context.close()

    # The chairman reads and issues it, then prints the certificates.
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True)
    chair = context.new_page()
    browser_login(chair, live_server, "chutich", DEMO_PASSWORD)
    chair.goto(f"{live_server.url}/khen-thuong/quyet-dinh/{decision.pk}/")
    expect(chair.get_by_role("link", name="Sửa nội dung dự thảo")).to_have_count(0)
    chair.get_by_role("link", name="Ký ban hành").click()
    chair.get_by_label("Ngày ban hành").fill(day)
    chair.get_by_role("button", name="Ban hành").click()
    expect(chair.locator(".invalid-feedback, .alert-danger").first).to_contain_text("Hãy đánh dấu ô xác nhận")
    chair.get_by_label("Tôi đã đọc dự thảo").check()
    axe_check(chair)
    chair.get_by_role("button", name="Ban hành").click()
    expect(chair.locator("#decision-status")).to_have_text("Đã ban hành")
    expect(chair.locator("#decision-ref")).to_contain_text("01/QĐ-UBND")
    chair.get_by_role("button", name="In Giấy khen (PDF)").click()
    expect(chair.get_by_text("Tệp đã sẵn sàng.")).to_be_visible(timeout=60_000)
    with chair.expect_download() as info:
        chair.get_by_role("link", name="Tải xuống").click()
    target = tmp_path / "giay-khen.pdf"
    info.value.save_as(target)
    text = pdf_text(target.read_bytes())
    assert text.count("GIẤY KHEN") == 5
    assert "Quyết định số 01/QĐ-UBND" in text
    assert "Đã có thành tích xuất sắc trong công tác Cải cách hành chính năm 2025" in text
    context.close()

    # Anyone who scans a certificate's QR code sees who was awarded, by which decision, and nothing else.
    award = Award.objects.filter(decision=decision, kind="individual").order_by("order").first()
    anonymous = browser.new_context(locale="vi-VN").new_page()
    anonymous.goto(f"{live_server.url}/xac-minh/{award.verify_token}/")
    details = anonymous.locator("#verification")
    expect(details).to_contain_text(award.formal_name)
    expect(details).to_contain_text("01/QĐ-UBND")
    expect(details).not_to_contain_text("710.000")
    axe_check(anonymous)
    anonymous.context.close()
