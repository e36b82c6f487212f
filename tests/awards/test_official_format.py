"""Every document the awards app generates keeps the NĐ 30/2020 layout (tests/pdf.py), and reads as the
office would read it: the tờ trình of Phòng Văn hóa - Xã hội, the decision, the payment list, the proposal to
the city and the certificates."""

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from anhai_thidua.core.templatetags.counts import group_counts_text
from awards.documents import (
    certificates_pdf,
    decision_pdf,
    payment_list_pdf,
    proposal_archive,
    proposal_pdf,
    submission_pdf,
)
from tests.pdf import MM, assert_official_format, pdf_runs, pdf_text


def test_decision_has_the_official_format(issued):
    assert_official_format(decision_pdf(issued))


def test_draft_decision_has_the_official_format(draft):
    data = decision_pdf(draft)
    assert_official_format(data)
    assert "An Hải, ngày tháng năm 2026" in pdf_text(data).replace("\u00a0", " ").replace("  ", " ")


def test_submission_has_the_official_format_and_reads_as_the_office_writes_it(submission):
    data = submission_pdf(submission)
    assert_official_format(data)
    text = pdf_text(data)
    assert text.startswith("ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI PHÒNG VĂN HÓA - XÃ HỘI")
    assert "Số: 01/TTr-VHXH" in text and "An Hải, ngày 03 tháng 02 năm 2026" in text
    assert "TỜ TRÌNH" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân phường An Hải." in text
    assert "Căn cứ Kế hoạch số 07/KH-UBND ngày 15/08/2025 của Ủy ban nhân dân phường An Hải" in text
    assert "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng phường An Hải ngày 02/02/2026;" in text
    assert "tặng Giấy khen cho 01 tập thể và 04 cá nhân" in text
    assert (
        "Trung tâm Phục vụ hành chính công Giấy khen của Chủ tịch UBND phường 1.410.000 Một triệu bốn trăm mười "
        "nghìn đồng"
    ) in text
    assert (
        "Bà Lê Thị Mỹ Duyên, Chuyên viên, Trung tâm Phục vụ hành chính công Giấy khen của Chủ tịch UBND phường "
        "710.000 Bảy trăm mười "
        "nghìn đồng"
    ) in text
    assert "Tổng số tiền thưởng: 4.250.000 đồng (Bốn triệu hai trăm năm mươi nghìn đồng)." in text
    assert "Nguồn kinh phí: Quỹ thi đua, khen thưởng của Ủy ban nhân dân phường." in text
    assert "TRƯỞNG PHÒNG Ngô Thị Thanh Hương" in text
    assert "Phan Văn Út" not in text and "Cao Thị Phương Thảo" not in text


def test_payment_list_has_the_official_format_and_the_amounts_in_words(issued):
    data = payment_list_pdf(issued)
    assert_official_format(data)
    text = pdf_text(data)
    assert "DANH SÁCH CHI TIỀN THƯỞNG" in text
    assert (
        "Kèm theo Quyết định số 01/QĐ-UBND ngày 05/02/2026 của Chủ tịch Ủy ban nhân dân phường An Hải" in text
    )
    assert "Số tập thể, cá nhân được chi tiền thưởng: 01 tập thể và 04 cá nhân." in text
    assert (
        "710.000 Bảy trăm mười nghìn đồng" in text and "1.410.000 Một triệu bốn trăm mười nghìn đồng" in text
    )
    assert "Tổng số tiền: 4.250.000 đồng (Bốn triệu hai trăm năm mươi nghìn đồng)." in text
    assert "DỰ THẢO" not in text


def test_proposal_has_the_official_format(issued):
    assert_official_format(proposal_pdf(issued.campaign))


def test_proposal_never_lower_cases_an_agency_nor_prints_an_empty_group(issued):
    text = pdf_text(proposal_pdf(issued.campaign))
    # The plan's title ends "… tại Ủy ban nhân dân phường An Hải": only its first letter is lowered.
    campaign = issued.campaign
    campaign.title = "Phong trào thi đua CCHC tại Ủy ban nhân dân phường An Hải"
    campaign.save(update_fields=["title"])
    text = pdf_text(proposal_pdf(campaign))
    assert "về phong trào thi đua CCHC tại Ủy ban nhân dân phường An Hải;" in text
    assert "ủy ban nhân dân" not in text and "an hải" not in text
    assert "tặng Bằng khen cho 01 cá nhân đã có thành tích" in text
    assert "00 tập thể" not in text and "00 cá nhân" not in text


@pytest.mark.parametrize(
    ("collectives", "individuals", "phrase"),
    [(1, 4, "01 tập thể và 04 cá nhân"), (0, 3, "03 cá nhân"), (2, 0, "02 tập thể"), (0, 0, "")],
)
def test_group_counts_leaves_out_an_empty_group(collectives, individuals, phrase):
    assert group_counts_text(collectives, individuals) == phrase


