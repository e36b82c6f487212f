"""What higher apps tell the criteria app about a campaign, without criteria importing them.

Each higher app registers from its AppConfig.ready():

- nominations: the dossiers the dashboard, summary and exports count (:func:`register_dossier_source`); while
  nothing is registered the dashboard says there are no dossiers to count and the dossier workbook is not
  offered;
- awards: the issued decisions the summary report (tổng kết) lists in section IV
  (:func:`register_award_summary`), as :class:`IssuedDecision` rows, oldest first.
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


@dataclass(frozen=True)
class DossierSource:
    """counts(campaign) -> [(state, label, count)] in the states' order (zero rows included);
    workbook(campaign) -> the xlsx bytes of the campaign's dossiers."""

    counts: Callable[[object], list[tuple[str, str, int]]]
    workbook: Callable[[object], bytes]


_source: DossierSource | None = None


def register_dossier_source(source: DossierSource) -> DossierSource:
    """Called once by the nominations app; a second call replaces the first."""
    global _source
    _source = source
    return source


def dossier_source() -> DossierSource | None:
    return _source
