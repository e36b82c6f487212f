"""Acknowledging that submitted dossiers arrived (the inbox bulk action)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from nominations.enums import PENDING_REVIEW_STATES
from nominations.models import Dossier
from notifications.services import notify
from organisation.selectors import unit_heads

from .. import scopes
from ..models import DossierReview
from .common import require_reviewer


def _heads_of(dossier: Dossier) -> list:
    return unit_heads([dossier.unit])[dossier.unit_id]


def review_mark_received(*, dossiers, actor) -> int:
    """The office acknowledges that dossiers waiting for review arrived (a bulk action of the inbox).

    Only dossiers waiting for review and not yet marked count; marking twice changes nothing. Returns how
    many were marked. Side effects: audit row per dossier; the unit heads told the review's last day.
    """
    from ..deadlines import review_due

    require_reviewer(actor)
    marked = 0
    with transaction.atomic():
        for dossier in dossiers:
            if dossier.state not in PENDING_REVIEW_STATES:
                continue
            DossierReview.objects.get_or_create(dossier_id=dossier.pk)
            now = timezone.now()
            changed = DossierReview.objects.filter(
                dossier_id=dossier.pk, received_submission__lt=dossier.submission_count
            ).update(received_at=now, received_by=actor, received_submission=dossier.submission_count)
            if not changed:
                continue
            marked += 1
            scopes.reviews_changed()  # queryset.update() sends no post_save
            audit_record(actor=actor, action="review_receive", target=dossier)
            due = review_due(dossier)
            notify(
                recipients=_heads_of(dossier),
                subject=_("Phòng Văn hóa - Xã hội đã nhận hồ sơ của %(unit)s") % {"unit": dossier.unit.name},
                template="reviews/emails/received",
                context={"dossier": dossier, "campaign": dossier.campaign, "due": due},
                link=reverse("nominations:detail", args=[dossier.pk]),
                dedupe_key=f"reviews:received:{dossier.pk}:{dossier.submission_count}",
            )
    return marked
