"""Receivers that drop the cached unread count (selectors.unread_count) when a notification is written or
deleted. Marking read goes through queryset.update() in services.py, which invalidates itself."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Notification
from .selectors import unread_invalidate


@receiver([post_save, post_delete], sender=Notification, dispatch_uid="notifications_unread_cache")
def _notification_changed(sender, instance, **kwargs):
    unread_invalidate(instance.recipient_id)
