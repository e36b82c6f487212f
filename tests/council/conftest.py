"""A small world for the council: a campaign with Giấy khen quotas (1 collective, 4 individuals), a council
of N members with accounts, accepted dossiers with nominees, and helpers to meet, vote and close."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from campaigns.models import AwardForm, Quota
from council import services
from council.enums import AttendanceStatus, Choice
from council.models import Attendance, PollItem
from nominations.models import Dossier, Nominee
from tests.council.world import build_council
from tests.factories import CampaignFactory, OfficialFactory, UnitFactory

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
HELD_AT = dt.datetime(2026, 2, 5, 8, 30, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _clock(settings, time_machine):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.COUNCIL_QUORUM = "0.6667"
    settings.COUNCIL_THRESHOLD = "0.5"
    settings.COUNCIL_ALLOW_WRITTEN_VOTES = True
    time_machine.move_to(dt.datetime(2026, 2, 5, 8, 0, tzinfo=TZ), tick=False)


@pytest.fixture
def campaign(db):
    campaign = CampaignFactory(
        slug="cchc-council",
        title="Phong trào thi đua CCHC 6 tháng cuối năm 2025",
        award_achievement="công tác Cải cách hành chính 6 tháng cuối năm 2025",
        place="An Hải",
    )
    giay_khen = AwardForm.objects.create(campaign=campaign, kind="giay_khen", order=1)
    Quota.objects.create(award_form=giay_khen, nominee_kind="collective", count=1)
    Quota.objects.create(award_form=giay_khen, nominee_kind="individual", count=4)
    AwardForm.objects.create(campaign=campaign, kind="bang_khen", order=2)
    return campaign


class World:
    def __init__(self, campaign, council, members, users, units, office):
        self.campaign = campaign
        self.council = council
        self.members = members  # CouncilMembership, in order
        self.users = users  # member user by membership id
        self.units = units
        self.office = office

    def user(self, member):
        return self.users[member.pk]


def add_accepted(
    campaign, unit, *, collective_award="giay_khen", individuals=(), individual_award="giay_khen"
):
    dossier = Dossier.objects.create(campaign=campaign, unit=unit, state="accepted")
    nominees = []
    if collective_award:
        nominees.append(
            Nominee.objects.create(dossier=dossier, kind="collective", unit=unit, award_kind=collective_award)
        )
    for name in individuals:
        official = OfficialFactory(full_name=name, unit=unit)
        nominees.append(
            Nominee.objects.create(
                dossier=dossier, kind="individual", official=official, award_kind=individual_award
            )
        )
    return dossier, nominees


@pytest.fixture
def world(campaign, office_user):
    """9 members; unit X is headed by member 7 (recusal); two units with nominees."""
    unit_x = UnitFactory(name="Trung tâm Phục vụ hành chính công", code="pvhcc")
    unit_y = UnitFactory(name="Công an phường", code="ca")
    council, members, users = build_council(9, unit_heads={6: unit_x})
    add_accepted(campaign, unit_x, individuals=["Trần Ngọc Sơn", "Cao Thị Phương Thảo", "Lê Thị Mỹ Duyên"])
    add_accepted(campaign, unit_y, individuals=["Hà Thị Thanh Thủy", "Lâm Thị Kiều Trinh", "Tô Minh Nhật"])
    return World(campaign, council, members, users, {"x": unit_x, "y": unit_y}, office_user)


def schedule(world, *, secret=True, present=None, written=()):
    meeting = services.meeting_create(
        campaign=world.campaign,
        actor=world.office,
        held_at=HELD_AT,
        place="Phòng họp số 1, UBND phường An Hải",
        agenda="Xét, bỏ phiếu đề nghị khen thưởng.",
        secret_ballot=secret,
        number="3",
    )
    present = world.members if present is None else present
    statuses = {m.pk: AttendanceStatus.PRESENT for m in present}
    statuses.update({m.pk: AttendanceStatus.WRITTEN for m in written})
    services.attendance_record(meeting=meeting, actor=world.office, statuses=statuses)
    return meeting


def open_meeting(world, **kwargs):
    meeting = schedule(world, **kwargs)
    return services.meeting_open(meeting=meeting, actor=world.office)


def items_of(meeting):
    return list(
        PollItem.objects.filter(poll__meeting=meeting).select_related(
            "nominee__official", "nominee__unit", "poll"
        )
    )


def vote_all(world, meeting, plan: dict[str, int], *, default: int = 0):
    """Every non-absent member votes; plan: nominee display name -> number of 'agree' among eligible voters
    (in member order); names not in the plan get `default` agrees."""
    items = items_of(meeting)
    from council.models import Recusal

    recused = {(r.poll_item_id, r.member_id) for r in Recusal.objects.filter(poll_item__in=items)}
    voting = [
        a.member
        for a in Attendance.objects.filter(meeting=meeting)
        .exclude(status="absent")
        .select_related("member__official")
        .order_by("member__order")
    ]
    choices = {m.pk: {} for m in voting}
    for item in items:
        target = plan.get(item.nominee.display_name, default)
        eligible = [m for m in voting if (item.pk, m.pk) not in recused]
        for i, member in enumerate(eligible):
            choices[member.pk][item.pk] = Choice.AGREE if i < target else Choice.DISAGREE
    for member in voting:
        services.vote_cast(
            meeting=meeting, member=member, choices=choices[member.pk], actor=world.user(member)
        )
    return items
