from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = "Hội đồng Thi đua - Khen thưởng: họp, bỏ phiếu"

    def ready(self):
        from . import checks, providers  # noqa: F401  (system check verify_polls; council_meeting reminders)
