"""The "who still owes what" providers each app registers, and the registry."""

from datetime import date, datetime

import pytest
from django.core import mail

from criteria.models import Registration
from nominations.enums import DossierState
from nominations.models import DeadlineExtension, Dossier
from notifications.enums import ReminderKind
from notifications.models import Reminder
from notifications.registry import Owed, owed, provider_for, register_provider, unregister_provider
from notifications.reminders import send_due_reminders
from organisation.models import Council, CouncilMembership
from tests.factories import OfficialFactory, UnitFactory, UserFactory

from .conftest import VN


def _titles(items):
    return sorted((i.title, tuple(u.username for u in i.recipients)) for i in items)


def test_registration_provider_lists_units_not_registered(
    campaign, unit_a, unit_b, office_unit, head_a, head_b
):
    Registration.objects.create(campaign=campaign, unit=unit_b)
    UnitFactory(name="Tổ một cửa", code="to-mot-cua", parent=unit_a)  # a team reports through its unit
    UnitFactory(name="Đơn vị đã giải thể", code="giai-the", is_active=False)
    assert _titles(owed(campaign, ReminderKind.REGISTRATION)) == [
        ("Phòng Văn hóa - Xã hội", ()),  # no head: nobody to remind, but the office will see it
        ("Trung tâm Phục vụ hành chính công", ("head_a",)),
    ]


def test_submission_provider_reads_dossiers_and_extensions(
    campaign, unit_a, unit_b, office_unit, head_a, head_b
):
    Dossier.objects.create(
        campaign=campaign,
        unit=unit_b,
        state=DossierState.SUBMITTED,
        submitted_at=datetime(2025, 12, 1, tzinfo=VN),
    )
    Dossier.objects.create(campaign=campaign, unit=unit_a, state=DossierState.DRAFT)
    DeadlineExtension.objects.create(
        campaign=campaign, unit=unit_a, new_deadline=date(2025, 12, 22), reason="Ốm đau"
    )
    items = {i.title: i for i in owed(campaign, ReminderKind.SUBMISSION)}
    assert sorted(items) == ["Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công"]
    assert items["Trung tâm Phục vụ hành chính công"].deadline == date(2025, 12, 22)
    assert items["Phòng Văn hóa - Xã hội"].deadline is None  # the campaign's deadline applies


def test_review_limit_counts_working_days_from_submission(campaign, unit_a, office_user):
    dossier = Dossier.objects.create(
        campaign=campaign,
        unit=unit_a,
        state=DossierState.SUBMITTED,
        submitted_at=datetime(2026, 2, 13, 15, 0, tzinfo=VN),
    )
    (item,) = owed(campaign, ReminderKind.REVIEW_LIMIT)
    assert item.deadline == date(2026, 3, 6)  # ten working days, Tết skipped
    assert item.object_ref == f"nominations.dossier:{dossier.pk}"
    assert list(item.recipients) == [office_user]


def test_council_meeting_reminds_members_of_the_council_in_office(
    campaign, office_unit, at, django_capture_on_commit_callbacks
):
    campaign.council_meeting_date = date(2025, 12, 20)
    campaign.save()
    old = Council.objects.create(term="2021-2025", starts_on=date(2021, 1, 1), ends_on=date(2025, 6, 30))
    current = Council.objects.create(term="2025-2030", starts_on=date(2025, 7, 1))
    member = UserFactory(
        username="uyvien", official=OfficialFactory(full_name="Võ Thị Lan", gender="female", unit=office_unit)
    )
    former = UserFactory(username="cu", official=OfficialFactory(unit=office_unit))
    CouncilMembership.objects.create(council=current, official=member.official, function="member")
    CouncilMembership.objects.create(council=old, official=former.official, function="member")
    OfficialFactory(unit=office_unit)  # a member without an account is simply not reachable
    CouncilMembership.objects.create(
        council=current, official=OfficialFactory(unit=office_unit), function="member"
    )

    (item,) = owed(campaign, ReminderKind.COUNCIL_MEETING)
    assert list(item.recipients) == [member] and item.object_ref == f"council:{current.pk}"

    at(date(2025, 12, 17))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders() == 1
    (message,) = mail.outbox
    assert (
        message.subject
        == "[Thi đua An Hải] Nhắc lịch họp Hội đồng Thi đua - Khen thưởng phường: còn 3 ngày (ngày 20/12/2025)"
    )
    assert message.body.startswith("Kính gửi Bà Võ Thị Lan,")
    # A meeting is not "owed": nothing after the day, nothing escalated.
    for day in (21, 22, 23):
        at(date(2025, 12, day))
        with django_capture_on_commit_callbacks(execute=True):
            assert send_due_reminders() == 0
    assert Reminder.objects.filter(recipient=member).count() == 1


