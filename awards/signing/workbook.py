"""The award register's sheet of signed decisions: how each was signed, by whom, when, the validation result,
a link to the signed file, its SHA-256 and the validation report (JSON)."""

from __future__ import annotations

import json

from django.conf import settings
from django.urls import reverse
from openpyxl.styles import Font

from awards.enums import DecisionStatus

from ..models import SignedDecision
from .selectors import VN_TZ

HEADERS = [
    "Quyết định số",
    "Ngày quyết định",
    "Hình thức ký",
    "Người ký",
    "Thời điểm ký",
    "Kết quả xác thực",
    "Chữ ký số cơ quan",
    "Tệp đã ký",
    "SHA-256 tệp đã ký",
    "Báo cáo xác thực (JSON)",
]


def add_signature_sheet(workbook, *, campaign=None, year: int | None = None) -> None:
    """Append the "Ky so" sheet to the register workbook (the same filters as its awards)."""
    sheet = workbook.create_sheet("Ky so")
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    records = (
        SignedDecision.objects.filter(decision__status=DecisionStatus.ISSUED)
        .exclude(kind="")
        .select_related("decision")
    )
    if campaign is not None:
        records = records.filter(decision__campaign=campaign)
    if year is not None:
        records = records.filter(decision__year=year)
    for record in records.order_by("decision__year", "decision__number"):
        decision = record.decision
        report = record.report or {}
        if record.is_digital:
            result = "Hợp lệ" if report.get("valid") else "Không hợp lệ"
        else:
            result = "Bản quét, không có chữ ký số"
        url = settings.SITE_URL + reverse("awards:signed_pdf", args=[decision.pk])
        signed_at = record.signed_at.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M") if record.signed_at else ""
        agency = (
            f"{record.agency_name}, {record.agency_signed_at.astimezone(VN_TZ).strftime('%d/%m/%Y %H:%M')}"
            if record.agency_name and record.agency_signed_at
            else ""
        )
        sheet.append(
            [
                decision.reference,
                decision.decision_date,
                record.get_kind_display(),
                record.signer_name,
                signed_at,
                result,
                agency,
                url,
                record.final_sha256,
                json.dumps(report, ensure_ascii=False, sort_keys=True),
            ]
        )
        sheet.cell(row=sheet.max_row, column=2).number_format = "DD/MM/YYYY"
        sheet.cell(row=sheet.max_row, column=8).hyperlink = url
    for letter, width in zip("ABCDEFGHIJ", [16, 14, 28, 26, 18, 18, 30, 40, 66, 60], strict=True):
        sheet.column_dimensions[letter].width = width
