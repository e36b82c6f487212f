"""Saving the checklist and the draft decisions on nominees, without moving the dossier."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from nominations.models import Dossier
from organisation.text import nfc

from ..enums import ItemStatus
from ..errors import DomainError
from ..models import DossierReview, NomineeDecision, ReviewItem
from ..selectors import ReviewPage
from .common import Decision, bump_review, lock_review, page_for, require_pending, require_reviewer


def save_items(page: ReviewPage, review: DossierReview, actor, items: dict[str, dict]) -> None:
    """Write the checklist lines that changed. `items`: {row key: {"status": "", "ok" or "fix",
    "comment": str}}; keys that are not rows of this dossier are refused."""
    rows = {r.key: r for r in page.rows}
    unknown = set(items) - set(rows)
    if unknown:
        raise DomainError(_("Mục kiểm tra không thuộc hồ sơ này."))
    for key, value in items.items():
        row = rows[key]
        status = value.get("status") or ItemStatus.PENDING
        if status not in ItemStatus.values:
            raise DomainError(_("Kết quả kiểm tra không hợp lệ."))
        comment = nfc(value.get("comment", ""))
        if row.item is None:
            if not status and not comment:
                continue
            row.item = ReviewItem.objects.create(
                review=review,
                aspect=row.aspect,
                requirement=row.requirement,
                nominee=row.nominee,
                status=status,
                comment=comment,
                updated_by=actor,
            )
        elif (row.item.status, row.item.comment) != (status, comment):
            row.item.status, row.item.comment, row.item.updated_by = status, comment, actor
            row.item.save(update_fields=["status", "comment", "updated_by", "updated_at"])


def save_decisions(page: ReviewPage, actor, decisions: dict[int, dict]) -> None:
    blocks = {b.nominee.pk: b for b in page.nominee_blocks}
    if set(decisions) - set(blocks):
        raise DomainError(_("Quyết định ghi cho người không có trong hồ sơ."))
    now = timezone.now()
    for nominee_id, value in decisions.items():
        decision = value.get("decision") or Decision.ACCEPTED
        if decision not in Decision.values:
            raise DomainError(_("Quyết định không hợp lệ."))
        reason = nfc(value.get("reason", ""))
        block = blocks[nominee_id]
        current = block.decision
        if current is not None and (current.decision, current.reason) == (decision, reason):
            continue
        if decision == Decision.REJECTED and not reason:
            continue  # kept unsaved until it has its reason; review_decide refuses it
        block.decision, _created = NomineeDecision.objects.update_or_create(
            nominee_id=nominee_id,
            defaults={
                "dossier": page.dossier,
                "decision": decision,
                "reason": reason,
                "decided_by": actor,
                "decided_at": now,
            },
        )


def review_save(
    *,
    dossier: Dossier,
    actor,
    items: dict[str, dict],
    decisions: dict[int, dict] | None = None,
    review_version: int | None = None,
) -> DossierReview:
    """Save the checklist (and the draft decisions on nominees) without moving the dossier.

    Refused when the dossier is not waiting for review or when another reviewer saved in between.
    Side effects: review version bumped; audit row.
    """
    require_reviewer(actor, dossier)
    with transaction.atomic():
        review = lock_review(dossier, review_version)
        page = page_for(dossier)
        require_pending(page.dossier, "save")
        save_items(page, review, actor, items)
        save_decisions(page, actor, decisions or {})
        bump_review(review, actor)
        audit_record(actor=actor, action="review_save", target=page.dossier)
    return review
