"""Reads of the notifications app."""

from django.db.models import Prefetch, QuerySet

from .models import Notification, OutboundEmail, Reminder


def unread_count(user) -> int:
    """One COUNT query on the partial index of unread rows."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


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
