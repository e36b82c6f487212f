"""Reads of the notifications app."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Prefetch, QuerySet

from .models import Notification, OutboundEmail, Reminder


def unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}:v1"


def unread_count(user) -> int:
    """The navbar badge: cached per user; on a miss one COUNT query on the partial index of unread rows."""
    timeout = settings.USER_CACHE_SECONDS  # 0: off (see organisation/usercache.py)
    key = unread_key(user.pk)
    count = cache.get(key) if timeout else None
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        if timeout:
            cache.set(key, count, timeout)
    return count


def unread_invalidate(*user_ids) -> None:
    """Drop the cached badge now and again on commit (a read inside the writing transaction may refill it)."""
    keys = [unread_key(pk) for pk in user_ids if pk]
    if keys and settings.USER_CACHE_SECONDS:  # nothing is cached when the cache is off
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def notification_list_for_user(user) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def outbox_list(*, status: str = "") -> QuerySet[OutboundEmail]:
    """Every email written to the outbox, newest first, optionally one status only."""
    rows = OutboundEmail.objects.select_related("recipient", "recipient__official").order_by(
        "-created_at", "-id"
    )
    return rows.filter(status=status) if status else rows


def reminder_list_for_campaign(campaign) -> QuerySet[Reminder]:
    """Reminders sent for a campaign, newest first, with recipient, unit and email status loaded."""
    return (
        Reminder.objects.filter(campaign=campaign)
        .select_related("recipient", "recipient__official", "unit", "unit__parent", "notification")
        .prefetch_related(
            Prefetch(
                "notification__emails", queryset=OutboundEmail.objects.only("id", "status", "notification_id")
            )
        )
        .order_by("-sent_at", "-id")
    )
