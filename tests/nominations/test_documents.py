"""The dossier's PDFs: official layout text, nominees' names with diacritics, user text escaped, queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nominations.documents import achievement_report_pdf, dossier_cover_letter_pdf, unit_minutes_pdf
from tests.pdf import pdf_text

from .conftest import add_individual, fill_report

HOSTILE = '<b>Đột phá</b> & <script>alert("x")</script>'


def test_cover_letter_lists_nominees_with_diacritics(complete_a):
    text = pdf_text(dossier_cover_letter_pdf(complete_a))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "TỜ TRÌNH" in text and "/TTr-" in text
    assert "An Hải, ngày 01 tháng 12 năm 2025" in text
    assert "Kính gửi: Hội đồng Thi đua - Khen thưởng phường An Hải." in text
    assert "01 tập thể và 02 cá nhân" in text
    for name in ("Trung tâm Phục vụ hành chính công", "Ông Trần Ngọc Sơn", "Bà Lê Thị Mỹ Duyên"):
        assert name in text
    assert "Nơi nhận:" in text and "GIÁM ĐỐC" in text and "Phạm Văn Tâm" in text


def test_cover_letter_leaves_out_an_empty_group(complete_a):
    """Only individuals proposed: "02 cá nhân", never "00 tập thể và 02 cá nhân"."""
    complete_a.nominees.filter(kind="collective").delete()
    text = pdf_text(dossier_cover_letter_pdf(complete_a))
    assert "khen thưởng cho 02 cá nhân đã có" in " ".join(text.split())
    assert "00 tập thể" not in text


def test_report_and_minutes_pdfs(complete_a):
    son = complete_a.nominees.get(official__full_name="Trần Ngọc Sơn")
    text = pdf_text(achievement_report_pdf(son))
    assert "BÁO CÁO THÀNH TÍCH" in text
    assert "I. SƠ LƯỢC LÝ LỊCH" in text and "Họ và tên: Trần Ngọc Sơn" in text
    assert "II. THÀNH TÍCH ĐẠT ĐƯỢC" in text and "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text
    assert "2024 Giấy khen của Chủ tịch UBND phường Số 12/QĐ-UBND" in text
    assert "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ" in text and "NGƯỜI BÁO CÁO THÀNH TÍCH" in text
    text = pdf_text(unit_minutes_pdf(complete_a))
    assert "BIÊN BẢN" in text and "An Hải, ngày 25 tháng 11 năm 2025" in text
    assert "Số thành viên Hội đồng có mặt: 7/7" in text
    assert "Ông Trần Ngọc Sơn Giấy khen của Chủ tịch UBND phường 7/7 100%" in text
    assert "Bà Lê Thị Mỹ Duyên" in text
    assert "THƯ KÝ" in text and "CHỦ TRÌ" in text


def test_user_html_is_text_in_pdfs(dossier_a, head_a, officials_a):
    nominee = add_individual(dossier_a, head_a, officials_a[0], evidence=HOSTILE)
    fill_report(nominee, head_a, confirm=False, results=HOSTILE)
    # Table cells wrap lines, so compare without spaces: the tags come out as literal text.
    squeeze = HOSTILE.replace(" ", "")
    assert squeeze in pdf_text(dossier_cover_letter_pdf(dossier_a)).replace(" ", "")
    assert squeeze in pdf_text(achievement_report_pdf(nominee)).replace(" ", "")


def test_cover_letter_view_queries_do_not_grow(
    login, head_a, dossier_a, officials_a, django_assert_num_queries
):
    client = login(head_a)
    url = reverse("nominations:cover_letter_pdf", args=[dossier_a.pk])
    fill_report(add_individual(dossier_a, head_a, officials_a[0]), head_a)
    with CaptureQueriesContext(connection) as small:
        response = client.get(url + "?tai=1")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    for official in officials_a[1:]:
        fill_report(add_individual(dossier_a, head_a, official), head_a)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "Cao Thị Phương Thảo" in pdf_text(response.content)


def test_documents_of_an_unfinished_dossier_still_render(dossier_a, head_a, officials_a):
    nominee = add_individual(dossier_a, head_a, officials_a[1])
    report = pdf_text(achievement_report_pdf(nominee))
    assert "BÁO CÁO THÀNH TÍCH" in report and "Lê Thị Mỹ Duyên" in report
    minutes = pdf_text(unit_minutes_pdf(dossier_a))
    assert "Đơn vị chưa nhập biên bản họp." in minutes


def test_urls_in_user_text_are_neither_fetched_nor_embedded(dossier_a, head_a, officials_a, canary):
    hostile = (
        f'<img src="{canary.url}/name.png"><img src="file:///etc/passwd">'
        f'<span style="background:url({canary.url}/css)">x</span>'
    )
    nominee = add_individual(dossier_a, head_a, officials_a[0], evidence=hostile)
    fill_report(nominee, head_a, confirm=False, results=hostile)
    data = achievement_report_pdf(nominee) + dossier_cover_letter_pdf(dossier_a)
    assert canary.hits == []
    assert b"root:" not in data
    assert f"{canary.url}/name.png" in pdf_text(achievement_report_pdf(nominee)).replace(" ", "")
