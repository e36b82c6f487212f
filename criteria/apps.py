from django.apps import AppConfig


class CriteriaConfig(AppConfig):
    name = "criteria"
    verbose_name = "Tiêu chí thi đua"

    def ready(self):
        # export_campaign's registry also autodiscovers it; importing here registers it in every process.
        # providers: the registration and criteria-report reminders (notifications.registry);
        # jobs: the reports and workbooks as background files (anhai_thidua.core.jobs);
        # plan_content: criteria and targets as content of the campaign's plan (campaigns.plan_content);
        # signals: the dashboard's cached standings made stale by every change they depend on (anhai_thidua/core/versions.py).
        from . import exporting, jobs, plan_content, providers, signals  # noqa: F401
