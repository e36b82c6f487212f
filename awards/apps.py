from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = "Quyết định khen thưởng"

    def ready(self):
        # The summary report (criteria, a lower app) lists issued decisions through its registry.
        from criteria.registry import register_award_summary

        from .summary import issued_decisions_for_summary

        register_award_summary(issued_decisions_for_summary)

        # The certificates bundle as a background file (anhai_thidua.core.jobs).
        # signals: the decision page's cached awards table made stale by every award row's change.
        from . import (
            jobs,  # noqa: F401
            signals,  # noqa: F401
        )
