from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "anhai_thidua.core"
    label = "core"
    verbose_name = "Hệ thống"

    def ready(self):
        from . import checks  # noqa: F401  (registers the PDF system check)
