"""anhai_thidua/core/spreadsheets.py: text that a spreadsheet would run as a formula is kept as text."""

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from anhai_thidua.core.spreadsheets import workbook_bytes


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example","x")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_formula_like_text_is_written_as_text(text):
    wb = Workbook()
    wb.active.append(["Tên", text])

    data = workbook_bytes(wb)

    cell = load_workbook(io.BytesIO(data)).active["B1"]
    assert cell.value == text and cell.data_type == "s" and cell.quotePrefix is True
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_ordinary_values_are_left_alone():
    wb = Workbook()
    wb.active.append(["Phòng Văn hóa - Xã hội", -5, 3.5, "5-3"])

    sheet = load_workbook(io.BytesIO(workbook_bytes(wb))).active

    assert [c.value for c in sheet[1]] == ["Phòng Văn hóa - Xã hội", -5, 3.5, "5-3"]
    assert not any(c.quotePrefix for c in sheet[1])
    assert sheet["B1"].data_type == "n"


def test_deterministic_bytes_do_not_depend_on_the_clock(time_machine):
    def build():
        wb = Workbook()
        wb.active.append(["=1+1"])
        return workbook_bytes(wb, deterministic=True)

    time_machine.move_to("2025-12-01 08:00:00", tick=False)
    first = build()
    time_machine.move_to("2026-03-04 17:31:07", tick=False)  # openpyxl's save would stamp this time
    assert build() == first
    assert b"2026" not in zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml")
