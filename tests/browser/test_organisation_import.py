"""The office imports units and officials from an .xlsx in a real browser: upload, preview, fix, confirm."""

import io
import os
import re

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from organisation.models import Official, Unit

from .conftest import assert_no_horizontal_scroll, axe_check, browser_login

HEADERS_UNITS = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Tên viết tắt",
    "Loại (Phòng/Trung tâm/Đơn vị/Tổ)",
    "Thuộc đơn vị (mã)",
]
HEADERS_OFFICIALS = [
    "Mã cán bộ",
    "Họ và tên",
    "Giới tính (Nam/Nữ)",
    "Ngày sinh (dd/mm/yyyy)",
    "Chức vụ",
    "Mã đơn vị",
]


def _workbook(path, officials):
    workbook = Workbook()
    units = workbook.active
    units.title = "Đơn vị"
    units.append(HEADERS_UNITS)
    units.append(["ttphcc-to2", "Tổ Hỗ trợ số hóa", "Tổ số hóa", "Tổ", "ttphcc"])
    sheet = workbook.create_sheet("Cán bộ")
    sheet.append(HEADERS_OFFICIALS)
    for row in officials:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return str(path)


@pytest.mark.browser
def test_office_imports_a_file_fixes_its_errors_and_confirms(
    page, mobile_page, live_server, seeded_live, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    bad = _workbook(
        tmp_path / "sai.xlsx",
        [["sohoa01", "Lâm Thị Số", "Không rõ", "12/05/1994", "Chuyên viên", "ttphcc-to2"]],
    )
    good = _workbook(
        tmp_path / "dung.xlsx",
        [["sohoa01", "Lâm Thị Số", "Nữ", "12/05/1994", "Chuyên viên", "ttphcc-to2"]],
    )
    browser_login(page, live_server, "vhxh")
    page.goto(f"{live_server.url}/to-chuc/nhap-excel/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhập đơn vị, cán bộ từ tệp Excel")
    axe_check(page)

    # A file with an error: the preview names the sheet, the row and the problem; no confirm button.
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(bad)
    page.get_by_role("button", name="Tải lên và xem trước").click()
    page.wait_for_url(re.compile(r"/nhap-excel/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("alert").first).to_contain_text("Trang “Cán bộ”, dòng 2")
    expect(page.get_by_role("alert").first).to_contain_text("Giới tính “Không rõ” không hợp lệ")
    expect(page.get_by_role("button", name="Xác nhận ghi vào hệ thống")).to_have_count(0)
    axe_check(page)
    mobile_url = page.url

    # The corrected file previews cleanly and is written only on confirm.
    page.get_by_role("link", name="Tải tệp khác").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(good)
    page.get_by_role("button", name="Tải lên và xem trước").click()
    page.wait_for_url(re.compile(r"/nhap-excel/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("table", name=re.compile("Các dòng của trang “Cán bộ”"))).to_contain_text(
        "Thêm mới"
    )
    assert not Official.objects.filter(code="sohoa01").exists()
    page.get_by_role("button", name="Xác nhận ghi vào hệ thống").click()
    expect(page.get_by_role("alert").first).to_contain_text("Đã ghi dữ liệu vào hệ thống.")
    official = Official.objects.get(code="sohoa01")
    assert official.unit == Unit.objects.get(code="ttphcc-to2")
    assert official.gender == "female"

    # The new official is in the directory, found by a search typed without diacritics.
    page.get_by_role("link", name="Xem danh bạ đơn vị, cán bộ").click()
    page.get_by_label("Tìm theo tên").fill("lam thi so")
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page.get_by_role("table", name="Danh sách cán bộ, công chức")).to_contain_text("Bà Lâm Thị Số")
    page.get_by_role("link", name="Tổ Hỗ trợ số hóa").click()
    expect(page.get_by_role("heading", level=2, name=re.compile("Tổ Hỗ trợ số hóa"))).to_be_visible()
    axe_check(page)

    # A renamed file is refused on the upload page with a clear message.
    renamed = tmp_path / "khong-phai-excel.xlsx"
    renamed.write_bytes(b"%PDF-1.4 day la PDF")
    page.goto(f"{live_server.url}/to-chuc/nhap-excel/")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(renamed))
    page.get_by_role("button", name="Tải lên và xem trước").click()
    expect(page.get_by_role("region", name="Tải tệp lên")).to_contain_text(
        "không phải là bảng tính Excel (.xlsx) hợp lệ"
    )
    axe_check(page)

    # The error preview reads on a phone without sideways scrolling.
    browser_login(mobile_page, live_server, "vhxh")
    mobile_page.goto(mobile_url)
    assert_no_horizontal_scroll(mobile_page)
    if os.environ.get("SCREENSHOTS_DIR"):
        page.screenshot(path=f"{os.environ['SCREENSHOTS_DIR']}/import-refused.png", full_page=True)
        mobile_page.screenshot(
            path=f"{os.environ['SCREENSHOTS_DIR']}/import-errors-mobile.png", full_page=True
        )
        page.goto(mobile_url)
        page.screenshot(path=f"{os.environ['SCREENSHOTS_DIR']}/import-errors.png", full_page=True)
