from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Thông báo, nhắc hạn"

    def ready(self):
        # Built-in "who still owes what" providers, registered as fallbacks: an app that owns the data
        # (criteria, nominations) registers its own provider for the same kind, and that one wins.
        from . import providers, signals  # noqa: F401