def test_every_kind_is_provided_by_the_app_that_owns_its_data():
    owners = {kind: provider_for(kind).__module__ for kind in ReminderKind.values}
    assert owners == {
        ReminderKind.REGISTRATION: "criteria.providers",
        ReminderKind.CRITERIA_REPORT: "criteria.providers",
        ReminderKind.SUBMISSION: "nominations.providers",
        ReminderKind.RETURNED_DOSSIER: "reviews.providers",
        ReminderKind.COUNCIL_MEETING: "council.providers",
        ReminderKind.REVIEW_LIMIT: "reviews.providers",
    }


def test_a_dropped_provider_means_nothing_owed(campaign, unit_a, head_a):
    assert owed(campaign, ReminderKind.REGISTRATION)  # unit A has not registered
    unregister_provider(ReminderKind.REGISTRATION)
    assert provider_for(ReminderKind.REGISTRATION) is None
    assert owed(campaign, ReminderKind.REGISTRATION) == []


def test_plain_pairs_are_accepted_and_unknown_kinds_refused(campaign, unit_a, head_a):
    register_provider(ReminderKind.RETURNED_DOSSIER, lambda c, k: [(unit_a, [head_a])])
    try:
        (item,) = owed(campaign, ReminderKind.RETURNED_DOSSIER)
        assert item.unit == unit_a and list(item.recipients) == [head_a] and item.ref == f"unit:{unit_a.pk}"
    finally:
        unregister_provider(ReminderKind.RETURNED_DOSSIER)
    with pytest.raises(ValueError):
        register_provider("birthday", lambda c, k: [])


def test_returned_dossier_with_its_own_due_date(
    campaign, unit_a, head_a, office_user, at, django_capture_on_commit_callbacks
):
    """How nominations plugs in the returned-dossier reminders: one item per dossier, its own due date."""
    campaign.submission_deadline = None  # only the returned dossier is due here
    campaign.save()
    register_provider(
        ReminderKind.RETURNED_DOSSIER,
        lambda c, k: [
            Owed(
                unit=unit_a,
                recipients=(head_a,),
                deadline=date(2025, 12, 10),
                object_ref="nominations.dossier:7",
                label="Hồ sơ của Trung tâm Phục vụ hành chính công",
                link="/ho-so/7/",
            )
        ],
    )
    try:
        at(date(2025, 12, 9))
        with django_capture_on_commit_callbacks(execute=True):
            assert send_due_reminders() == 1
    finally:
        unregister_provider(ReminderKind.RETURNED_DOSSIER)
    (message,) = mail.outbox
    assert (
        message.subject == "[Thi đua An Hải] Nhắc hạn bổ sung hồ sơ bị trả lại: còn 1 ngày (hạn 10/12/2025)"
    )
    assert "/ho-so/7/" in message.body
    reminder = Reminder.objects.get()
    assert (reminder.object_ref, reminder.deadline, reminder.offset) == (
        "nominations.dossier:7",
        date(2025, 12, 10),
        1,
    )
