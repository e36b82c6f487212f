"""Writing and reading the audit trail shared by every workflow."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from .models import AuditEntry


def audit_record(
    *, actor, action: str, target: Model, from_state: str = "", to_state: str = "", note: str = ""
) -> AuditEntry:
    """Write one audit row for `target`. Call it inside the transition's transaction."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        from_state=from_state,
        to_state=to_state,
        note=note,
    )


def audit_list_for_object(target: Model) -> QuerySet[AuditEntry]:
    """The history of one object, newest first, with the actor loaded."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("actor", "actor__official")
