"""The campaign's issued decisions for the criteria app's summary report (criteria.registry)."""

from criteria.registry import AwardLine, IssuedDecision

from .enums import DecisionStatus
from .models import Decision


def issued_decisions_for_summary(campaign) -> list[IssuedDecision]:
    """Issued decisions of `campaign` with their awardees and amounts (2 queries)."""
    decisions = (
        Decision.objects.filter(campaign=campaign, status=DecisionStatus.ISSUED)
        .prefetch_related("awards")
        .order_by("decision_date", "number")
    )
    return [
        IssuedDecision(
            reference=decision.reference,
            decision_date=decision.decision_date,
            signer=decision.signer_name,
            lines=[
                AwardLine(
                    name=award.formal_name,
                    form=award.get_award_kind_display(),
                    amount=award.amount,
                    collective=not award.is_individual,
                )
                for award in decision.awards.all()
            ],
        )
        for decision in decisions
    ]
