"""What higher apps tell the criteria app about a campaign, without criteria importing them.

The summary report (tổng kết, criteria/documents.py) lists the award decisions issued for the campaign. The
awards app sits above criteria in the layers, so it registers a provider from its AppConfig.ready()::

    from criteria.registry import register_award_summary
    register_award_summary(issued_decisions_for_summary)

A provider takes a campaign and returns its issued decisions as :class:`IssuedDecision` rows, oldest first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class AwardLine:
    """One awardee of an issued decision as the summary prints it."""

    name: str  # "Bà Lê Thị Thu Hà" or the collective's name
    form: str  # "Giấy khen của Chủ tịch UBND phường"
    amount: int  # đồng
    collective: bool = False


@dataclass(frozen=True)
class IssuedDecision:
    reference: str  # "01/QĐ-UBND"
    decision_date: date
    signer: str = ""
    lines: list[AwardLine] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


AwardSummaryProvider = Callable[[object], list[IssuedDecision]]

_providers: dict[str, AwardSummaryProvider] = {}


def register_award_summary(provider: AwardSummaryProvider) -> AwardSummaryProvider:
    """Register `provider(campaign) -> [IssuedDecision]`; registering the same function twice is harmless."""
    _providers[f"{provider.__module__}.{provider.__qualname__}"] = provider
    return provider


def issued_decisions(campaign) -> list[IssuedDecision]:
    """Every issued decision the registered providers know for `campaign`, by date then reference."""
    decisions = [d for provider in _providers.values() for d in provider(campaign)]
    return sorted(decisions, key=lambda d: (d.decision_date, d.reference))
