"""The scopes of the review page's cached checklist (anhai_thidua/core/versions.py, reviews/fragments.py),
besides the dossier's own (nominations/scopes.py): what signals.py replaces when the review's findings,
decisions or returns change. The services also bump DossierReview.version (queryset.update(), no
signal), which is part of the key."""


def review(review_id: int) -> str:
    """A review row and its checklist findings."""
    return f"review:{review_id}"


def decisions(dossier_id: int) -> str:
    """The office's decisions on a dossier's nominees and its returns for supplements."""
    return f"review-decisions:{dossier_id}"
