"""The inbox's diacritic-free search: a folded key stored per dossier, matched with LIKE in the database."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from nominations.models import Dossier, Nominee
from organisation.text import fold

from .scopes import reviews_changed


def search_text_for(dossier: Dossier, nominees: Iterable[Nominee]) -> str:
    """Folded text of the unit's name and code and of every nominee's name."""
    parts = [dossier.unit.name, dossier.unit.short_name, dossier.unit.code]
    for nominee in nominees:
        parts.append(nominee.official.full_name if nominee.official_id else nominee.unit.name)
    return fold(" | ".join(p for p in parts if p))


def review_reindex(*, dossier_ids: Iterable[int]) -> int:
    """Create the dossiers' review rows if missing and refresh their search key (3 queries + writes)."""
    from .models import DossierReview

    ids = list(dossier_ids)
    if not ids:
        return 0
    dossiers = {d.pk: d for d in Dossier.objects.filter(pk__in=ids).select_related("unit")}
    names: dict[int, list[Nominee]] = {pk: [] for pk in dossiers}
    for nominee in Nominee.objects.filter(dossier_id__in=dossiers).select_related("official", "unit"):
        names[nominee.dossier_id].append(nominee)
    existing = {r.dossier_id: r for r in DossierReview.objects.filter(dossier_id__in=dossiers)}
    changed = 0
    for pk, dossier in dossiers.items():
        text = search_text_for(dossier, names[pk])
        review = existing.get(pk)
        if review is None:
            DossierReview.objects.get_or_create(dossier=dossier, defaults={"search_text": text})
            changed += 1
        elif review.search_text != text:
            DossierReview.objects.filter(pk=review.pk).update(search_text=text)
            changed += 1
    if changed:
        reviews_changed()  # queryset.update() sends no post_save
    return changed


def apply_search(qs: QuerySet[Dossier], query: str) -> QuerySet[Dossier]:
    """Every word of the query (folded) must occur in the dossier's search key."""
    for word in fold(query).split():
        qs = qs.filter(Q(review__search_text__contains=word))
    return qs
