"""`seed_anhai --through decided`: after the council's vote, the office drafts the award decision and the
chairman issues it, through the services (permissions, numbering, notifications all apply). Idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from campaigns.models import Campaign
from campaigns.timeline import Timeline, demo_timeline, replaying
from organisation.enums import Role
from organisation.selectors import first_user_with_role

from .defaults import ensure_default_rates
from .enums import DecisionStatus
from .models import AwardCoefficient, BaseSalary, Decision
from .selectors import proposal_nominees, submission_for_campaign
from .services import decision_draft, decision_issue, office_head_name, submission_create


def awards_seed_rates() -> int:
    """The default base salary and coefficient rows, where missing (a flushed or wiped demo database)."""
    return ensure_default_rates(BaseSalary, AwardCoefficient)


def awards_seed_decided(
    campaign: Campaign, *, today: dt.date | None = None, timeline: Timeline | None = None
) -> dict:
    """The office's tờ trình, then the campaign's decision (Giấy khen within the quota) drafted and
    issued, once, on the timeline's decision day (after the council meeting they follow). Returns
    {"decision": Decision | None, "created": bool, "awards": int, "proposed": int}."""
    today = today or timezone.localdate()
    # Dates: the demo timeline (campaigns.timeline): drafted and signed on the decision day, after the meeting.
    timeline = timeline or demo_timeline(today, "decided")
    today = timeline.decided
    decision = Decision.objects.filter(campaign=campaign).order_by("-status", "-id").first()
    created = False
    if decision is None:
        office = first_user_with_role(Role.OFFICE)
        if office is None:
            return {"decision": None, "created": False, "awards": 0, "proposed": 0}
        with replaying(timeline.at(today, 8)):
            if submission_for_campaign(campaign) is None:
                submission_create(
                    campaign=campaign,
                    actor=office,
                    submission_date=today,
                    signer_name=office_head_name(office),
                )
            decision = decision_draft(campaign=campaign, actor=office, today=today)
        created = True
    if decision.status == DecisionStatus.DRAFT:
        chairman = first_user_with_role(Role.CHAIRMAN)
        if chairman is None:
            return {
                "decision": decision,
                "created": created,
                "awards": decision.awards.count(),
                "proposed": 0,
            }
        with replaying(timeline.at(today, 15)):
            decision = decision_issue(decision=decision, actor=chairman, decision_date=today)
        created = True
    return {
        "decision": decision,
        "created": created,
        "awards": decision.awards.count(),
        "proposed": len(proposal_nominees(campaign)),
    }
