from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Thẩm định hồ sơ"

    def ready(self):
        # The reminder providers for returned dossiers and for the review time limit (they replace the
        # notifications app's fallbacks), and the receivers keeping the inbox's search key up to date.
        from . import providers, signals  # noqa: F401
