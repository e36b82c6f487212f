from django.apps import AppConfig


class AnhaiSiteConfig(AppConfig):
    """The site on top of every app: the home page and the demo's orchestration (seed_anhai)."""

    name = "anhai_site"
    verbose_name = "Trang chung"
