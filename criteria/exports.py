"""Excel workbooks (openpyxl): units × criteria targets, registrations, and the dossiers when they exist."""

from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from anhai_thidua.core.spreadsheets import workbook_bytes
from campaigns.models import Campaign

from . import selectors
from .enums import Outcome
from .registry import dossier_source

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

# Columns per target in the units × criteria sheet.
TARGET_COLUMNS = ["Số đạt", "Tổng số", "Tỷ lệ (%)", "Kết quả"]
SUMMARY_COLUMNS = ["Số chỉ tiêu đạt", "Chưa đạt", "Không phát sinh", "Chưa thẩm định", "Xếp hạng"]
FIRST_DATA_ROW = 6


def _save(workbook: Workbook) -> bytes:
    return workbook_bytes(workbook, deterministic=True)


def _header(ws, row: int, col: int, text: str, *, width_to: int | None = None) -> None:
    cell = ws.cell(row=row, column=col, value=text)
    cell.font, cell.alignment, cell.border = BOLD, WRAP_CENTER, BOX
    if width_to and width_to > col:
        ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=width_to)


def criteria_workbook(campaign: Campaign, *, period_id=None) -> bytes:
    """One row per unit; per target four columns (numerator, denominator, %, Đạt/Chưa đạt); then the totals.

    Only figures the office validated are written; a target without one is left blank and counted in
    "Chưa thẩm định". Sheets: "Kết quả tiêu chí", "Chỉ tiêu", "Đăng ký thi đua".
    """
    board = selectors.campaign_dashboard(campaign, period_id=period_id)
    wb = Workbook()
    ws = wb.active
    ws.title = "Kết quả tiêu chí"
    ws["A1"] = campaign.title
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"Kỳ báo cáo: {board.period.name}" if board.period else "Chưa có kỳ báo cáo"
    ws["A3"] = (
        "Chỉ ghi số liệu đã được Phòng Văn hóa - Xã hội thẩm định. Xuất ngày "
        + timezone.localdate().strftime("%d/%m/%Y")
    )
    _header(ws, 4, 1, "STT")
    _header(ws, 4, 2, "Phòng, đơn vị")
    ws.merge_cells(start_row=4, start_column=1, end_row=5, end_column=1)
    ws.merge_cells(start_row=4, start_column=2, end_row=5, end_column=2)
    col = 3
    for target in board.targets:
        _header(
            ws,
            4,
            col,
            f"{target.criterion.number}. {target.label} ({target.threshold_display})",
            width_to=col + len(TARGET_COLUMNS) - 1,
        )
        for offset, label in enumerate(TARGET_COLUMNS):
            _header(ws, 5, col + offset, label)
        col += len(TARGET_COLUMNS)
    summary_col = col
    for offset, label in enumerate(SUMMARY_COLUMNS):
        _header(ws, 4, summary_col + offset, label)
        ws.merge_cells(
            start_row=4, start_column=summary_col + offset, end_row=5, end_column=summary_col + offset
        )

    rows = sorted(board.rows, key=lambda r: (r.unit.order, r.unit.name))
    for index, row in enumerate(rows, 1):
        r = FIRST_DATA_ROW + index - 1
        ws.cell(row=r, column=1, value=index)
        ws.cell(row=r, column=2, value=row.unit.name)
        col = 3
        for target in board.targets:
            result = row.results.get(target.pk)
            if result is not None:
                percent, outcome = result.evaluation
                ws.cell(row=r, column=col, value=result.numerator)
                ws.cell(row=r, column=col + 1, value=result.denominator)
                cell = ws.cell(row=r, column=col + 2, value=float(percent) if percent is not None else None)
                cell.number_format = "0.00"
                ws.cell(row=r, column=col + 3, value=str(Outcome(outcome).label))
            col += len(TARGET_COLUMNS)
        values = [row.met, row.not_met, row.not_applicable, row.total_targets - row.validated, row.rank]
        for offset, value in enumerate(values):
            ws.cell(row=r, column=summary_col + offset, value=value)
        for c in range(1, summary_col + len(SUMMARY_COLUMNS)):
            ws.cell(row=r, column=c).border = BOX
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 36
    for c in range(3, summary_col + len(SUMMARY_COLUMNS)):
        ws.column_dimensions[get_column_letter(c)].width = 12
    ws.row_dimensions[4].height = 75
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=3)

    targets_ws = wb.create_sheet("Chỉ tiêu")
    targets_ws.append(["Tiêu chí", "Mã", "Chỉ tiêu", "Tử số", "Mẫu số", "Ngưỡng (%)", "Cách so sánh"])
    for cell in targets_ws[1]:
        cell.font = BOLD
    for target in board.targets:
        targets_ws.append(
            [
                target.criterion.number,
                target.code,
                target.label,
                target.numerator_label,
                target.denominator_label,
                float(Decimal(target.threshold)),
                str(target.get_comparator_display()),
            ]
        )

    reg_ws = wb.create_sheet("Đăng ký thi đua")
    reg_ws.append(["STT", "Phòng, đơn vị", "Đã đăng ký", "Ngày đăng ký", "Người đăng ký"])
    for cell in reg_ws[1]:
        cell.font = BOLD
    registrations = {r.unit_id: r for r in selectors.registration_list(campaign)}
    for index, unit in enumerate(board.units, 1):
        registration = registrations.get(unit.pk)
        reg_ws.append(
            [
                index,
                unit.name,
                "Có" if registration else "Chưa",
                timezone.localtime(registration.registered_at).strftime("%d/%m/%Y") if registration else None,
                registration.registered_by.display_name
                if registration and registration.registered_by
                else None,
            ]
        )
    return _save(wb)


def dossiers_workbook(campaign: Campaign) -> bytes | None:
    """The campaign's dossiers, one row each with its state (the nominations app's registered source);
    None where no app provides dossiers."""
    source = dossier_source()
    return None if source is None else source.workbook(campaign)
