from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "nominations"
    verbose_name = "Hồ sơ đề nghị khen thưởng"

    def ready(self):
        # providers: the submission reminders (notifications.registry); reporting: the dossiers as the
        # criteria dashboard and exports show them (criteria.registry); signals: the dossier page's and lists'
        # cached parts made stale by every change they show (scopes.py, anhai_thidua/core/versions.py).
        from . import providers, reporting, signals  # noqa: F401
