"""The plan page and the plan PDF: content, official format, escaping, permissions, query counts."""

import io
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from campaigns.documents import plan_pdf
from campaigns.enums import PlanSection
from campaigns.models import Campaign, PlanItem, Standard
from organisation.models import User
from tests.factories import AwardFormFactory, CampaignFactory, CriterionFactory, QuotaFactory, TargetFactory
from tests.pdf import pdf_text

SECTIONS = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. NỘI DUNG PHONG TRÀO THI ĐUA",
    "III. TIÊU CHÍ THI ĐUA VÀ HÌNH THỨC, TIÊU CHUẨN KHEN THƯỞNG",
    "IV. TIẾN ĐỘ THỰC HIỆN",
    "V. TỔ CHỨC THỰC HIỆN",
]
CRITERIA_STARTS = [
    "1.1. Đổi mới trong thực hiện giải quyết thủ tục hành chính",
    "1.2. 100% thủ tục hành chính của phường được công bố",
    "1.3. 100% dịch vụ công trực tuyến của phường",
    "1.4. Hoàn thành số hóa kết quả giải quyết thủ tục hành chính",
    "1.5. Mức độ hài lòng của người dân, doanh nghiệp",
    "1.6. Góp phần xây dựng chính quyền điện tử",
]


def _office(seeded_campaign):
    return User.objects.get(username="vhxh")


def _fonts(data: bytes) -> dict[str, bool]:
    """Base font name -> whether its program is embedded, for every font the PDF uses."""
    fonts = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"]).split("+", 1)[-1]] = embedded
    return fonts


