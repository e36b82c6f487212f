from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "nominations"
    verbose_name = "Hồ sơ đề nghị khen thưởng"

    def ready(self):
        # The submission reminders (notifications.registry).
        from . import providers  # noqa: F401
