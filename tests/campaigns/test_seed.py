"""seed_anhai loads the ward's plan word for word, and the demo organisation around it."""

import html
import re
import unicodedata
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags

from campaigns.documents import plan_pdf
from campaigns.enums import CampaignStatus, NomineeKind
from campaigns.models import Campaign, LegalBasis, PlanItem, Quota
from criteria.models import Criterion, Target
from organisation.enums import Role
from organisation.models import Council, CouncilMembership, Official, RoleAssignment, Unit, User
from tests.pdf import assert_official_format, pdf_text

SOURCE = Path(__file__).resolve().parents[2] / "campaigns" / "seed" / "ke-hoach-thi-dua-cchc-2025.md"


def _nfc_ws(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _squeeze(text: str) -> str:
    """No whitespace at all: PDF line wraps may add or drop spaces around a break."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def source_lines() -> list[str]:
    """Every heading, sentence and bullet of the plan's body text, markdown markup stripped.

    A line that stops mid-sentence and continues after a blank line (criterion 1.1) is joined.
    """
    lines: list[str] = []
    for raw in SOURCE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        line = re.sub(r"^#+\s*", "", line)
        line = line.replace("**", "").strip()
        line = re.sub(r"^-\s+", "", line)
        if not line:
            continue
        if lines and not re.search(r"[.:;!?…)]$", lines[-1]) and line[0].islower():
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return [_nfc_ws(line) for line in lines]


def test_source_lines_are_extracted_sensibly():
    lines = source_lines()
    assert lines[0] == "Số: /KH-UBND"
    assert "KẾ HOẠCH" in lines
    assert any(
        line.startswith("1.1. Đổi mới") and line.endswith("người dân, doanh nghiệp.") for line in lines
    )
    assert lines[-1] == "Nguyễn Thế Đức"
    assert len(lines) > 80


@pytest.fixture
def page_text(seeded, login):
    office = User.objects.get(username="vhxh")
    response = login(office).get(reverse("campaigns:detail", args=[seeded.slug]))
    assert response.status_code == 200
    return _nfc_ws(html.unescape(strip_tags(response.content.decode())))


@pytest.fixture
def plan_pdf_text(seeded):
    return pdf_text(plan_pdf(seeded))


# The source is the draft the ward circulated: its number and day are blanks the office fills when the plan is
# signed. These two lines are checked as "the source with its blanks filled by the campaign's own number and
# date" (and every other line word for word), so the check still fails on any other difference.
NUMBER_LINE = "Số: /KH-UBND"
DATE_LINE = "An Hải, ngày tháng 8 năm 2025"


def filled_lines(campaign) -> list[str]:
    """The source lines with the header's blanks filled from `campaign` (number, day)."""
    assert campaign.number and campaign.issued_day, "the demo fills the plan's number and day"
    filled = {
        NUMBER_LINE: f"Số: {campaign.number}/KH-UBND",
        DATE_LINE: f"An Hải, ngày {campaign.issued_day:02d} tháng 8 năm 2025",
    }
    lines = source_lines()
    assert set(filled) <= set(lines), "the source's header lines changed"
    return [filled.get(line, line) for line in lines]


def test_seed_plan_page_holds_every_line_of_the_source(seeded, page_text):
    missing = [line for line in filled_lines(seeded) if line not in page_text]
    assert missing == []


def test_seed_plan_pdf_holds_every_line_of_the_source(seeded, plan_pdf_text):
    squeezed = _squeeze(plan_pdf_text)
    missing = [line for line in filled_lines(seeded) if _squeeze(line) not in squeezed]
    assert missing == []


def test_seed_plan_pdf_header_carries_the_plan_number_and_date(seeded, plan_pdf_text):
    assert "Số: 125/KH-UBND" in plan_pdf_text
    assert "An Hải, ngày 15 tháng 8 năm 2025" in plan_pdf_text
    assert (
        "(Kèm theo Kế hoạch số 125/KH-UBND ngày 15 tháng 8 năm 2025 của UBND phường An Hải)" in plan_pdf_text
    )
    assert seeded.citation == "Kế hoạch số 125/KH-UBND ngày 15/08/2025 của Ủy ban nhân dân phường An Hải"


def test_seed_plan_pdf_official_format(seeded):
    assert_official_format(plan_pdf(seeded))


def test_seed_plan_pdf_keeps_the_word_spacing_of_short_lines(plan_pdf_text):
    for line in ("KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "TM. ỦY BAN NHÂN DÂN", "Lưu: VT, VHXX."):
        assert line in plan_pdf_text


def test_seed_campaign_header_and_signer(seeded):
    assert seeded.status == CampaignStatus.LAUNCHED
    assert seeded.doc_type == "KẾ HOẠCH"
    assert seeded.reference == "125/KH-UBND"
    assert seeded.date_line == "An Hải, ngày 15 tháng 8 năm 2025"
    assert seeded.title == (
        "Phát động phong trào thi đua trong công tác Cải cách hành chính 6 tháng cuối năm 2025 "
        "tại Ủy ban nhân dân phường An Hải"
    )
    assert (seeded.signer_authority, seeded.signer_capacity, seeded.signer_title) == (
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    )
    assert seeded.signer.full_name == seeded.signer_name == "Nguyễn Thế Đức"
    assert seeded.receiving_unit.name == "Phòng Văn hóa - Xã hội"
    assert seeded.legal_bases.count() == 1


def test_seed_six_criteria_with_their_targets(seeded):
    criteria = list(seeded.criteria.prefetch_related("targets").order_by("order"))
    assert [c.number for c in criteria] == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
    thresholds = [t.threshold_display for c in criteria for t in c.targets.all()]
    assert thresholds == ["100%", "≥ 80%", "≥ 60%", "100%", "≥ 98%", "100%", "≥ 95%", "≥ 60%"]
    by_number = {c.number: [t.code for t in c.targets.all()] for c in criteria}
    assert by_number["1.1"] == [] and by_number["1.6"] == []
    assert len(by_number["1.2"]) == 3 and len(by_number["1.3"]) == 2


def test_seed_quota_is_one_collective_and_four_individuals(seeded):
    giay_khen = seeded.award_forms.get(kind="giay_khen")
    quotas = {q.nominee_kind: q.count for q in giay_khen.quotas.all()}
    assert quotas == {NomineeKind.COLLECTIVE: 1, NomineeKind.INDIVIDUAL: 4}
    assert not seeded.award_forms.get(kind="bang_khen").quotas.exists()
    assert "01 tập thể, 04 cá nhân" in seeded.quota_text


def test_seed_units_officials_council_and_accounts(seeded):
    names = set(Unit.objects.values_list("name", flat=True))
    assert {
        "Phòng Văn hóa - Xã hội",
        "Trung tâm Sự nghiệp công",
        "Trung tâm Phục vụ hành chính công",
        "Công an phường",
        "Văn phòng HĐND và UBND",
        "Phòng Kinh tế - Hạ tầng - Đô thị",
    } <= names
    officials = Official.objects.all()
    assert 35 <= officials.count() <= 50
    genders = set(officials.values_list("gender", flat=True))
    assert genders == {"male", "female"}
    assert all(
        unicodedata.is_normalized("NFC", name) for name in officials.values_list("full_name", flat=True)
    )
    council = Council.objects.get()
    functions = list(council.memberships.values_list("function", flat=True))
    assert functions.count("chair") == 1 and "secretary" in functions and len(functions) >= 5
    held = set(RoleAssignment.objects.values_list("role", flat=True))
    assert held == set(Role.values)
    assert User.objects.filter(username="vhxh").get().has_role("office")


MODELS = [Unit, Official, User, RoleAssignment, Council, CouncilMembership, Campaign, LegalBasis, PlanItem]
MODELS += [Quota, Criterion, Target]


def test_seed_anhai_twice_changes_nothing(seeded):
    before = {model.__name__: model.objects.count() for model in MODELS}
    plan_before = pdf_text(plan_pdf(seeded))
    call_command("seed_anhai", verbosity=0)
    after = {model.__name__: model.objects.count() for model in MODELS}
    assert after == before
    assert pdf_text(plan_pdf(Campaign.objects.get(pk=seeded.pk))) == plan_before


def test_seed_anhai_keeps_the_office_edits(seeded):
    Campaign.objects.filter(pk=seeded.pk).update(number="7", title="Kế hoạch đã sửa")
    item = seeded.plan_items.filter(section="purpose").first()
    PlanItem.objects.filter(pk=item.pk).update(text="Mục đích đã sửa.")
    call_command("seed_anhai", verbosity=0)
    seeded.refresh_from_db()
    assert (seeded.number, seeded.title) == ("7", "Kế hoạch đã sửa")
    assert PlanItem.objects.get(pk=item.pk).text == "Mục đích đã sửa."
    assert Campaign.objects.count() == 1
