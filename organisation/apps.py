from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = "Tổ chức"

    def ready(self):
        from . import signals  # noqa: F401  (the layout cache's invalidation)