# --- the page -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_plan_page_shows_every_section_the_criteria_and_the_quota(seeded, login):
    response = login(_office(seeded)).get(reverse("campaigns:detail", args=[seeded.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    text = re.sub(r"\s+", " ", body)
    for heading in SECTIONS:
        assert f">{heading}</h3>" in text
    for start in CRITERIA_STARTS:
        assert start in text
    for threshold in ("100%", "≥ 80%", "≥ 60%", "≥ 98%", "≥ 95%"):
        assert f">{threshold}</td>" in text
    assert "Giấy khen của Chủ tịch UBND phường: 01 tập thể, 04 cá nhân" in text
    assert "cho 01 tập thể, 04 cá nhân có thành tích xuất sắc" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "Nguyễn Thế Đức" in text
    assert "Lưu: VT, VHXX." in text
    assert reverse("campaigns:plan_pdf", args=[seeded.slug]) in body


# --- the PDF --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_plan_pdf_is_in_the_official_format(seeded, login):
    response = login(_office(seeded)).get(reverse("campaigns:plan_pdf", args=[seeded.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="ke-hoach-cchc-2025-h2.pdf"' in response["Content-Disposition"]
    data = response.content
    text = pdf_text(data)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI",
        "Số:",
        "/KH-UBND",
        "An Hải, ngày",
        "tháng 8 năm 2025",
        "KẾ HOẠCH",
        "01 tập thể, 04 cá nhân",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Thế Đức",
        "Lưu: VT, VHXX.",
        "PHỤ LỤC",
    ):
        assert expected in text, expected
    for heading in SECTIONS:
        assert heading in text
    squeezed = re.sub(r"\s+", "", text)
    for start in CRITERIA_STARTS:
        assert re.sub(r"\s+", "", start) in squeezed
    # The measurable targets, in the appendix table.
    for threshold in ("100%", "≥ 80%", "≥ 60%", "≥ 98%", "≥ 95%"):
        assert threshold in text
    # The header comes before the title, the title before the body, the sign-off after it.
    assert (
        text.index("CỘNG HÒA") < text.index("KẾ HOẠCH") < text.index("I. MỤC ĐÍCH") < text.index("Nơi nhận")
    )
    assert text.index("V. TỔ CHỨC THỰC HIỆN") < text.index("TM. ỦY BAN NHÂN DÂN") < text.index("PHỤ LỤC")


@pytest.mark.django_db
def test_plan_pdf_keeps_the_sign_off_with_the_last_paragraph(seeded):
    reader = PdfReader(io.BytesIO(plan_pdf(seeded)))
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    (sign_page,) = [i for i, page in enumerate(pages) if "TM. ỦY BAN NHÂN DÂN" in page]
    page = pages[sign_page]
    for part in ("Nơi nhận", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thế Đức", "Lưu: VT, VHXX."):
        assert part in page
    assert "nghiêm túc triển khai thực hiện./." in page

    # Page numbers in the top margin from page 2 on, none on page 1.
    def page_number(text):
        text = text.strip()
        return text.startswith(("2 ", "1 ")) and text[0] or text.endswith((" 2", " 1")) and text[-1] or None

    assert page_number(pages[1]) == "2"
    assert page_number(pages[0]) is None


@pytest.mark.django_db
def test_plan_pdf_embeds_liberation_serif(seeded):
    fonts = _fonts(plan_pdf(seeded))
    assert fonts, "no fonts found"
    assert set(fonts) >= {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic"}
    assert all(name.startswith("Liberation-Serif") for name in fonts), fonts
    assert all(fonts.values()), fonts
    assert settings.PDF_FONT_FAMILY == "Liberation Serif"


# --- escaping -------------------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script>"


@pytest.mark.django_db
def test_plan_shows_typed_html_as_text(login, office_user):
    campaign = CampaignFactory(title=f"Thi đua {HOSTILE}", preamble=f"Mở đầu <b>đậm</b> {HOSTILE}")
    PlanItem.objects.create(campaign=campaign, section=PlanSection.PURPOSE, text=f"Mục đích {HOSTILE}")
    CriterionFactory(campaign=campaign, number="1.1", text=f"Tiêu chí {HOSTILE}")
    response = login(office_user).get(reverse("campaigns:detail", args=[campaign.slug]))
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert "<b>đậm</b>" not in body
    assert body.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4
    text = pdf_text(login(office_user).get(reverse("campaigns:plan_pdf", args=[campaign.slug])).content)
    assert f"Thi đua {HOSTILE}" in text
    assert f"Mở đầu <b>đậm</b> {HOSTILE}" in text
    assert f"Mục đích {HOSTILE}" in text
    assert f"1.1. Tiêu chí {HOSTILE}" in text


# --- permissions ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["campaigns:detail", "campaigns:plan_pdf"])
def test_plan_anonymous_is_sent_to_sign_in(client, name):
    campaign = CampaignFactory()
    url = reverse(name, args=[campaign.slug])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL) if ":" in settings.LOGIN_URL else "/")
    assert f"next={url}" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["campaigns:detail", "campaigns:plan_pdf"])
def test_plan_draft_is_hidden_from_unit_heads_and_open_to_the_office(login, head_a, office_user, name):
    draft = CampaignFactory(status="draft", title="Kế hoạch nháp")
    url = reverse(name, args=[draft.slug])
    assert login(head_a).get(url).status_code == 404
    response = login(office_user).get(url)
    assert response.status_code == 200
    if name == "campaigns:detail":
        assert "Kế hoạch nháp" in response.content.decode()
    else:
        assert "Kế hoạch nháp" in pdf_text(response.content)


@pytest.mark.django_db
def test_plan_launched_is_open_to_unit_heads(login, head_a):
    campaign = CampaignFactory(status="launched", title="Kế hoạch đã phát động")
    response = login(head_a).get(reverse("campaigns:detail", args=[campaign.slug]))
    assert response.status_code == 200
    assert "Kế hoạch đã phát động" in response.content.decode()


# --- query counts ---------------------------------------------------------------------------------


def _campaign_of_size(n: int) -> Campaign:
    campaign = CampaignFactory(status="launched")
    for i in range(1, n + 1):
        criterion = CriterionFactory(campaign=campaign, number=f"1.{i}", order=i)
        TargetFactory(criterion=criterion, code=f"a-{i}")
        TargetFactory(criterion=criterion, code=f"b-{i}", threshold=100, comparator="all")
        for section in (PlanSection.PURPOSE, PlanSection.CONTENT, PlanSection.RESPONSIBILITY):
            PlanItem.objects.create(
                campaign=campaign, section=section, heading=f"Đơn vị {i}", number=str(i), text=f"Nội dung {i}"
            )
        Standard.objects.create(campaign=campaign, nominee_kind="individual", text=f"Tiêu chuẩn {i}")
        campaign.legal_bases.create(text=f"Căn cứ {i}", order=i)
        campaign.dossier_requirements.create(kind="to_trinh", text=f"Thành phần {i}", order=i)
    form = AwardFormFactory(campaign=campaign, kind="giay_khen")
    QuotaFactory(award_form=form, nominee_kind="collective", count=1)
    QuotaFactory(award_form=form, nominee_kind="individual", count=n)
    return campaign


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # session, user, campaign, roles, the plan (7: items, award forms, quotas, standards, legal bases,
        # dossier requirements, criteria with their targets), unread notices
        ("campaigns:detail", 13),
        # session, user, campaign, the plan (7), the download's audit row (6: its savepoint, the chain's head
        # locked, the actor's roles for the name, the row, the head, the release); the PDF itself comes from
        # the document cache, its key from the HTML the plan renders
        ("campaigns:plan_pdf", 16),
    ],
)
def test_plan_query_count_does_not_grow(login, office_user, django_assert_num_queries, name, expected):
    small, large = _campaign_of_size(6), _campaign_of_size(30)
    client = login(office_user)
    client.get(reverse(name, args=[small.slug]))  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name, args=[small.slug]))
    assert response.status_code == 200
    with django_assert_num_queries(len(queries)):
        response = client.get(reverse(name, args=[large.slug]))
    assert response.status_code == 200
    if name == "campaigns:detail":
        assert "1.30. Tiêu chí thử nghiệm" in response.content.decode()
    else:
        assert "1.30. Tiêu chí thử nghiệm" in pdf_text(response.content)
    assert len(queries) == expected, "\n".join(q["sql"][:60] for q in queries)


