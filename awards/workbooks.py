"""Excel workbooks (openpyxl): the award register (sổ khen thưởng). Deterministic bytes for the same data."""

from __future__ import annotations

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from anhai_thidua.core.money import money_words
from anhai_thidua.core.spreadsheets import workbook_bytes

from .enums import DecisionStatus
from .models import Award
from .signing.workbook import add_signature_sheet  # the signed decisions (awards/signing)

REGISTER_HEADERS = [
    "Số vào sổ",
    "Năm",
    "Tập thể, cá nhân",
    "Đối tượng",
    "Chức vụ",
    "Đơn vị",
    "Hình thức",
    "Quyết định số",
    "Ngày quyết định",
    "Tiền thưởng (đồng)",
    "Bằng chữ",
]


def register_awards(*, campaign=None, year: int | None = None) -> QuerySet[Award]:
    qs = Award.objects.filter(decision__status=DecisionStatus.ISSUED).select_related("decision")
    if campaign is not None:
        qs = qs.filter(decision__campaign=campaign)
    if year is not None:
        qs = qs.filter(register_year=year)
    return qs.order_by("register_year", "register_number")


def award_register_workbook(*, campaign=None, year: int | None = None) -> bytes:
    """The award register: one row per award of an issued decision, in register order."""
    wb = Workbook()
    ws = wb.active
    ws.title = "So khen thuong"
    ws.append(["SỔ KHEN THƯỞNG"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(REGISTER_HEADERS)
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    total = 0
    for award in register_awards(campaign=campaign, year=year):
        ws.append(
            [
                award.register_number,
                award.register_year,
                award.formal_name,
                award.get_kind_display(),
                award.position,
                award.unit_name,
                "Giấy khen",
                award.decision.reference,
                award.decision.decision_date,
                award.amount,
                money_words(award.amount),
            ]
        )
        ws.cell(row=ws.max_row, column=9).number_format = "DD/MM/YYYY"
        ws.cell(row=ws.max_row, column=10).number_format = "#,##0"
        total += award.amount
    ws.append([None, None, "Tổng cộng", None, None, None, None, None, None, total, money_words(total)])
    ws.cell(row=ws.max_row, column=10).number_format = "#,##0"
    ws.cell(row=ws.max_row, column=3).font = Font(bold=True)
    for index, width in enumerate([10, 8, 34, 12, 26, 34, 12, 16, 14, 18, 44], 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    add_signature_sheet(wb, campaign=campaign, year=year)
    return workbook_bytes(wb, deterministic=True)  # fixed zip stamps: same data, same bytes
