from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Phong trào thi đua"

    def ready(self):
        # signals: the plan page's cached document made stale by every change it prints (scopes.py).
        from . import signals  # noqa: F401
