"""The demo's calendar: one function gives every date `seed_anhai --through <stage>` writes, relative to the day
the seed runs, and every seeding module (campaigns, criteria, nominations, reviews, council, awards) reads it.

The events come in the order they happen in a real campaign: registration, criteria results, the units'
council meetings, submission, review (one dossier returned and resubmitted), the ward council's meeting, the
decision and its certificates. The events a stage has played lie in the past, the last one on the working day
before the seed day, each earlier one a few working days before the next. The deadlines of what a new user can
still do lie ahead. Every date is a working day (anhai_thidua.core.workdays: weekends and Vietnamese public
holidays skipped), so no deadline falls on a weekend or a holiday.

Run the stages on a fresh database: re-running a later stage over an older demo keeps the older dates.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from anhai_thidua.core.workdays import add_working_days

STAGES = ("plan", "submitted", "accepted", "voted", "decided")

# Events in their real order, with the working days from each to the next.
EVENTS = (
    ("registered", 15),  # units register (đăng ký thi đua)
    ("reported", 3),  # units report their criteria results
    ("validated", 5),  # the office validates them
    ("unit_meetings", 2),  # each unit's own council meets (minutes)
    ("submitted", 3),  # units submit their dossiers (the tờ trình is dated that day)
    ("returned", 2),  # the office returns one dossier for supplements
    ("resubmitted", 2),  # the unit resubmits it
    ("accepted", 5),  # the office accepts every dossier
    ("council_meeting", 3),  # the ward council meets and votes
    ("decided", 0),  # the chairman signs the decision
    ("certificates", 0),  # the certificates carry the decision's date
)
# The last event each stage plays.
LAST_EVENT = {
    "plan": "validated",  # registrations and one period of results come with the plan
    "submitted": "submitted",
    "accepted": "accepted",
    "voted": "council_meeting",
    "decided": "certificates",
}


@dataclass(frozen=True)
class Timeline:
    """Dates of one demo run. Events not played at this stage are None; deadlines are always set."""

    today: dt.date
    stage: str
    registered: dt.date
    reported: dt.date
    validated: dt.date
    unit_meetings: dt.date | None
    submitted: dt.date | None
    returned: dt.date | None
    resubmitted: dt.date | None
    accepted: dt.date | None
    council_meeting: dt.date | None
    decided: dt.date | None
    certificates: dt.date | None
    registration_deadline: dt.date
    criteria_report_deadline: dt.date
    submission_deadline: dt.date
    review_deadline: dt.date
    council_meeting_date: dt.date
    return_due: dt.date | None

    def played(self, event: str) -> bool:
        return getattr(self, event) is not None

    def events(self) -> list[tuple[str, dt.date]]:
        """The played events in their order, with their dates."""
        return [(name, getattr(self, name)) for name, _gap in EVENTS if self.played(name)]

    def deadlines(self) -> dict[str, dt.date]:
        """The campaign's deadlines, by field name."""
        return {
            "registration_deadline": self.registration_deadline,
            "criteria_report_deadline": self.criteria_report_deadline,
            "submission_deadline": self.submission_deadline,
            "review_deadline": self.review_deadline,
            "council_meeting_date": self.council_meeting_date,
        }

    def at(self, day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
        """An aware moment of `day` in the ward's time zone."""
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def demo_timeline(today: dt.date, stage: str = "decided") -> Timeline:
    """The dates of a demo seeded on `today` up to `stage` (one of STAGES)."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}: one of {', '.join(STAGES)}")
    names = [name for name, _gap in EVENTS]
    last = names.index(LAST_EVENT[stage])
    dates: dict[str, dt.date | None] = dict.fromkeys(names)
    day = add_working_days(today, -1)
    for index in range(last, -1, -1):
        dates[names[index]] = day
        if index:
            day = add_working_days(day, -EVENTS[index - 1][1]) if EVENTS[index - 1][1] else day

    ahead = add_working_days(today, 1)
    registration_deadline = add_working_days(dates["registered"], 5)
    criteria_report_deadline = add_working_days(dates["reported"], 2)
    if dates["accepted"]:  # submission is over: the deadline fell between the submissions and the review
        submission_deadline = add_working_days(dates["submitted"], 1)
    else:
        submission_deadline = add_working_days(ahead, 10)
    if dates["council_meeting"]:
        review_deadline = add_working_days(dates["accepted"], 1)
        council_meeting_date = dates["council_meeting"]
    else:
        review_deadline = add_working_days(
            max(submission_deadline, dates["accepted"] or submission_deadline, ahead),
            settings.REVIEW_WORKING_DAYS,
        )
        council_meeting_date = add_working_days(review_deadline, 3)
    return Timeline(
        today=today,
        stage=stage,
        registration_deadline=registration_deadline,
        criteria_report_deadline=criteria_report_deadline,
        submission_deadline=submission_deadline,
        review_deadline=review_deadline,
        council_meeting_date=council_meeting_date,
        return_due=add_working_days(dates["returned"], 5) if dates["returned"] else None,
        **dates,
    )


@contextmanager
def replaying(moment: dt.datetime):
    """Run the services of a past event at its own time, so that every stamp they write (submitted_at,
    audit rows, notices, auto_now fields) agrees with the event's date. Used by the demo seed only."""
    import time_machine

    with time_machine.travel(moment, tick=True):
        yield
