"""End to end in a real browser: a unit head uploads a PDF carrying JavaScript through the dossier page; the
page says which file was refused and why, and keeps the description and the kind that were typed."""

import pytest
from playwright.sync_api import expect

from nominations.models import Attachment
from tests.core import hostile

from .conftest import DEMO_PASSWORD, browser_login


@pytest.mark.browser
def test_hostile_pdf_refused_on_the_dossier_page_with_the_typed_fields_kept(
    page, live_server, seeded_live, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    trap = tmp_path / "bien-ban-hop.pdf"
    trap.write_bytes(hostile.pdf_with_open_action_javascript())
    before = Attachment.objects.count()

    browser_login(page, live_server, "thutruong", DEMO_PASSWORD)
    page.get_by_role("link", name="Hồ sơ đề nghị khen thưởng của đơn vị").click()
    page.get_by_role("button", name="Lập hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Trung tâm Phục vụ hành chính công")
    page.get_by_role("link", name="Tải lên tài liệu").click()

    page.get_by_label("Thành phần hồ sơ").select_option("bien_ban")
    description = page.get_by_label("Mô tả")
    expect(description).to_have_attribute("maxlength", "300")
    description.fill("Biên bản họp Hội đồng TĐKT đơn vị ngày 20/11/2025")
    page.get_by_label("Tệp (PDF, DOCX, JPEG, PNG)").set_input_files(str(trap))
    page.get_by_role("button", name="Tải lên").click()

    expect(
        page.get_by_text("Tệp “bien-ban-hop.pdf” không được nhận: tệp PDF chứa mã JavaScript.")
    ).to_be_visible()
    expect(page.get_by_label("Mô tả")).to_have_value("Biên bản họp Hội đồng TĐKT đơn vị ngày 20/11/2025")
    expect(page.get_by_label("Thành phần hồ sơ")).to_have_value("bien_ban")
    assert Attachment.objects.count() == before
