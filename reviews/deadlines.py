"""The office's review time limit: settings.REVIEW_WORKING_DAYS working days (weekends and Vietnamese
public holidays skipped, notifications.workdays) from the day the dossier became complete, that is the
day of its last submission (a dossier cannot be submitted incomplete; a resubmission restarts the count).
"""

from __future__ import annotations

import datetime as dt
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from nominations.enums import PENDING_REVIEW_STATES
from notifications.workdays import review_due_date, working_days_between


def complete_on(dossier) -> date | None:
    """The local day of the dossier's last (re)submission."""
    return timezone.localdate(dossier.submitted_at) if dossier.submitted_at else None


def review_due(dossier) -> date | None:
    """Last day of the review of a dossier waiting for it; None when it is not waiting."""
    day = complete_on(dossier)
    if day is None or dossier.state not in PENDING_REVIEW_STATES:
        return None
    return review_due_date(day)


def review_status(dossier, today: date | None = None) -> dict | None:
    """{"due": date, "left": working days left (negative: late), "overdue": bool, "near": bool}."""
    due = review_due(dossier)
    if due is None:
        return None
    today = today or timezone.localdate()
    left = working_days_between(today, due)
    return {"due": due, "left": left, "overdue": today > due, "near": 0 <= left <= 2 and today <= due}


def overdue_cutoff(today: date) -> date:
    """The first completion day whose review is not yet overdue today.

    review_due_date() never decreases as the completion day moves on, so a dossier is overdue exactly
    when it became complete before this day: the inbox filters on submitted_at in the database.
    """
    day = today
    # At most REVIEW_WORKING_DAYS working days back, plus the weekends and holidays in between.
    for _ in range(settings.REVIEW_WORKING_DAYS * 3 + 40):
        if review_due_date(day - timedelta(days=1)) < today:
            return day
        day -= timedelta(days=1)
    return day


def overdue_before(today: date) -> dt.datetime:
    """Aware datetime: a pending dossier submitted before it is overdue today."""
    cutoff = overdue_cutoff(today)
    return timezone.make_aware(dt.datetime.combine(cutoff, dt.time.min))
