from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = "Quyết định khen thưởng"

    def ready(self):
        # The certificates bundle as a background file (anhai_thidua.core.jobs).
        from . import jobs  # noqa: F401
