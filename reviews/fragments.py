"""The review page's checklist (the components' and the nominees' facts), its returns and its history,
rendered once and kept in the cache (anhai_thidua/core/versions.py) under the dossier's scopes
(nominations/scopes.py), the review's (reviews/scopes.py) and both versions, with what the form needs of
each line (its key, label and saved finding) as plain values.

The form is never kept: ReviewForm is built for each request from those values and fills the cached HTML's
slots with its fields (ReviewForm.fill), the reviewer's typed values and the CSRF token included. A hit
asks the database nothing more than the dossier with its review; a POST reads the checklist afresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.translation import get_language

from anhai_thidua.core import versions
from nominations import scopes as dossier_scopes
from nominations.enums import PENDING_REVIEW_STATES, event_label
from nominations.models import Dossier

from . import scopes
from .models import DossierReview
from .selectors import ChecklistRow, review_page

CACHE_VERSION = 1  # raise when the templates or the value's shape change


@dataclass
class SheetRow:
    """A checklist line as the form needs it (ChecklistRow's key, label and saved finding)."""

    key: str
    label: str
    status: str
    comment: str

    @classmethod
    def of(cls, row: ChecklistRow) -> SheetRow:
        return cls(key=row.key, label=row.label, status=row.status, comment=row.comment)


@dataclass
class SheetBlock:
    """A nominee as the form needs it: the decision saved (or "") and its reason, and its lines."""

    nominee_id: int
    name: str  # formal_name
    decision: str
    reason: str
    rows: list[SheetRow]


@dataclass
class ReviewSheet:
    requirement_rows: list[SheetRow]
    nominee_blocks: list[SheetBlock]
    checklist: str  # SafeString: reviews/_checklist.html, one slot per form field
    after: str  # SafeString: reviews/_after.html (the returns and the history)
    has_minutes: bool
    # The request's rows, set after the cache: never kept.
    dossier: Dossier | None = field(default=None, compare=False)
    review: DossierReview | None = field(default=None, compare=False)

    @property
    def rows(self) -> list[SheetRow]:
        return self.requirement_rows + [r for b in self.nominee_blocks for r in b.rows]

    @property
    def is_pending(self) -> bool:
        return self.dossier.state in PENDING_REVIEW_STATES


def review_sheet(dossier: Dossier, *, cached: bool = True) -> ReviewSheet:
    """The review page of `dossier` (read with its campaign, unit, minutes and review) but its form: from the
    cache, or built (and kept); `cached=False` builds it from the rows as they are now (a POST)."""
    review = dossier._state.fields_cache.get("review")
    if review is None:  # the first look at this dossier's review: its row is made once
        review, _created = DossierReview.objects.get_or_create(dossier=dossier)
        dossier.review = review

    def build() -> ReviewSheet:
        page = review_page(dossier)
        for entry in page.history:
            entry.label = event_label(entry.action, entry.from_state)
        return ReviewSheet(
            requirement_rows=[SheetRow.of(r) for r in page.requirement_rows],
            nominee_blocks=[
                SheetBlock(
                    nominee_id=b.nominee.pk,
                    name=b.nominee.formal_name,
                    decision=b.decision.decision if b.decision else "",
                    reason=b.decision.reason if b.decision else "",
                    rows=[SheetRow.of(r) for r in b.rows],
                )
                for b in page.nominee_blocks
            ],
            checklist=render_to_string("reviews/_checklist.html", {"dossier": dossier, "page": page}),
            after=render_to_string("reviews/_after.html", {"page": page}),
            has_minutes=page.detail.minutes is not None,
        )

    if cached:
        sheet = versions.cached(
            "review-sheet",
            [
                dossier_scopes.NAMES,
                dossier_scopes.dossier(dossier.pk),
                dossier_scopes.plan(dossier.campaign_id),
                scopes.review(review.pk),
                scopes.decisions(dossier.pk),
            ],
            build,
            CACHE_VERSION,
            dossier.pk,
            dossier.version,
            review.version,
            get_language(),
        )
    else:
        sheet = build()
    sheet.dossier, sheet.review = dossier, review
    return sheet
