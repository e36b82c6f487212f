"""The scope of the review inbox's cached part (anhai_thidua/core/versions.py) that the review rows make:
the receipt, the supplement's due date and the search key the inbox shows or filters on. Replaced on every
DossierReview save/delete (signals.py) and by the services' and the search index's queryset.update().
The dossiers, nominees, campaigns and units the inbox shows are nominations/scopes.py's."""

from anhai_thidua.core import versions

REVIEWS = "reviews"


def reviews_changed() -> None:
    versions.bump(REVIEWS)
