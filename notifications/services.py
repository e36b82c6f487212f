"""Writes of the notifications app: notify(), reading marks, the outbox sender, reminder settings.

Other apps call only `notify(...)` (and register reminder providers, see registry.py).
"""

import logging
import threading
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.domain import DomainError

from .emails import (
    SUBJECT_PREFIX,
    clean_subject,
    defer,
    email_address,
    render,
    render_deferred,
    render_in_app,
)
from .enums import EmailStatus
from .models import Notification, OutboundEmail, ReminderSettings, parse_offsets
from .selectors import unread_invalidate

log = logging.getLogger(__name__)

GENERIC_TEMPLATE = "notifications/emails/generic"


def notify(
    *,
    recipients: Iterable,
    subject: str,
    template: str = GENERIC_TEMPLATE,
    context: dict | None = None,
    link: str = "",
    dedupe_key: str | None = None,
    email: bool = True,
    addresses: Iterable[tuple[str, str]] = (),
) -> list[Notification]:
    """Tell users something: an in-app notification each, and an email each (through the outbox).

    recipients: users (duplicates and inactive users are skipped).
    subject: Vietnamese, already translated; the email gets the "[Thi đua An Hải]" prefix.
    template: a pair "<name>.txt" / "<name>.html" (see emails.py); the generic one shows
        context["message"] (plain text, escaped in HTML).
    link: the page to open (a path such as "/ho-so/12/"; made absolute with settings.SITE_URL in mail).
    dedupe_key: when given, a recipient who already had a notification with this key gets nothing
        (enforced by a unique constraint), so retried callers do not notify twice.
    addresses: (address, greeting name) pairs of mailboxes that are no user's (a unit's address): an
        email each (no in-app notice), unless a user recipient gets it at that address or, with a
        dedupe_key, a user recipient already had it (a retried call).

    Runs in the caller's transaction: if the caller rolls back, nothing is notified. After commit it
    asks the broker to send at once; if the broker is down the rows wait and the beat task
    `notifications.send_pending_emails` sends them later, exactly once.
    Returns the notifications written.
    """
    context = context or {}
    content = dict(template=template, subject=subject, context=context, link=link)
    written: list[Notification] = []
    seen: set[int] = set()
    mailed: set[str] = set()
    queued = repeated = False  # repeated: a user already had this dedupe key (a retried call)
    with transaction.atomic():
        for user in recipients:
            if user is None or user.pk in seen or not user.is_active:
                continue
            seen.add(user.pk)
            note, address = _notify_user(user, dedupe_key=dedupe_key, email=email, **content)
            if note is None:
                repeated = True
                continue
            written.append(note)
            if address:
                mailed.add(address.lower())
                queued = True
        if email and not repeated:  # a retried call: the mailboxes had it too
            queued = _mail_mailboxes(addresses, mailed=mailed, **content) or queued
        if queued:
            if getattr(_batch, "active", False):
                _batch.queued = True
            else:
                transaction.on_commit(kick_sender)
    return written


def _notify_user(
    user, *, template, subject, context, link, dedupe_key, email
) -> tuple[Notification | None, str]:
    """One user's in-app notice and, when email is on and they have an address, its email in the outbox.
    Returns the notice and the address mailed (""), or (None, "") when the dedupe key says they had it."""
    rendered = render(template=template, subject=subject, context=context, user=user, link=link)
    fields = dict(
        recipient=user, subject=rendered.subject, body=rendered.in_app, link=link, dedupe_key=dedupe_key or ""
    )
    if dedupe_key:
        try:
            with transaction.atomic():
                note = Notification.objects.create(**fields)
        except IntegrityError:
            return None, ""
    else:
        note = Notification.objects.create(**fields)
    address = email_address(user)
    if not (email and address):
        return note, ""
    OutboundEmail.objects.create(
        notification=note,
        recipient=user,
        to=address,
        from_email=settings.DEFAULT_FROM_EMAIL,
        subject=SUBJECT_PREFIX + rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
    )
    return note, address


