"""A campaign whose council has voted: real dossiers and nominees, and a real council meeting held through
the council's services (attendance, polls, every member's ballot, the close), so the decision,
certificates, proposal and mail are checked end to end against the council's own result."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from campaigns.models import AwardForm, Quota
from council import services as council
from council.enums import AttendanceStatus, Choice
from council.models import PollItem
from nominations.models import Dossier, Nominee
from tests.council.world import build_council
from tests.factories import CampaignFactory, OfficialFactory, UnitFactory, UserFactory

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2026, 2, 5)
# The order the dates come in: the council meets, the office writes its tờ trình, the chairman decides.
MEETING_DAY = dt.date(2026, 2, 2)
SUBMISSION_DAY = dt.date(2026, 2, 3)
MEMBERS = 5  # more than half of them (3) approve


@pytest.fixture(autouse=True)
def _media_and_clock(settings, tmp_path, time_machine):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://thidua.anhai.example.vn"
    settings.CERTIFICATE_BLANK_MODE = False
    settings.COUNCIL_QUORUM = "0.6667"
    settings.COUNCIL_THRESHOLD = "0.5"
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
    """Builds nominees, then holds the council meeting that votes on them (`close`)."""

    def __init__(self, campaign, office, time_machine, capture):
        self.campaign = campaign
        self.office = office
        self.time_machine = time_machine
        self.capture = capture
        self.dossiers = {}
        self.agrees = {}  # nominee pk -> how many members agree
        self.meeting = None

    def dossier(self, unit, state="accepted"):
        if unit.pk not in self.dossiers:
            self.dossiers[unit.pk] = Dossier.objects.create(campaign=self.campaign, unit=unit, state=state)
        return self.dossiers[unit.pk]

    def add(
        self,
        unit,
        *,
        official=None,
        award_kind="giay_khen",
        approved=True,
        within=True,
        state="accepted",
        agrees=None,
    ):
        """A nominee of `unit`'s dossier. The council will approve it within the quota (all members agree),
        approve it below the ones within (4 agree), or not approve it (1 agrees); `agrees` says exactly."""
        dossier = self.dossier(unit, state)
        kind = "individual" if official else "collective"
        nominee = Nominee.objects.create(
            dossier=dossier,
            kind=kind,
            official=official,
            unit=None if official else unit,
            award_kind=award_kind,
        )
        if agrees is None:
            agrees = (MEMBERS if within else MEMBERS - 1) if approved else 1
        self.agrees[nominee.pk] = agrees
        return nominee

    def close(self, day=MEETING_DAY):
        """The council meets on `day` (all present), every member votes, the office closes the vote."""
        _council, members, users = build_council(MEMBERS, names=COUNCIL_NAMES, chair_role=False)
        self.time_machine.move_to(dt.datetime.combine(day, dt.time(8, 0), tzinfo=TZ), tick=False)
        with self.capture(execute=True):
            meeting = council.meeting_create(
                campaign=self.campaign,
                actor=self.office,
                held_at=dt.datetime.combine(day, dt.time(8, 30), tzinfo=TZ),
                place="Phòng họp số 1, UBND phường An Hải",
                number="3",
            )
            council.attendance_record(
                meeting=meeting,
                actor=self.office,
                statuses={m.pk: AttendanceStatus.PRESENT for m in members},
            )
            council.meeting_open(meeting=meeting, actor=self.office)
            items = list(PollItem.objects.filter(poll__meeting=meeting))
            for index, member in enumerate(members):
                choices = {
                    item.pk: Choice.AGREE if index < self.agrees[item.nominee_id] else Choice.DISAGREE
                    for item in items
                }
                council.vote_cast(meeting=meeting, member=member, choices=choices, actor=users[member.pk])
            self.time_machine.move_to(dt.datetime.combine(day, dt.time(10, 15), tzinfo=TZ), tick=False)
            self.meeting = council.poll_close(meeting=meeting, actor=self.office)
        mail.outbox.clear()  # the members' invitations: not what the awards tests are about
        self.time_machine.move_to(dt.datetime(2026, 2, 5, 9, 0, tzinfo=TZ), tick=False)
        return self.meeting


# The council's members (not nominees, not signers of the award documents).
COUNCIL_NAMES = ["Trần Quốc Bảo", "Nguyễn Thế Đức", "Lê Văn Thành", "Võ Thị Diệu Linh", "Phạm Văn Tâm"]


@pytest.fixture
def result(campaign, office_user, time_machine, django_capture_on_commit_callbacks):
    """Nominees of `campaign` for the council; tests add nominees, then `result.close()` holds the vote."""
    return Result(campaign, office_user, time_machine, django_capture_on_commit_callbacks)


@pytest.fixture
def voted(result, unit_a, unit_b, head_a, head_b):
    """The plan's quota filled (fill_plan); the council met on MEETING_DAY and closed its vote."""
    fill_plan(result, unit_a, unit_b)
    result.close()
    return result


def fill_plan(result, unit_a, unit_b):
    """Unit A (collective) and four individuals with Giấy khen; unit B outside the quota; one individual
    below the threshold; one proposed for Bằng khen; a rejected dossier's nominee."""
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


@pytest.fixture
def submission(voted, office_user):
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
