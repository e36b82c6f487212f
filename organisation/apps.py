from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = "Tổ chức"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .accounts.steps import on_user_logged_in

        user_logged_in.connect(on_user_logged_in, dispatch_uid="organisation.accounts.step")

        from . import signals  # noqa: F401  (the layout cache's invalidation)
