"""The office's journey in a real browser: sign in, open the campaign, read the plan, download its PDF."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from campaigns.seed import plan_cchc_2025 as plan
from tests.pdf import pdf_text

from .conftest import DEMO_PASSWORD, axe_check, browser_login


def _words(text: str, count: int = 8) -> str:
    """The first words of a criterion, enough to find it in the page or the PDF's collapsed text."""
    return " ".join(text.split()[:count])


@pytest.mark.browser
def test_office_signs_in_reads_the_plan_and_downloads_its_pdf(page, live_server, seeded_live, tmp_path):
    campaign = seeded_live
    browser_login(page, live_server, "vhxh", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")

    # From the home page to the campaign.
    page.get_by_role("link", name=campaign.title).first.click()
    page.wait_for_url(re.compile(rf"/phong-trao/{campaign.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(campaign.title)

    # The plan is on the page: its sections, the six criteria with their targets, the quota.
    plan_doc = page.locator("article.plan-doc")
    expect(plan_doc.get_by_role("heading", name="KẾ HOẠCH")).to_be_visible()
    for heading in (
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG PHONG TRÀO THI ĐUA",
        "III. TIÊU CHÍ THI ĐUA VÀ HÌNH THỨC, TIÊU CHUẨN KHEN THƯỞNG",
    ):
        expect(plan_doc.get_by_role("heading", name=heading)).to_be_visible()
    body = " ".join(plan_doc.inner_text().split())
    assert len(plan.CRITERIA) == 6
    for number, text, _targets in plan.CRITERIA:
        assert f"{number}. {_words(text)}" in body, f"criterion {number} missing from the page"
    assert "01 tập thể, 04 cá nhân" in body
    expect(plan_doc.locator("table.targets").first).to_be_visible()
    axe_check(page)

    # The plan as a PDF, downloaded through the button.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải Kế hoạch (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = pdf_text(Path(saved).read_bytes())
    assert "KẾ HOẠCH" in text
    for number, criterion_text, _targets in plan.CRITERIA:
        assert _words(criterion_text, 6) in text, f"criterion {number} missing from the PDF"
    assert "01 tập thể, 04 cá nhân" in text


@pytest.mark.browser
def test_wrong_password_shows_a_vietnamese_error_and_keeps_the_username(page, live_server, seeded_live):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("vhxh")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()

    page.wait_for_load_state()
    assert page.url.endswith("/dang-nhap/")
    error = page.get_by_role("alert")
    expect(error).to_contain_text("mật khẩu")
    expect(error).to_contain_text("Tên đăng nhập")
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("vhxh")
    expect(page.get_by_label("Mật khẩu")).to_have_value("")
    axe_check(page)


@pytest.mark.browser
def test_anonymous_visitor_is_sent_to_the_login_page(page, live_server, seeded_live):
    page.goto(f"{live_server.url}/phong-trao/{seeded_live.slug}/")
    page.wait_for_url(re.compile(r"/dang-nhap/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    browser_login_next = page.get_by_label("Tên đăng nhập")
    browser_login_next.fill("vhxh")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(rf"/phong-trao/{seeded_live.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(seeded_live.title)
