"""The nominees the office put before the council, grouped and paged as the meeting lists them."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from campaigns.enums import AwardKind, NomineeKind
from campaigns.models import Campaign
from nominations.models import Nominee
from reviews.selectors import accepted_nominees as reviewed_nominees


# ---- accepted nominees ------------------------------------------------------------------------------------------
def accepted_nominees(campaign: Campaign) -> QuerySet[Nominee]:
    """The nominees put before the ward council: those the office accepted at review (the review is the
    one place that knows how acceptance is represented)."""
    return reviewed_nominees(campaign)


def nominees_by_award_kind(campaign: Campaign) -> list[tuple[str, str, list[Nominee]]]:
    """[(award kind, label, nominees)] in award-form order; collectives first, then individuals."""
    nominees = list(
        accepted_nominees(campaign)
        .select_related("official", "official__unit", "unit", "unit__parent", "dossier__unit")
        .order_by("award_kind", "kind", "dossier__unit__order", "dossier__unit__name", "order", "pk")
    )
    groups: dict[str, list[Nominee]] = defaultdict(list)
    for nominee in nominees:
        groups[nominee.award_kind].append(nominee)
    for kind in groups.values():
        kind.sort(key=lambda n: (n.kind != NomineeKind.COLLECTIVE,))
    return [(kind, label, groups[kind]) for kind, label in AwardKind.choices if groups.get(kind)]


def nominee_page(campaign: Campaign, page_number, per_page: int):
    """One page of the nominees put before the council, in nominees_by_award_kind's order (award form, then
    collectives, then unit and order), for the draft meeting's page: two queries whatever their number."""
    from django.core.paginator import Paginator
    from django.db.models import Case, F, IntegerField, Value, When, Window
    from django.db.models.functions import RowNumber

    kind_rank = Case(
        *[When(award_kind=kind, then=Value(i)) for i, kind in enumerate(AwardKind.values)],
        default=Value(len(AwardKind.values)),
        output_field=IntegerField(),
    )
    collective_first = Case(
        When(kind=NomineeKind.COLLECTIVE, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    nominees = (
        accepted_nominees(campaign)
        .select_related("official", "official__unit", "unit", "unit__parent", "dossier__unit")
        .annotate(
            kind_rank=kind_rank,
            collective_first=collective_first,
            # the number in the award form's list, carried over from one page to the next
            position=Window(
                RowNumber(),
                partition_by=[F("award_kind")],
                order_by=[
                    collective_first,
                    F("dossier__unit__order"),
                    F("dossier__unit__name"),
                    F("order"),
                    F("pk"),
                ],
            ),
        )
        .order_by(
            "kind_rank", "collective_first", "dossier__unit__order", "dossier__unit__name", "order", "pk"
        )
    )
    return Paginator(nominees, per_page).get_page(page_number)
