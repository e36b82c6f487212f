"""A campaign whose council has voted: a fake council result (the council app's Outcome shape) over real
dossiers and nominees, so the decision, certificates, proposal and mail can be checked end to end."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from campaigns.models import AwardForm, Quota
from nominations.models import Dossier, Nominee
from tests.factories import CampaignFactory, OfficialFactory, UnitFactory, UserFactory

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2026, 2, 5)


@pytest.fixture(autouse=True)
def _media_and_clock(settings, tmp_path, time_machine):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://thidua.anhai.example.vn"
    settings.CERTIFICATE_BLANK_MODE = False
    time_machine.move_to(dt.datetime(2026, 2, 5, 9, 0, tzinfo=TZ), tick=False)


@pytest.fixture
def vice_chairman(office_unit):
    official = OfficialFactory(
        full_name="Ngô Thị Lan", gender="female", unit=office_unit, position="Phó Chủ tịch"
    )
    return UserFactory(
        username="vice", official=official, roles=[("vice_chairman", None), ("council_member", None)]
    )


@pytest.fixture
def campaign(db, office_unit):
    campaign = CampaignFactory(
        slug="cchc-thu",
        title="Phong trào thi đua CCHC 6 tháng cuối năm 2025",
        award_achievement="công tác Cải cách hành chính 6 tháng cuối năm 2025",
        number="7",
        issued_day=15,
        issued_month=8,
        issued_year=2025,
        signer_name="Ngô Thị Lan",
    )
    giay_khen = AwardForm.objects.create(campaign=campaign, kind="giay_khen", order=1)
    Quota.objects.create(award_form=giay_khen, nominee_kind="collective", count=1)
    Quota.objects.create(award_form=giay_khen, nominee_kind="individual", count=4)
    AwardForm.objects.create(campaign=campaign, kind="bang_khen", order=2)
    return campaign


class Result:
    """Builds nominees and the council's outcome for them."""

    def __init__(self, campaign):
        self.campaign = campaign
        self.outcomes = []
        self.dossiers = {}

    def dossier(self, unit, state="accepted"):
        if unit.pk not in self.dossiers:
            self.dossiers[unit.pk] = Dossier.objects.create(campaign=self.campaign, unit=unit, state=state)
        return self.dossiers[unit.pk]

    def add(
        self, unit, *, official=None, award_kind="giay_khen", approved=True, within=True, state="accepted"
    ):
        dossier = self.dossier(unit, state)
        kind = "individual" if official else "collective"
        nominee = Nominee.objects.create(
            dossier=dossier,
            kind=kind,
            official=official,
            unit=None if official else unit,
            award_kind=award_kind,
        )
        if state == "accepted":
            self.outcomes.append(
                SimpleNamespace(
                    nominee=nominee,
                    award_kind=award_kind,
                    approved=approved,
                    within_quota=within and approved,
                    rank=len(self.outcomes) + 1,
                    votes_for=7 if approved else 3,
                )
            )
        return nominee


@pytest.fixture
def result(campaign, monkeypatch):
    """An empty council result for `campaign`; tests add nominees to it."""
    data = Result(campaign)
    monkeypatch.setattr(
        "awards.selectors.council_result",
        lambda c: (list(data.outcomes), 41, False) if c.pk == campaign.pk else ([], None, False),
    )
    return data


@pytest.fixture
def voted(result, unit_a, unit_b, head_a, head_b):
    """The plan's quota filled: unit A (collective) and four individuals with Giấy khen; unit B outside the
    quota; one individual below the threshold; one proposed for Bằng khen; a rejected dossier's nominee."""
    result.add(unit_a)
    result.add(unit_b, within=False)
    people = [
        OfficialFactory(full_name="Lê Thị Mỹ Duyên", gender="female", unit=unit_a, position="Chuyên viên"),
        OfficialFactory(full_name="Trần Ngọc Sơn", unit=unit_a, position="Tổ trưởng"),
        OfficialFactory(full_name="Đoàn Văn Quý", unit=unit_b, position="Phó Trưởng Công an"),
        OfficialFactory(full_name="Nguyễn Thị Hoa", gender="female", unit=unit_b, position="Cán bộ"),
    ]
    for official in people:
        result.add(official.unit, official=official)
    result.add(unit_b, official=OfficialFactory(full_name="Phan Văn Út", unit=unit_b), approved=False)
    result.add(
        unit_a,
        official=OfficialFactory(
            full_name="Cao Thị Phương Thảo", gender="female", unit=unit_a, position="Phó Giám đốc"
        ),
        award_kind="bang_khen",
    )
    unit_c = UnitFactory(name="Phòng Kinh tế", code="kt")
    head_c = UserFactory(
        username="head_c", official=OfficialFactory(unit=unit_c), roles=[("unit_head", unit_c)]
    )
    result.add(unit_c, official=OfficialFactory(full_name="Võ Minh Khang", unit=unit_c), state="rejected")
    result.head_c = head_c
    return result


MEETING_DAY = dt.date(2026, 2, 2)
SUBMISSION_DAY = dt.date(2026, 2, 3)


@pytest.fixture
def held_on(monkeypatch):
    """The (fake) council meeting 41 was held on MEETING_DAY; `held_on.day = …` moves it."""
    holder = SimpleNamespace(day=MEETING_DAY)

    def meeting_day(meeting_id):
        return holder.day if meeting_id == 41 else None

    for module in ("awards.services", "awards.documents"):
        monkeypatch.setattr(f"{module}.meeting_day", meeting_day)
    return holder


@pytest.fixture
def submission(voted, office_user, held_on):
    from awards.services import submission_create

    return submission_create(
        campaign=voted.campaign,
        actor=office_user,
        submission_date=SUBMISSION_DAY,
        signer_name="Ngô Thị Thanh Hương",
    )


@pytest.fixture
def draft(submission, voted, office_user):
    from awards.services import decision_draft

    return decision_draft(campaign=voted.campaign, actor=office_user)


@pytest.fixture
def issued(draft, chairman, django_capture_on_commit_callbacks):
    from awards.services import decision_issue

    with django_capture_on_commit_callbacks(execute=True):
        return decision_issue(decision=draft, actor=chairman, decision_date=TODAY)
