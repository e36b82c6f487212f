"""The demo's dates (campaigns.timeline, read by every app's seeding): events in their real order, played
events in the past, open deadlines ahead, every date a working day (no weekend, no public holiday)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from anhai_thidua.core.workdays import is_working_day
from campaigns.models import Campaign
from campaigns.timeline import EVENTS, STAGES, demo_timeline

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# A Wednesday (today in the brief: 30 calendar days later was 01/01, a holiday), the Monday after Tết 2027,
# a Saturday, and the day after Quốc khánh.
SEED_DAYS = [date(2026, 12, 2), date(2027, 2, 15), date(2026, 8, 29), date(2026, 9, 3)]


@pytest.mark.parametrize("today", SEED_DAYS)
@pytest.mark.parametrize("stage", STAGES)
def test_timeline_order_past_and_working_days(today, stage):
    t = demo_timeline(today, stage)
    events = t.events()
    names = [name for name, _day in events]
    assert names == [name for name, _gap in EVENTS][: len(names)]  # a prefix of the real order
    days = [day for _name, day in events]
    assert days == sorted(days), events  # each on or after the one before
    assert all(day < today for day in days), events  # played: in the past
    assert all(is_working_day(day) for day in days)
    deadlines = t.deadlines()
    assert all(is_working_day(day) for day in deadlines.values()), deadlines
    # The campaign form's own order (campaigns.forms.campaign.DEADLINE_FIELDS).
    assert (
        t.registration_deadline
        <= t.criteria_report_deadline
        <= t.submission_deadline
        < t.review_deadline
        < t.council_meeting_date
    )
    assert t.registered <= t.registration_deadline and t.reported <= t.criteria_report_deadline
    if t.played("submitted"):
        assert t.unit_meetings <= t.submitted <= t.submission_deadline
    else:
        assert t.submission_deadline > today  # units can still submit
    if t.played("accepted"):
        assert t.returned <= t.resubmitted <= t.return_due and t.accepted <= t.review_deadline
    else:
        assert t.review_deadline > today
    if t.played("council_meeting"):
        assert t.council_meeting_date == t.council_meeting
    else:
        assert t.council_meeting_date > today
    if t.played("decided"):
        assert t.council_meeting <= t.decided <= t.certificates


def test_timeline_old_bug_deadline_on_new_year_is_gone():
    """Seeded on 02/12/2026 the old code put the submission deadline on 01/01/2027 (Tết Dương lịch)."""
    t = demo_timeline(date(2026, 12, 2), "plan")
    assert t.submission_deadline != date(2027, 1, 1)
    assert is_working_day(t.submission_deadline)


def _local(moment):
    return timezone.localtime(moment).date()


@time_machine.travel(datetime(2026, 12, 2, 9, 0, tzinfo=HCM), tick=False)
def test_seed_decided_dates_follow_the_real_order(db, settings, tmp_path):
    """seed_anhai --through decided on 02/12/2026: registration < results < unit meetings ≤ submission <
    review < council meeting ≤ decision, all before the seed day; the decision cites a meeting held before it."""
    from awards.models import Decision
    from council.models import Meeting
    from criteria.models import Registration, TargetResult
    from nominations.models import Dossier

    settings.MEDIA_ROOT = tmp_path  # the demo's scans are stored files
    call_command("seed_anhai", through="decided", verbosity=0)
    today = date(2026, 12, 2)
    campaign = Campaign.objects.get()
    registered = max(_local(r.registered_at) for r in Registration.objects.all())
    reported = max(_local(r.reported_at) for r in TargetResult.objects.all())
    dossiers = list(Dossier.objects.select_related("minutes"))
    meetings_of_units = max(d.minutes.meeting_date for d in dossiers)
    first_submission = min(_local(d.submitted_at) for d in dossiers)
    decided = max(_local(d.decided_at) for d in dossiers)
    meeting = Meeting.objects.get()
    held = _local(meeting.held_at)
    decision = Decision.objects.get(status="issued")
    assert (
        registered
        < reported
        < meetings_of_units
        <= first_submission
        < decided
        < held
        <= decision.decision_date
    )
    assert decision.decision_date < today
    assert held.strftime("%d/%m/%Y") in decision.legal_bases  # the cited meeting came first
    assert all(d.minutes.meeting_date <= d.letter_date <= _local(d.submitted_at) for d in dossiers)
    assert campaign.council_meeting_date == held
    for field, day in (
        ("registration_deadline", campaign.registration_deadline),
        ("criteria_report_deadline", campaign.criteria_report_deadline),
        ("submission_deadline", campaign.submission_deadline),
        ("review_deadline", campaign.review_deadline),
        ("council_meeting_date", campaign.council_meeting_date),
    ):
        assert is_working_day(day), (field, day)


@time_machine.travel(datetime(2026, 12, 2, 9, 0, tzinfo=HCM), tick=False)
def test_seed_plan_leaves_the_deadlines_ahead_on_working_days(db):
    call_command("seed_anhai", verbosity=0)
    campaign = Campaign.objects.get()
    today = date(2026, 12, 2)
    for day in (campaign.submission_deadline, campaign.review_deadline, campaign.council_meeting_date):
        assert day > today and is_working_day(day)
    assert campaign.registration_deadline < today and campaign.criteria_report_deadline < today
