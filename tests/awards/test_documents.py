import io
import zipfile

from pypdf import PdfReader

from awards.documents import certificates_pdf, decision_pdf, proposal_archive, proposal_pdf
from awards.services import decision_issue
from tests.pdf import pdf_text

from .conftest import TODAY


def test_decision_pdf_holds_number_date_articles_money_and_signer(issued):
    text = pdf_text(decision_pdf(issued))
    assert "Số: 01/QĐ-UBND" in text
    assert "An Hải, ngày 05 tháng 02 năm 2026" in text
    assert "QUYẾT ĐỊNH" in text and "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI" in text
    assert "Luật Thi đua, khen thưởng số 06/2022/QH15" in text
    assert "Kế hoạch số 07/KH-UBND" in text
    assert "Điều 1." in text and "Điều 2." in text and "Điều 3." in text
    assert "Trung tâm Phục vụ hành chính công" in text
    assert "Bà Lê Thị Mỹ Duyên, Chuyên viên, Trung tâm Phục vụ hành chính công" in text
    assert "Ông Đoàn Văn Quý" in text
    assert "702.000" not in text
    assert (
        "Mức tiền thưởng theo Nghị định số 152/2025/NĐ-CP: tập thể bằng 0,6 lần mức lương cơ sở, là 1.410.000 "
        "đồng (Một triệu bốn trăm mười nghìn đồng); cá nhân bằng 0,3 lần mức lương cơ sở, là 710.000 đồng (Bảy "
        "trăm mười nghìn đồng) (mức lương cơ sở 2.340.000 đồng/tháng theo Nghị định số 73/2024/NĐ-CP; số tiền "
        "làm tròn lên bội số của 10.000 đồng)."
    ) in text
    assert "2 lần mức tiền thưởng cá nhân" not in text
    # Each line and the total in figures and in words: 1,410,000 + 4 × 710,000 = 4,250,000.
    assert "Bà Lê Thị Mỹ Duyên 02/2026 710.000 Bảy trăm mười nghìn đồng" in text
    assert "Tổng cộng 4.250.000 Bốn triệu hai trăm năm mươi nghìn đồng" in text
    assert "Tổng số tiền thưởng: 4.250.000 đồng (Bốn triệu hai trăm năm mươi nghìn đồng)." in text
    assert "CHỦ TỊCH Trần Quốc Bảo" in text and "KT. CHỦ TỊCH" not in text
    assert "Nơi nhận:" in text and "- Lưu: VT, VHXH." in text
    assert "DỰ THẢO" not in text
    assert "Phan Văn Út" not in text  # below the threshold
    assert "Cao Thị Phương Thảo" not in text  # proposed for Bằng khen, not a Giấy khen


def test_decision_pdf_signed_for_by_a_vice_chairman(draft, vice_chairman):
    decision = decision_issue(decision=draft, actor=vice_chairman, decision_date=TODAY)
    text = pdf_text(decision_pdf(decision))
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Ngô Thị Lan" in text


def test_draft_pdf_is_marked_and_unnumbered(draft):
    text = pdf_text(decision_pdf(draft))
    assert "DỰ THẢO" in text
    assert "/QĐ-UBND" in text and "01/QĐ-UBND" not in text


def test_certificates_one_landscape_page_per_awardee(issued):
    data = certificates_pdf(issued, blank_mode=False)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 5
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    first = pdf_text(bytes(data))
    page1 = " ".join((reader.pages[1].extract_text() or "").split())
    assert "GIẤY KHEN" in first and "TẶNG" in first
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "Độc lập - Tự do - Hạnh phúc" in first
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI" in first
    assert "Bà Lê Thị Mỹ Duyên" in page1
    assert "Quyết định số 01/QĐ-UBND ngày 05/02/2026" in page1
    assert "Số vào sổ: 02/2026" in page1
    assert "An Hải, ngày 05 tháng 02 năm 2026" in page1
    assert "Đã có thành tích xuất sắc trong công tác Cải cách hành chính 6 tháng cuối năm 2025" in first


def test_certificate_giay_khen_is_red_and_has_a_qr_code(issued):
    from awards.certificates import certificate_data

    award = issued.awards.first()
    data = certificate_data(issued, award)
    assert data.qr.startswith("<svg") and "<path" in data.qr
    assert data.verify_url == f"https://thidua.anhai.example.vn/xac-minh/{award.verify_token}/"
    from django.template.loader import render_to_string

    html = render_to_string("awards/pdf/certificates.html", {"certificates": [data], "decision": issued})
    assert "color: #c00000" in html and "GIẤY KHEN" in html
    assert '<div class="qr"><svg' in html and "src=" not in html  # nothing for the renderer to fetch


def test_blank_mode_prints_only_the_variable_fields_at_the_offsets(issued, settings):
    settings.CERTIFICATE_OFFSET_X_MM = 3
    settings.CERTIFICATE_OFFSET_Y_MM = -2
    data = certificates_pdf(issued, blank_mode=True)
    text = pdf_text(data)
    assert "Trung tâm Phục vụ hành chính công" in text
    assert "Quyết định số 01/QĐ-UBND ngày 05/02/2026" in text and "Số vào sổ: 01/2026" in text
    for fixed in ("GIẤY KHEN", "TẶNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập", "ỦY BAN NHÂN DÂN"):
        assert fixed not in text
    from awards.certificates import field_positions

    boxes = field_positions()
    assert (boxes["recipient"].x, boxes["recipient"].y) == (43, 94)


def test_proposal_pdf_lists_the_bang_khen_nominees(issued):
    text = pdf_text(proposal_pdf(issued.campaign))
    assert "TỜ TRÌNH" in text and "Số: /TTr-UBND" in text.replace("\u00a0", "").replace("Số:  ", "Số: ")
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân thành phố Đà Nẵng" in text
    assert "Bà Cao Thị Phương Thảo" in text
    assert "Bằng khen" in text
    assert "An Hải, ngày 05 tháng 02 năm 2026" in text
    assert "Lê Thị Mỹ Duyên" not in text


def test_proposal_archive_bundles_the_letter_and_the_reports(issued):
    archive = zipfile.ZipFile(io.BytesIO(proposal_archive(issued.campaign)))
    names = archive.namelist()
    assert names == [
        "to-trinh-de-nghi-bang-khen-cchc-thu.pdf",
        "bien-ban-hop-hoi-dong.pdf",
        "ket-qua-kiem-phieu.xlsx",
        "bao-cao-thanh-tich/01-cao-thi-phuong-thao.pdf",
    ]
    assert "Cao Thị Phương Thảo" in pdf_text(archive.read(names[1]))
