from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Thông báo, nhắc hạn"
    # The apps that own the data register their "who still owes what" providers in notifications.registry
    # from their own ready() (criteria, nominations, reviews, council); this app looks none of them up.

    def ready(self):
        from . import signals  # noqa: F401  (the unread badge's cache invalidation)
