"""The scopes of the reviews app's cached page parts (anhai_thidua/core/versions.py).

The review page's cached checklist (reviews/fragments.py), besides the dossier's own (nominations/scopes.py):
`review` and `decisions`, replaced by signals.py when the review's findings, decisions or returns change. The
services also bump DossierReview.version (queryset.update(), no signal), which is part of that key.

The review inbox's cached part: REVIEWS, what the review rows make (the receipt, the supplement's due date and
the search key the inbox shows or filters on), replaced on every DossierReview save/delete (signals.py) and by
the services' and the search index's queryset.update(). The dossiers, nominees, campaigns and units the inbox
shows are nominations/scopes.py's."""

from anhai_thidua.core import versions

REVIEWS = "reviews"


def review(review_id: int) -> str:
    """A review row and its checklist findings."""
    return f"review:{review_id}"


def decisions(dossier_id: int) -> str:
    """The office's decisions on a dossier's nominees and its returns for supplements."""
    return f"review-decisions:{dossier_id}"


def reviews_changed() -> None:
    versions.bump(REVIEWS)
