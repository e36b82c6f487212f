from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = "Hội đồng Thi đua - Khen thưởng: họp, bỏ phiếu"

    def ready(self):
        # signals: the meeting page's cached tally made stale by every change it depends on (council/scopes.py).
        # jobs: a large meeting's documents made in the background (council/jobs.py).
        from . import checks, jobs, providers, signals  # noqa: F401  (system check verify_polls; council_meeting reminders)
