"""The site's URLs plus one view that fails, for tests/core/test_errors.py."""

from django.urls import path

from anhai_thidua.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def boom(request):
    raise RuntimeError("the database went away")


urlpatterns = [*urlpatterns, path("boom/", boom)]
