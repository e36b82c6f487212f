"""The seal of an audit entry: HMAC-SHA256 over its content and the previous entry's seal.

Plain functions of plain values, so the data migration that seals the entries written before the chain
existed computes exactly what `audit.audit_record` does.
"""

import hashlib
import hmac
import json
from datetime import UTC, datetime

from django.conf import settings


def _key() -> bytes:
    return settings.AUDIT_HMAC_KEY.encode()


def entry_seal(
    *,
    at: datetime,
    actor_ref: int | None,
    actor_name: str,
    action: str,
    content_type_id: int | None,
    object_id: int | None,
    from_state: str,
    to_state: str,
    note: str,
    previous_seal: str,
) -> str:
    content = json.dumps(
        [
            at.astimezone(UTC).isoformat(timespec="microseconds"),
            actor_ref,
            actor_name,
            action,
            content_type_id,
            object_id,
            from_state,
            to_state,
            note,
            previous_seal,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hmac.new(_key(), content.encode(), hashlib.sha256).hexdigest()


def seal_of(entry) -> str:
    """The seal an AuditEntry (model or historical model) should carry."""
    return entry_seal(
        at=entry.at,
        actor_ref=entry.actor_ref,
        actor_name=entry.actor_name,
        action=entry.action,
        content_type_id=entry.content_type_id,
        object_id=entry.object_id,
        from_state=entry.from_state,
        to_state=entry.to_state,
        note=entry.note,
        previous_seal=entry.previous_seal,
    )


def head_seal(*, last_entry_id: int | None, last_seal: str, count: int) -> str:
    content = f"head|{last_entry_id or ''}|{last_seal}|{count}"
    return hmac.new(_key(), content.encode(), hashlib.sha256).hexdigest()
