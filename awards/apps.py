from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = "Quyết định khen thưởng"