# --- Campaign.reference and Campaign.date_line ---------------------------------------------------

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("number", "expected"),
    [("5", "05/KH-UBND"), ("05", "05/KH-UBND"), ("12", "12/KH-UBND"), ("407", "407/KH-UBND")],
)
def test_campaign_reference_pads_numbers_below_ten(number, expected):
    assert Campaign(number=number, symbol="KH-UBND").reference == expected


def test_campaign_reference_leaves_a_blank_until_registered():
    reference = Campaign(number="", symbol="KH-UBND").reference
    assert reference == NBSP * 6 + "/KH-UBND"


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        (5, 2, 2026, "An Hải, ngày 05 tháng 02 năm 2026"),
        (1, 1, 2026, "An Hải, ngày 01 tháng 01 năm 2026"),
        (9, 3, 2026, "An Hải, ngày 09 tháng 3 năm 2026"),
        (15, 8, 2025, "An Hải, ngày 15 tháng 8 năm 2025"),
        (31, 12, 2025, "An Hải, ngày 31 tháng 12 năm 2025"),
        (10, 10, 2025, "An Hải, ngày 10 tháng 10 năm 2025"),
    ],
)
def test_campaign_date_line_pads_days_below_ten_and_january_february(day, month, year, expected):
    campaign = Campaign(place="An Hải", issued_day=day, issued_month=month, issued_year=year)
    assert campaign.date_line == expected


def test_campaign_date_line_leaves_blanks_when_unknown():
    blank = NBSP * 5
    assert Campaign(place="An Hải", issued_month=8, issued_year=2025).date_line == (
        f"An Hải, ngày {blank} tháng 8 năm 2025"
    )
    assert Campaign(place="An Hải").date_line == f"An Hải, ngày {blank} tháng {blank} năm {blank}"