def test_proposal_bundle_holds_the_council_minutes_and_the_tally(issued, voted):
    """The bundle holds the minutes and the tally of the meeting the decision follows."""
    from council.exporting import tally_workbook

    archive = zipfile.ZipFile(io.BytesIO(proposal_archive(issued.campaign)))
    names = archive.namelist()
    assert names[:3] == [
        "to-trinh-de-nghi-bang-khen-cchc-thu.pdf",
        "bien-ban-hop-hoi-dong.pdf",
        "ket-qua-kiem-phieu.xlsx",
    ]
    minutes = pdf_text(archive.read("bien-ban-hop-hoi-dong.pdf"))
    assert "BIÊN BẢN" in minutes and "Phòng họp số 1, UBND phường An Hải" in minutes
    assert "Cuộc họp kết thúc vào hồi 10 giờ 15 cùng ngày" in minutes  # the close, on the meeting's day
    tally = _cells(archive.read("ket-qua-kiem-phieu.xlsx"))
    assert tally == _cells(tally_workbook(voted.meeting))
    text = " ".join(str(cell) for cell in tally if cell is not None)
    assert "Lê Thị Mỹ Duyên" in text and "Cao Thị Phương Thảo" in text


def _cells(xlsx: bytes) -> list:
    return [cell for sheet in load_workbook(io.BytesIO(xlsx)) for row in sheet.values for cell in row]


def test_certificates_keep_the_certificate_format(issued):
    assert_official_format(
        certificates_pdf(issued, blank_mode=False),
        landscape=True,
        number=False,
        recipients=False,
        header_sizes=False,
    )


def test_certificate_prints_position_and_unit_under_an_individual_s_name(issued):
    data = certificates_pdf(issued, blank_mode=False)
    reader = PdfReader(io.BytesIO(data))
    collective = " ".join((reader.pages[0].extract_text() or "").split())
    person = " ".join((reader.pages[1].extract_text() or "").split())
    assert "Bà Lê Thị Mỹ Duyên Chuyên viên, Trung tâm Phục vụ hành chính công" in person
    assert "Trung tâm Phục vụ hành chính công" in collective and "Chuyên viên" not in collective
    blank = pdf_text(certificates_pdf(issued, blank_mode=True))
    assert "Chuyên viên, Trung tâm Phục vụ hành chính công" in blank


def test_certificate_keeps_about_35_mm_to_sign(issued):
    runs = [r for r in pdf_runs(certificates_pdf(issued, blank_mode=False)) if r.page == 1]
    title = min((r for r in runs if r.text == "CHỦ TỊCH"), key=lambda r: r.y)
    name = next(r for r in runs if r.text == "Trần Quốc Bảo")
    gap = (title.y - (name.y + name.size)) / MM
    assert 33 <= gap <= 42, f"{gap:.1f} mm between the signer's title and name"


def test_certificate_qr_code_points_at_the_site_url(issued, settings):
    from awards.certificates import certificate_data

    settings.SITE_URL = "https://thidua.anhai.danang.gov.vn"
    award = issued.awards.order_by("order").first()
    data = certificate_data(issued, award)
    assert data.verify_url == f"https://thidua.anhai.danang.gov.vn/xac-minh/{award.verify_token}/"
    # The QR code encodes exactly that URL (same SVG as the URL's own code, not the loopback default's).
    from awards.certificates import qr_svg

    assert data.qr == qr_svg(data.verify_url)
    assert data.qr != qr_svg(f"http://127.0.0.1:8000/xac-minh/{award.verify_token}/")


def test_register_workbook_writes_amounts_in_words(issued):
    from awards.workbooks import award_register_workbook

    ws = load_workbook(io.BytesIO(award_register_workbook(campaign=issued.campaign))).active
    words = [row[10] for row in ws.iter_rows(min_row=3, values_only=True)]
    assert words[:2] == ["Một triệu bốn trăm mười nghìn đồng", "Bảy trăm mười nghìn đồng"]
    assert words[-1] == "Bốn triệu hai trăm năm mươi nghìn đồng"
    assert all(re.match(r"^[A-ZĐ]", w) for w in words)


def test_document_references_are_kept_on_one_line(issued):
    from awards.documents import keep_references

    assert keep_references("Theo đề nghị … tại Tờ trình số 01/TTr-VHXH ngày 03/02/2026.") == [
        ("Theo đề nghị … tại Tờ trình số ", False),
        ("01/TTr-VHXH", True),
        (" ngày ", False),
        ("03/02/2026", True),
        (".", False),
    ]
    runs = pdf_runs(decision_pdf(issued))
    assert any("01/TTr-VHXH" in run.text for run in runs)
    assert not any(run.text.endswith("/TTr-") for run in runs)


def test_certificate_qr_code_draws_the_same_modules_as_qrcode_s_own_svg():
    """The compact SVG (a stroke along each row's runs of dark modules) draws exactly the modules of
    qrcode's one-square-per-module SVG of the same URL, and has no id (a PDF holds a hundred of them)."""
    import re

    import qrcode
    import qrcode.image.svg

    from awards.certificates import qr_svg

    url = "https://thidua.anhai.example.vn/xac-minh/0123456789abcdef/"
    ours = set()
    for x, y, width in re.findall(r"M(\d+) (\d+)\.5h(\d+)", qr_svg(url)):
        ours |= {(int(x) + k, int(y)) for k in range(int(width))}
    reference = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=1)
    squares = re.findall(r"M(\d+),(\d+)H", reference.to_string(encoding="unicode"))
    assert ours == {(int(x), int(y)) for x, y in squares} and len(ours) > 300
    assert "id=" not in qr_svg(url)