def _mail_mailboxes(addresses, *, mailed: set[str], template, subject, context, link) -> bool:
    """An email each to mailboxes that are no user's (a unit's address), skipping those already mailed.
    Returns whether any was queued."""
    queued = False
    for address, name in addresses:
        if not address or address.lower() in mailed:
            continue
        mailed.add(address.lower())
        rendered = render(
            template=template, subject=subject, context=context, user=None, link=link, name=name
        )
        OutboundEmail.objects.create(
            to=address,
            from_email=settings.DEFAULT_FROM_EMAIL,
            subject=SUBJECT_PREFIX + rendered.subject,
            body_text=rendered.text,
            body_html=rendered.html,
        )
        queued = True
    return queued


def notify_many(messages: Sequence[dict]) -> list[Notification | None]:
    """notify() for many messages at once, with bulk inserts (the reminder tick): each message is a dict of
    notify()'s arguments for one recipient (user, subject, template, context, link; email=True). Returns, in
    order, the notification written for each message, or None for an inactive user. No dedupe keys (the
    caller's own unique rows say what was already sent). Runs in the caller's transaction.

    Only the in-app copy is rendered here: each email is written with what its body is rendered from
    (OutboundEmail.deferred, see emails.defer) and rendered when the outbox sends it, so the context must be
    JSON values and dates (a model instance as a dict of the attributes the template reads)."""
    prepared = []
    for message in messages:
        user = message["user"]
        if user is None or not user.is_active:
            prepared.append(None)
            continue
        link = message.get("link", "")
        template = message.get("template", GENERIC_TEMPLATE)
        context = message.get("context") or {}
        subject = clean_subject(message["subject"])
        body = render_in_app(template=template, subject=subject, context=context, user=user, link=link)
        note = Notification(recipient=user, subject=subject, body=body, link=link)
        address = email_address(user) if message.get("email", True) else ""
        email = None
        if address:
            email = OutboundEmail(
                recipient=user,
                to=address,
                from_email=settings.DEFAULT_FROM_EMAIL,
                subject=SUBJECT_PREFIX + subject,
                deferred=defer(template=template, subject=subject, context=context, user=user, link=link),
            )
        prepared.append((note, email))
    with transaction.atomic():
        notes = Notification.objects.bulk_create([p[0] for p in prepared if p], batch_size=500)
        emails = []
        for note, (_note, email) in zip(notes, [p for p in prepared if p], strict=True):
            if email is not None:
                email.notification = note
                emails.append(email)
        OutboundEmail.objects.bulk_create(emails, batch_size=500)
        unread_invalidate(*{note.recipient_id for note in notes})
        if emails:
            if getattr(_batch, "active", False):
                _batch.queued = True
            else:
                transaction.on_commit(kick_sender)
    it = iter(notes)
    return [next(it) if p else None for p in prepared]


_batch = threading.local()


@contextmanager
def outbox_batch():
    """Within the block, notify() does not ask the broker once per transaction; one request is made at
    the end instead (the reminder task writes many small transactions)."""
    if getattr(_batch, "active", False):
        yield
        return
    _batch.active, _batch.queued = True, False
    try:
        yield
    finally:
        queued = _batch.queued
        _batch.active, _batch.queued = False, False
        if queued:
            transaction.on_commit(kick_sender)


def kick_sender() -> None:
    """Ask a worker to send the outbox now. Never raises: with the broker down the beat task will."""
    from anhai_thidua.core.broker import publish

    from .tasks import send_pending_emails

    # Fails fast (timeouts, no retry, back-off) instead of holding the user's request.
    publish(send_pending_emails)