@pytest.mark.django_db
def test_plan_pdf_page_is_a4_with_the_official_margins(seeded):
    reader = PdfReader(io.BytesIO(plan_pdf(seeded)))
    mm = 72 / 25.4
    for page in reader.pages:
        assert (round(float(page.mediabox.width) / mm), round(float(page.mediabox.height) / mm)) == (210, 297)
    runs = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            runs.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text.strip()))

    reader.pages[1].extract_text(visitor_text=visit)
    body = [(x, y, t) for x, y, t in runs if t != "2"]
    # Left margin 30 mm; the body stays below a 20 mm top margin; the page number sits in that margin.
    assert min(x for x, _y, _t in body) == pytest.approx(30 * mm, abs=0.5 * mm)
    assert max(y for _x, y, _t in body) <= (297 - 20) * mm
    (number,) = [(x, y) for x, y, t in runs if t == "2"]
    assert number[1] > (297 - 20) * mm


# --- the plan page's cached document ----------------------------------------------------------------


def test_plan_page_keeps_its_document_until_what_it_prints_changes(
    seeded, login, settings, django_assert_num_queries
):
    """With the versioned cache on (PAGE_CACHE_SECONDS) a warm plan page reads no plan row; a change of a plan
    item, a quota, a target (criteria's registered content) or the campaign's own fields shows at once."""
    from campaigns.models import Quota
    from criteria.models import Target

    settings.PAGE_CACHE_SECONDS = 600
    client = login(_office(seeded))
    url = reverse("campaigns:detail", args=[seeded.slug])
    cold = client.get(url).content.decode()
    with django_assert_num_queries(6):  # session, user, campaign, the criteria panel, the layout (2)
        warm = client.get(url).content.decode()
    document = lambda body: body.split('class="row g-3 mb-4"')[1].split("</article>")[0]  # noqa: E731
    assert document(warm) == document(cold)

    item = PlanItem.objects.filter(campaign=seeded).order_by("pk").first()
    item.text = "Nội dung đã sửa của kế hoạch."
    item.save(update_fields=["text"])
    assert "Nội dung đã sửa của kế hoạch." in client.get(url).content.decode()

    quota = Quota.objects.get(award_form__campaign=seeded, nominee_kind="individual")
    quota.count = 7
    quota.save(update_fields=["count"])
    assert "01 tập thể, 07 cá nhân" in re.sub(r"\s+", " ", client.get(url).content.decode())

    target = Target.objects.filter(criterion__campaign=seeded).order_by("pk").first()
    target.label = "Chỉ tiêu đã sửa"
    target.save(update_fields=["label"])
    assert "Chỉ tiêu đã sửa" in client.get(url).content.decode()

    seeded.signer_name = "Nguyễn Thế Đức Anh"
    seeded.save(update_fields=["signer_name"])
    assert "Nguyễn Thế Đức Anh" in client.get(url).content.decode()


def test_plan_pdf_is_laid_out_once_until_the_plan_changes(seeded, login, settings):
    """The PDF is kept under the plan page's scopes: a second download reads no plan row and lays out nothing
    (its audit row is still written); an edited plan item is in the next one."""
    settings.PAGE_CACHE_SECONDS = 600
    client = login(_office(seeded))
    url = reverse("campaigns:plan_pdf", args=[seeded.slug])
    first = client.get(url).content
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).content == first
    read = " ".join(q["sql"] for q in ctx.captured_queries)
    assert (
        "campaigns_planitem" not in read and "criteria_target" not in read and "campaigns_quota" not in read
    )
    item = PlanItem.objects.filter(campaign=seeded).order_by("pk").first()
    item.text = "Nội dung đã sửa trong bản PDF."
    item.save(update_fields=["text"])
    assert "Nội dung đã sửa trong bản PDF." in re.sub(r"\s+", " ", pdf_text(client.get(url).content))
