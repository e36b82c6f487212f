"""Reads of the awards app: the council's result as award outcomes, decisions and their awards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from campaigns.enums import AwardKind, NomineeKind
from campaigns.models import Campaign
from council.models import Meeting
from council.selectors import latest_closed_meeting, meeting_outcome, pending_ties
from nominations.enums import DossierState
from nominations.models import Nominee

from .enums import DecisionStatus, NotAwardedReason
from .models import Award, Decision

AWARDS_PER_PAGE = 50

NOMINEE_RELATED = ("dossier", "dossier__unit", "dossier__campaign", "official", "official__unit", "unit")


@dataclass(frozen=True)
class AwardOutcome:
    """One nominee's result as the decision uses it (a subset of council.selectors.Outcome)."""

    nominee: Nominee
    award_kind: str
    approved: bool
    within_quota: bool
    rank: int | None = None
    votes_for: int | None = None

    @property
    def awarded(self) -> bool:
        return self.award_kind == AwardKind.GIAY_KHEN and self.approved and self.within_quota

    @property
    def proposed_to_city(self) -> bool:
        return self.award_kind == AwardKind.BANG_KHEN and self.approved

    @property
    def reason(self) -> str:
        """Why a nominee is not awarded (empty when awarded or proposed)."""
        if self.awarded or self.proposed_to_city:
            return ""
        if not self.approved:
            return NotAwardedReason.BELOW_THRESHOLD
        return NotAwardedReason.OUTSIDE_QUOTA


def council_result(campaign: Campaign) -> tuple[list, int | None, bool]:
    """The council's tally of its latest closed meeting for the campaign: (outcomes, meeting id, ties open).
    No closed meeting yet: ([], None, False)."""
    meeting = latest_closed_meeting(campaign)
    if meeting is None:
        return [], None, False
    outcomes = meeting_outcome(meeting)
    return outcomes, meeting.pk, bool(pending_ties(outcomes))


def campaign_outcomes(campaign: Campaign) -> tuple[list[AwardOutcome], int | None]:
    """The result the decision follows, and the council meeting's id: the council's tally of its latest
    closed meeting; no closed meeting yet: ([], None)."""
    items, meeting_id, _ties = council_result(campaign)
    return award_outcomes(items), meeting_id


def award_outcomes(items) -> list[AwardOutcome]:
    """The council's outcomes (council_result) as the decision uses them."""
    return [
        AwardOutcome(
            nominee=item.nominee,
            award_kind=item.award_kind,
            approved=bool(item.approved),
            within_quota=bool(item.within_quota),
            rank=item.rank,
            votes_for=item.votes_for,
        )
        for item in items
    ]


def awarded_outcomes(outcomes: list[AwardOutcome]) -> list[AwardOutcome]:
    """The outcomes awarded a Giấy khen, collectives first, then individuals, each in the council's order."""
    awarded = [o for o in outcomes if o.awarded]
    awarded.sort(key=lambda o: (o.nominee.kind != NomineeKind.COLLECTIVE, o.rank or 0))
    return awarded


def meeting_day(meeting_id: int | None) -> date | None:
    """The local day the council meeting was held, or None (no meeting)."""
    if not meeting_id:
        return None
    held = Meeting.objects.filter(pk=meeting_id).values_list("held_at", flat=True).first()
    if held is None:
        return None
    return timezone.localtime(held).date() if isinstance(held, datetime) else held


def submission_for_campaign(campaign: Campaign):
    """The campaign's tờ trình of Phòng Văn hóa - Xã hội, or None."""
    from .models import Submission

    return Submission.objects.filter(campaign=campaign).select_related("campaign").first()


def rejected_nominees(campaign: Campaign) -> QuerySet[Nominee]:
    """Nominees whose dossier the office did not accept at review."""
    return Nominee.objects.filter(
        dossier__campaign=campaign, dossier__state=DossierState.REJECTED
    ).select_related(*NOMINEE_RELATED)


def proposal_nominees(campaign: Campaign) -> list[Nominee]:
    """Nominees the ward proposes to the city chairman for Bằng khen (approved by the council)."""
    outcomes, _meeting = campaign_outcomes(campaign)
    return [o.nominee for o in outcomes if o.proposed_to_city]


def decision_for_campaign(campaign: Campaign) -> Decision | None:
    """The campaign's decision: the issued one if any, else the draft."""
    return (
        Decision.objects.filter(campaign=campaign).order_by("-status", "-id").first()  # "issued" > "draft"
    )


def decision_detail(pk: int) -> Decision:
    """A decision with its campaign and awards, in one or two queries whatever the number of awards."""
    return (
        Decision.objects.select_related("campaign", "signer")
        .prefetch_related(Prefetch("awards", queryset=Award.objects.order_by("order", "id")))
        .get(pk=pk)
    )


