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


def floor(request):
    """Issue 13's floor: a bare Django view that renders a 10-row table through a template (no layout, no
    query). Every page's one-connection p50 is divided by this view's p50, measured alternately."""
    rows = [(n, f"Đơn vị {n}", n * 7) for n in range(1, 11)]
    return HttpResponse(_floor_template().render({"rows": rows}, request))


@cache
def _floor_template():
    return engines["django"].from_string(
        "<!doctype html><title>floor</title><table>{% for n, name, v in rows %}"
        "<tr><td>{{ n }}</td><td>{{ name }}</td><td>{{ v }}</td></tr>{% endfor %}</table>"
    )


@cache
def _layout_template():
    return engines["django"].from_string('{% extends "base.html" %}')


urlpatterns = [
    path("__bench__/bare/", bare, name="bench_bare"),
    path("__bench__/layout/", layout, name="bench_layout"),
    path("__bench__/floor/", floor, name="bench_floor"),
    *project_urlpatterns,
]
