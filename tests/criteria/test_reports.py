"""Reports: the Excel workbook read back cell by cell, the summary PDF's text, the dossiers workbook."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from criteria.documents import summary_pdf
from criteria.enums import ResultStatus
from criteria.models import Registration, TargetResult
from criteria.workbooks import criteria_workbook
from tests.pdf import pdf_text

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def figures(campaign, targets, period, unit_a, unit_b, head_a, office_user):
    """unit_a: all met and validated; unit_b: one met, one not met, one 0 of 0; the office unit: one waiting."""
    Registration.objects.create(
        campaign=campaign,
        unit=unit_a,
        registered_by=head_a,
        registered_at=datetime(2025, 8, 10, 9, tzinfo=HCM),
    )
    for unit, values in ((unit_a, [(12, 12), (85, 100), (49, 50)]), (unit_b, [(12, 12), (79, 100), (0, 0)])):
        for target, (n, d) in zip(targets, values, strict=True):
            TargetResult.objects.create(
                period=period,
                unit=unit,
                target=target,
                numerator=n,
                denominator=d,
                status=ResultStatus.VALIDATED,
            )
    TargetResult.objects.create(
        period=period,
        unit=office_user.official.unit,
        target=targets[0],
        numerator=3,
        denominator=4,
        status=ResultStatus.REPORTED,
    )


@time_machine.travel("2026-01-05 09:00 +0700", tick=False)
def test_criteria_workbook_cell_by_cell(campaign, targets, period, unit_a, unit_b, figures):
    wb = load_workbook(io.BytesIO(criteria_workbook(campaign)))
    assert wb.sheetnames == ["Kết quả tiêu chí", "Chỉ tiêu", "Đăng ký thi đua"]
    ws = wb["Kết quả tiêu chí"]
    assert ws["A1"].value == "Phát động phong trào thi đua thử nghiệm"
    assert ws["A2"].value == "Kỳ báo cáo: Quý IV năm 2025"
    assert ws["A3"].value.endswith("Xuất ngày 05/01/2026")
    assert [ws.cell(4, c).value for c in (1, 2, 3, 7, 11)] == [
        "STT",
        "Phòng, đơn vị",
        "1.2. TTHC được công khai (100%)",
        "1.2. Hồ sơ luân chuyển điện tử (≥ 80%)",
        "1.3. Hồ sơ giải quyết đúng hạn (≥ 98%)",
    ]
    assert [ws.cell(5, c).value for c in range(3, 7)] == ["Số đạt", "Tổng số", "Tỷ lệ (%)", "Kết quả"]
    assert [ws.cell(4, c).value for c in range(15, 20)] == [
        "Số chỉ tiêu đạt",
        "Chưa đạt",
        "Không phát sinh",
        "Chưa thẩm định",
        "Xếp hạng",
    ]
    rows = {
        ws.cell(r, 2).value: [ws.cell(r, c).value for c in range(1, 20)] for r in range(6, ws.max_row + 1)
    }
    assert rows["Trung tâm Phục vụ hành chính công"][2:] == [
        12,
        12,
        100.0,
        "Đạt",
        85,
        100,
        85.0,
        "Đạt",
        49,
        50,
        98.0,
        "Đạt",
        3,
        0,
        0,
        0,
        1,
    ]
    assert rows["Công an phường"][2:] == [
        12,
        12,
        100.0,
        "Đạt",
        79,
        100,
        79.0,
        "Chưa đạt",
        0,
        0,
        None,
        "Không phát sinh",
        1,
        1,
        1,
        0,
        2,
    ]
    # The office unit's figure is not validated yet: blank, and counted as not validated, no rank.
    assert rows["Phòng Văn hóa - Xã hội"][2:] == [None] * 12 + [0, 0, 0, 3, None]
    assert ws.cell(6, 5).number_format == "0.00"

    reg = wb["Đăng ký thi đua"]
    registered = {
        reg.cell(r, 2).value: [reg.cell(r, c).value for c in (3, 4, 5)] for r in range(2, reg.max_row + 1)
    }
    assert registered == {
        "Công an phường": ["Chưa", None, None],
        "Phòng Văn hóa - Xã hội": ["Chưa", None, None],
        "Trung tâm Phục vụ hành chính công": ["Có", "10/08/2025", "Phạm Văn Tâm"],
    }

    targets_ws = wb["Chỉ tiêu"]
    assert [c.value for c in targets_ws[3]] == [
        "1.2",
        "dien-tu",
        "Hồ sơ luân chuyển điện tử",
        "Số hồ sơ điện tử",
        "Tổng số hồ sơ",
        80.0,
        "từ … trở lên (≥)",
    ]


@time_machine.travel("2026-01-05 09:00 +0700", tick=False)
def test_summary_pdf_text(campaign, targets, period, figures):
    text = pdf_text(summary_pdf(campaign))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "An Hải, ngày 05 tháng 01 năm 2026" in text
    assert "BÁO CÁO" in text
    assert "Tổng kết phong trào thi đua thử nghiệm" in text
    assert (
        "Có 1/3 phòng, đơn vị thuộc phường đăng ký thi đua; chưa đăng ký: Công an phường, Phòng Văn hóa - Xã hội"
        in text
    )
    assert "Kỳ báo cáo: Quý IV năm 2025 (từ 01/10/2025 đến 31/12/2025)" in text
    assert "1.2. Hồ sơ luân chuyển điện tử (chỉ tiêu ≥ 80%)" in text
    assert "Công an phường 79 100 79% Chưa đạt" in text
    assert "Trung tâm Phục vụ hành chính công 85 100 85% Đạt" in text
    assert "Công an phường 0 0 — Không phát sinh" in text
    assert "1 Trung tâm Phục vụ hành chính công 3/3 0 0 0" in text
    assert "2 Công an phường 1/3 1 1 0" in text
    assert "Các đơn vị đạt toàn bộ chỉ tiêu: Trung tâm Phục vụ hành chính công." in text
    assert "IV. KẾT QUẢ KHEN THƯỞNG" in text
    assert "Tổng số hồ sơ đề nghị khen thưởng: 0" in text or "Chưa có hồ sơ đề nghị khen thưởng" in text
    assert "Nơi nhận:" in text and "PHÓ CHỦ TỊCH" in text


def test_summary_pdf_download(campaign, targets, period, figures, chairman, login):
    response = login(chairman).get(reverse("criteria:summary_pdf", args=[campaign.slug]))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="bao-cao-tong-ket-cchc-thu.pdf"' in response["Content-Disposition"]
    assert "Tổng kết phong trào thi đua thử nghiệm" in pdf_text(response.content)


def test_dossiers_workbook_lists_dossiers_by_state(campaign, unit_a, office_user, login):
    from nominations.models import Dossier

    Dossier.objects.create(campaign=campaign, unit=unit_a)
    response = login(office_user).get(reverse("criteria:export_dossiers", args=[campaign.slug]))
    ws = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[1]] == ["STT", "Phòng, đơn vị", "Trạng thái", "Nộp lần cuối", "Số lần nộp"]
    assert [c.value for c in ws[2]] == [1, "Trung tâm Phục vụ hành chính công", "Đang soạn", None, 0]


def test_export_campaign_writes_the_summary_and_workbooks_idempotently(
    campaign, targets, period, figures, tmp_path, time_machine
):
    time_machine.move_to("2026-01-05 09:00 +0700", tick=False)
    from campaigns.exporting import campaign_export

    first = campaign_export(campaign=campaign, directory=tmp_path)
    names = {f.name for f in first.files}
    assert {"tong-ket/bao-cao-tong-ket.pdf", "tong-ket/ket-qua-tieu-chi.xlsx"} <= names
    folder = tmp_path / campaign.slug / "tong-ket"
    assert "Tổng kết phong trào thi đua thử nghiệm" in pdf_text(
        (folder / "bao-cao-tong-ket.pdf").read_bytes()
    )
    ws = load_workbook(folder / "ket-qua-tieu-chi.xlsx")["Kết quả tiêu chí"]
    assert ws["A2"].value == "Kỳ báo cáo: Quý IV năm 2025"
    time_machine.move_to("2026-01-05 09:01:07 +0700", tick=False)  # a minute later: the same bytes
    second = campaign_export(campaign=campaign, directory=tmp_path)
    assert {(f.name, f.sha256) for f in second.files} == {(f.name, f.sha256) for f in first.files}