def _message(row: OutboundEmail, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body_text,
        from_email=row.from_email,
        to=[row.to],
        connection=connection,
        headers={"Message-ID": row.message_id},
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    return message


def outbox_send_pending(*, limit: int | None = None) -> int:
    """Send due pending emails; returns how many left. Safe to run in several workers at once.

    Each row is claimed with a conditional UPDATE (pending -> sending): only the worker whose UPDATE
    changed the row sends it. A failure puts the row back to pending with a growing delay, and to
    failed after settings.OUTBOX_MAX_ATTEMPTS. A claim older than settings.OUTBOX_CLAIM_TIMEOUT_SECONDS
    (a worker killed mid-send) is released again; the stable Message-ID lets mail servers drop the
    rare copy that this can cause.
    """
    limit = limit or settings.OUTBOX_BATCH_SIZE
    now = timezone.now()
    OutboundEmail.objects.filter(
        status=EmailStatus.SENDING,
        claimed_at__lt=now - timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT_SECONDS),
    ).update(status=EmailStatus.PENDING)
    due = list(
        OutboundEmail.objects.filter(status=EmailStatus.PENDING, next_attempt_at__lte=now)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    connection = None
    try:
        for pk in due:
            claimed = OutboundEmail.objects.filter(pk=pk, status=EmailStatus.PENDING).update(
                status=EmailStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
            )
            if not claimed:
                continue  # another worker has it
            row = OutboundEmail.objects.get(pk=pk)
            rendered = {}
            try:
                if row.deferred and not row.body_text:
                    # Rendered now (written by a bulk writer), and kept with the row as the log of what left.
                    row.body_text, row.body_html = render_deferred(row.deferred)
                    rendered = {"body_text": row.body_text, "body_html": row.body_html}
                if connection is None:
                    connection = get_connection()
                    connection.open()
                _message(row, connection).send()
            except Exception as exc:
                log.warning("email %s to %s failed (attempt %s): %s", row.pk, row.to, row.attempts, exc)
                give_up = row.attempts >= settings.OUTBOX_MAX_ATTEMPTS
                OutboundEmail.objects.filter(pk=pk, status=EmailStatus.SENDING).update(
                    status=EmailStatus.FAILED if give_up else EmailStatus.PENDING,
                    last_error=f"{type(exc).__name__}: {exc}"[:2000],
                    next_attempt_at=timezone.now() + timedelta(minutes=2**row.attempts),
                )
                _close(connection)
                connection = None
            else:
                OutboundEmail.objects.filter(pk=pk, status=EmailStatus.SENDING).update(
                    status=EmailStatus.SENT, sent_at=timezone.now(), last_error="", **rendered
                )
                sent += 1
    finally:
        _close(connection)
    return sent


def _close(connection) -> None:
    if connection is not None:
        try:
            connection.close()
        except Exception:  # a broken SMTP session may fail to quit; nothing to do about it
            log.debug("closing the mail connection failed", exc_info=True)


def outbox_retry(*, email: OutboundEmail) -> bool:
    """Put a failed email back in the queue (the office's "send again"). Returns False if not failed."""
    changed = OutboundEmail.objects.filter(pk=email.pk, status=EmailStatus.FAILED).update(
        status=EmailStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    if changed:
        transaction.on_commit(kick_sender)
    return bool(changed)


def notification_mark_read(*, notification: Notification, user) -> None:
    """Mark one of the user's notifications read (idempotent; keeps the first reading time)."""
    Notification.objects.filter(pk=notification.pk, recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    unread_invalidate(user.pk)


def notification_mark_all_read(*, user) -> int:
    """Mark every unread notification of the user read; returns how many changed."""
    changed = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    unread_invalidate(user.pk)
    return changed


def reminder_settings_save(*, campaign, actor, offsets: str, after_days: int, escalate: bool, enabled: bool):
    """Create or update the campaign's reminder settings (the office's form). Side effects: audit row.

    Raises DomainError on offsets that are not positive whole numbers ("7,3,1")."""
    from anhai_thidua.core.audit import audit_record

    try:
        parse_offsets(offsets)
    except ValueError:
        raise DomainError(_("Số ngày nhắc trước hạn không hợp lệ: hãy nhập ví dụ 7,3,1.")) from None

    with transaction.atomic():
        cfg, _created = ReminderSettings.objects.select_for_update().get_or_create(campaign=campaign)
        before = f"{cfg.offsets}|{cfg.after_days}|{cfg.escalate}|{cfg.enabled}"
        cfg.offsets = ",".join(str(d) for d in parse_offsets(offsets))
        cfg.after_days = after_days
        cfg.escalate = escalate
        cfg.enabled = enabled
        cfg.updated_by = actor if getattr(actor, "pk", None) else None
        cfg.save()
        audit_record(
            actor=actor,
            action="reminder_settings_update",
            target=campaign,
            note=f"{before} → {cfg.offsets}|{cfg.after_days}|{cfg.escalate}|{cfg.enabled}",
        )
    return cfg
