"""The project's URLs plus the bare view every page is compared with."""

from functools import cache

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from anhai_thidua.urls import urlpatterns as project_urlpatterns


def bare(request):
    """The cheapest Django response: middleware, URL resolving and nothing else."""
    return HttpResponse("ok", content_type="text/plain")


def layout(request):
    """An empty page in the site's layout: base.html with its context processors (the unread badge, the
    user's roles, messages) and nothing else. What every page pays before its own content."""
    return HttpResponse(_layout_template().render({}, request))


@cache
def _layout_template():
    return engines["django"].from_string('{% extends "base.html" %}')


urlpatterns = [
    path("__bench__/bare/", bare, name="bench_bare"),
    path("__bench__/layout/", layout, name="bench_layout"),
    *project_urlpatterns,
]
