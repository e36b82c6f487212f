"""What the criteria dashboard, summary and exports show about the dossiers.

The dossiers belong to the nominations app, which sits above criteria: criteria never imports it.
nominations registers its source here from NominationsConfig.ready(); while nothing is registered
(an installation without nominations) the dashboard says there are no dossiers to count and the dossier
workbook is not offered.
"""

from collections.abc import Callable
from dataclasses import dataclass


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