def decision_header(pk: int) -> Decision:
    """A decision with its campaign and signer, without its awards (pages read them a page at a time)."""
    return Decision.objects.select_related("campaign", "signer", "signed_record").get(pk=pk)


@dataclass(frozen=True)
class AwardTotals:
    count: int
    total: int  # đồng
    kinds: frozenset  # NomineeKind values present


def award_totals(decision: Decision) -> AwardTotals:
    """How many awards a decision has, their money and which subjects: one aggregate query, whatever its size."""
    row = Award.objects.filter(decision=decision).aggregate(
        n=Count("id"),
        total=Coalesce(Sum("amount"), 0),
        collectives=Count("id", filter=Q(kind=NomineeKind.COLLECTIVE)),
        individuals=Count("id", filter=Q(kind=NomineeKind.INDIVIDUAL)),
    )
    kinds = {
        k
        for k, n in (
            (NomineeKind.COLLECTIVE, row["collectives"]),
            (NomineeKind.INDIVIDUAL, row["individuals"]),
        )
        if n
    }
    return AwardTotals(count=row["n"], total=int(row["total"]), kinds=frozenset(kinds))


def awards_page(decision: Decision, page_number, count: int, per_page: int = AWARDS_PER_PAGE):
    """One page of a decision's awards in Article 1's order; `count` from award_totals (no second COUNT)."""
    paginator = Paginator(Award.objects.filter(decision=decision).order_by("order", "id"), per_page)
    paginator.count = count  # Paginator.count is a cached_property: the aggregate already counted them
    return paginator.get_page(page_number)


def decision_list(campaign: Campaign | None = None) -> QuerySet[Decision]:
    qs = Decision.objects.select_related("campaign")
    return qs.filter(campaign=campaign) if campaign else qs


PUBLIC_AWARDS_SHOWN = 10  # a decision with more awardees is listed with its number and a link to its own page


def public_decision_list() -> QuerySet[Decision]:
    """Issued decisions, for the public page (công khai), each marked `many_awards` when it has more than
    PUBLIC_AWARDS_SHOWN awardees (an EXISTS that reads at most that many index rows, whatever the size).
    Their awardees: `with_shown_awards`."""
    beyond = Award.objects.filter(decision=OuterRef("pk")).order_by("id")[
        PUBLIC_AWARDS_SHOWN : PUBLIC_AWARDS_SHOWN + 1
    ]
    return (
        Decision.objects.filter(status=DecisionStatus.ISSUED)
        .select_related("campaign", "signed_record")  # signed_record: awards/signing
        .annotate(many_awards=Exists(beyond))
        .order_by("-decision_date", "-id")
    )


def with_shown_awards(decisions) -> list[Decision]:
    """The page's decisions, each with `shown_awards`: every awardee of a decision of at most
    PUBLIC_AWARDS_SHOWN (one query for the page), none of a larger one (its own page lists them)."""
    decisions = list(decisions)
    small = [d.pk for d in decisions if not d.many_awards]
    by_decision: dict[int, list[Award]] = {}
    if small:
        rows = Award.objects.filter(decision_id__in=small).only(
            "id", "decision_id", "name", "honorific", "kind", "unit_name", "order"
        )
        for award in rows.order_by("decision_id", "order", "id"):
            by_decision.setdefault(award.decision_id, []).append(award)
    for decision in decisions:
        decision.shown_awards = by_decision.get(decision.pk, [])
    return decisions


def public_decision(pk: int) -> Decision:
    """An issued decision for its public page (Decision.DoesNotExist for a draft)."""
    return Decision.objects.select_related("campaign", "signed_record").get(
        pk=pk, status=DecisionStatus.ISSUED
    )


def public_awards_page(decision: Decision, page_number, per_page: int = AWARDS_PER_PAGE):
    """One page of an issued decision's awardees for the public: name and unit only."""
    awards = Award.objects.filter(decision=decision).only(
        "id", "decision_id", "name", "honorific", "kind", "unit_name", "order"
    )
    return Paginator(awards.order_by("order", "id"), per_page).get_page(page_number)


def award_by_token(token: str) -> Award | None:
    """An award of an issued decision, for the public verification page."""
    return (
        Award.objects.filter(verify_token=token, decision__status=DecisionStatus.ISSUED)
        .select_related("decision", "decision__signed_record")  # signed_record: awards/signing
        .first()
    )


def awards_of_kind(decision: Decision, kind: str) -> list[Award]:
    return [a for a in decision.awards.all() if a.kind == kind]


def award_counts(decision: Decision) -> dict[str, int]:
    awards = list(decision.awards.all())
    return {
        "collective": sum(1 for a in awards if a.kind == NomineeKind.COLLECTIVE),
        "individual": sum(1 for a in awards if a.kind == NomineeKind.INDIVIDUAL),
        "total_amount": sum(a.amount for a in awards),
    }
