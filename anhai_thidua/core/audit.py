"""Writing, reading and verifying the audit trail shared by every workflow.

The trail is tamper-evident: every entry is sealed (chain.py) over its content and the seal of the entry
before it, and the chain's head row holds a seal of the last link and the count. Appends lock the head
row, so concurrent transactions append one after the other and the chain stays linear.
"""

from dataclasses import dataclass
from hmac import compare_digest

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, QuerySet

from .chain import head_seal, seal_of
from .models import AuditChainHead, AuditEntry

HEAD_PK = 1


def _actor_name(actor) -> str:
    name = getattr(actor, "display_name", "") or (
        actor.get_username() if hasattr(actor, "get_username") else ""
    )
    return str(name)[:150]


def audit_record(
    *,
    actor,
    action: str,
    target: Model | None,
    from_state: str = "",
    to_state: str = "",
    note: str = "",
) -> AuditEntry:
    """Write one audit row for `target` (None for events about no object, such as a failed sign-in).

    Call it inside the transition's transaction: the chain's head stays locked until that commits.
    """
    actor = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        head = _locked_head()
        entry = AuditEntry(
            actor=actor,
            actor_ref=actor.pk if actor else None,
            actor_name=_actor_name(actor) if actor else "",
            action=action,
            content_type=ContentType.objects.get_for_model(target) if target is not None else None,
            object_id=target.pk if target is not None else None,
            from_state=from_state,
            to_state=to_state,
            note=note,
            previous_seal=head.last_seal,
        )
        entry.seal = seal_of(entry)
        entry.save(force_insert=True)
        head.last_entry_id = entry.pk
        head.last_seal = entry.seal
        head.count += 1
        head.seal = head_seal(last_entry_id=head.last_entry_id, last_seal=head.last_seal, count=head.count)
        head.save(update_fields=["last_entry_id", "last_seal", "count", "seal"])
    return entry


def _locked_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=HEAD_PK).first()
    if head is None:  # a fresh (or flushed) database: the empty chain
        AuditChainHead.objects.get_or_create(
            pk=HEAD_PK, defaults={"seal": head_seal(last_entry_id=None, last_seal="", count=0)}
        )
        head = AuditChainHead.objects.select_for_update().get(pk=HEAD_PK)
    return head


def audit_list_for_object(target: Model) -> QuerySet[AuditEntry]:
    """The history of one object, newest first, with the actor loaded."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("actor", "actor__official")


@dataclass(frozen=True)
class AuditBreak:
    """The first place where the chain does not hold."""

    entry_id: int | None
    reason: str


def audit_verify() -> tuple[int, AuditBreak | None]:
    """Walk the chain from the first entry; return the number of entries checked and the first break."""
    previous, count, last_id = "", 0, None
    for entry in AuditEntry.objects.order_by("pk").iterator(chunk_size=2000):
        if not compare_digest(entry.previous_seal, previous):
            return count, AuditBreak(
                entry.pk, "không nối tiếp mục liền trước (một mục trước nó đã bị xóa hoặc chèn thêm)"
            )
        if not compare_digest(entry.seal, seal_of(entry)):
            return count, AuditBreak(entry.pk, "nội dung đã bị sửa sau khi ghi (dấu niêm phong không khớp)")
        if entry.actor_id is not None and entry.actor_id != entry.actor_ref:
            return count, AuditBreak(entry.pk, "người thực hiện đã bị đổi sau khi ghi")
        previous, count, last_id = entry.seal, count + 1, entry.pk
    head = AuditChainHead.objects.filter(pk=HEAD_PK).first()
    if head is None:
        return count, None if count == 0 else AuditBreak(None, "thiếu đầu chuỗi nhật ký")
    expected = head_seal(last_entry_id=head.last_entry_id, last_seal=head.last_seal, count=head.count)
    if not compare_digest(head.seal, expected):
        return count, AuditBreak(None, "đầu chuỗi nhật ký đã bị sửa")
    if head.count != count or head.last_entry_id != last_id or not compare_digest(head.last_seal, previous):
        return count, AuditBreak(
            head.last_entry_id,
            f"đầu chuỗi ghi {head.count} mục, kết thúc ở mục #{head.last_entry_id}, nhưng còn {count} mục "
            f"(mục cuối #{last_id}): các mục cuối đã bị xóa",
        )
    return count, None
