"""A unit head builds the unit's dossier in a real browser, from nothing to submitted, and downloads the tờ trình."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from nominations.models import Dossier
from nominations.seeding import demo_scan_pdf
from tests.pdf import pdf_text

from .conftest import DEMO_PASSWORD, axe_check, browser_login

DECLARATIONS = (
    "Không trong thời gian bị xem xét kỷ luật",
    "Không đang bị điều tra",
    "Không đang bị thanh tra, kiểm tra",
    "Không có đơn thư khiếu nại, tố cáo đang được xác minh",
)


def _add_nominee(page, kind_button: str, who_label: str, who: str, evidence: str):
    page.get_by_role("link", name=kind_button).click()
    select = page.get_by_role("combobox", name=who_label)
    select.select_option(select.locator("option", has_text=who).first.get_attribute("value"))
    page.locator("input[name=standards]").first.check()
    page.get_by_label("Minh chứng, thành tích tiêu biểu").fill(evidence)
    page.get_by_role("button", name="Thêm vào hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Báo cáo thành tích")


def _declare(page):
    for text in DECLARATIONS:
        page.get_by_label(text).check()


def _fill_individual(page, results: str):
    page.get_by_label("Quê quán", exact=True).fill("Phường An Hải, thành phố Đà Nẵng")
    page.get_by_label("Trình độ chuyên môn, nghiệp vụ", exact=True).fill("Cử nhân Luật")
    page.get_by_label("Số năm công tác", exact=True).fill("9")
    page.get_by_label("Nhiệm vụ được giao", exact=True).fill("Tiếp nhận, hướng dẫn và trả kết quả hồ sơ.")
    page.get_by_label("Thành tích đạt được", exact=True).fill(results)


@pytest.mark.browser
def test_unit_head_builds_and_submits_the_dossier(page, live_server, seeded_live, tmp_path):
    campaign = seeded_live
    browser_login(page, live_server, "thutruong", DEMO_PASSWORD)

    # From the home page to the unit's dossiers; open the dossier.
    page.get_by_role("link", name="Hồ sơ đề nghị khen thưởng của đơn vị").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ đề nghị khen thưởng")
    page.get_by_role("button", name="Lập hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Trung tâm Phục vụ hành chính công")
    missing = page.locator("#con-thieu")
    expect(missing).to_contain_text("Hồ sơ chưa có tập thể, cá nhân nào được đề nghị khen thưởng.")
    axe_check(page)

    # One collective (a team of the unit) with its report, confirmed by the head.
    _add_nominee(
        page, "Thêm tập thể", "Tập thể", "Tổ Tiếp nhận và trả kết quả", "Dẫn đầu về tỷ lệ hồ sơ trực tuyến."
    )
    page.get_by_label("Cơ cấu tổ chức", exact=True).fill("Tổ trưởng và 4 chuyên viên một cửa.")
    page.get_by_label("Tổng số cán bộ, công chức", exact=True).fill("5")
    page.get_by_label("Chức năng, nhiệm vụ được giao", exact=True).fill(
        "Tiếp nhận và trả kết quả thủ tục hành chính."
    )
    page.get_by_label("Thành tích đạt được", exact=True).fill("99,8% hồ sơ đúng hạn; hài lòng 98,5%.")
    _declare(page)
    axe_check(page)
    page.get_by_role("button", name="Lưu và xác nhận của thủ trưởng đơn vị").click()
    expect(page.get_by_role("alert").first).to_contain_text("Đã lưu và xác nhận báo cáo thành tích")

    # Two individuals: the first confirmed at once, the second saved as a draft first.
    _add_nominee(
        page, "Thêm cá nhân", "Cán bộ, công chức", "Trần Ngọc Sơn", "Tiếp nhận 3.120 hồ sơ đúng hạn."
    )
    _fill_individual(page, "Tiếp nhận 3.120 hồ sơ, 99,8% đúng và trước hạn.")
    _declare(page)
    page.get_by_role("button", name="Lưu và xác nhận của thủ trưởng đơn vị").click()
    expect(page.locator("#nominees")).to_contain_text("Trần Ngọc Sơn")

    _add_nominee(page, "Thêm cá nhân", "Cán bộ, công chức", "Cao Thị Phương Thảo", "Số hóa 100% kết quả.")
    page.get_by_label("Thành tích đạt được", exact=True).fill(
        "Số hóa 100% kết quả giải quyết TTHC còn hiệu lực."
    )
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_role("alert").first).to_contain_text("Đã lưu nháp")
    expect(page.get_by_label("Thành tích đạt được", exact=True)).to_have_value(
        "Số hóa 100% kết quả giải quyết TTHC còn hiệu lực."
    )
    page.get_by_role("link", name="Quay lại hồ sơ").click()
    expect(missing).to_contain_text("Báo cáo thành tích của Bà Cao Thị Phương Thảo chưa có xác nhận")
    expect(missing).to_contain_text("Chưa có biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị.")

    # The minutes with the votes, first without the signed scan: the page says it is missing.
    page.get_by_role("link", name="Nhập biên bản").click()
    page.get_by_label("Ngày họp").fill("2025-12-01")
    page.get_by_label("Bắt đầu lúc").fill("14:00")
    page.get_by_label("Kết thúc lúc").fill("16:00")
    page.get_by_label("Địa điểm").fill("Phòng họp Trung tâm")
    page.get_by_label("Thư ký").fill("Nguyễn Thị Thùy Dung")
    page.get_by_label("Tổng số thành viên Hội đồng").fill("7")
    page.get_by_label("Số thành viên có mặt").fill("7")
    for name in ("Tổ Tiếp nhận và trả kết quả", "Trần Ngọc Sơn", "Cao Thị Phương Thảo"):
        page.get_by_label(f"Số phiếu đồng ý – {name}").fill("7")
        page.get_by_label(f"Tổng số phiếu – {name}").fill("7")
    axe_check(page)
    page.get_by_role("button", name="Lưu biên bản").click()
    expect(missing).to_contain_text("Chưa tải lên bản chụp biên bản họp có chữ ký.")

    # Complete it: confirm the draft report, upload the minutes scan.
    page.locator("#nominees tr", has_text="Cao Thị Phương Thảo").get_by_role(
        "link", name="Báo cáo thành tích"
    ).click()
    _fill_individual(page, "Số hóa 100% kết quả giải quyết TTHC còn hiệu lực.")
    _declare(page)
    page.get_by_role("button", name="Lưu và xác nhận của thủ trưởng đơn vị").click()
    page.get_by_role("link", name="Sửa biên bản").click()
    scan = tmp_path / "Biên bản họp đã ký.pdf"
    scan.write_bytes(demo_scan_pdf("Bien ban da ky"))
    page.get_by_label("Bản chụp có chữ ký").set_input_files(str(scan))
    page.get_by_role("button", name="Lưu biên bản").click()
    expect(page.get_by_role("heading", name="Hồ sơ đã đủ các thành phần")).to_be_visible()
    expect(page.locator("#tai-lieu")).to_contain_text("Biên bản họp đã ký.pdf")
    axe_check(page)

    # Submit, see the state; the office was told.
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("alert").first).to_contain_text("Đã nộp hồ sơ")
    expect(page.locator("#dossier-state")).to_have_text("Đã nộp")
    dossier = Dossier.objects.get(campaign=campaign, unit__code="ttphcc")
    assert dossier.state == "submitted" and dossier.submission_count == 1

    # The tờ trình as a PDF, with the nominees' names and their diacritics.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải tờ trình (PDF)").click()
    download = download_info.value
    assert (
        download.suggested_filename == "Tờ trình đề nghị khen thưởng - Trung tâm Phục vụ hành chính công.pdf"
    )
    saved = tmp_path / "to-trinh.pdf"
    download.save_as(saved)
    text = pdf_text(Path(saved).read_bytes())
    assert "TỜ TRÌNH" in text
    for name in ("Tổ Tiếp nhận và trả kết quả", "Ông Trần Ngọc Sơn", "Bà Cao Thị Phương Thảo"):
        assert name in text
