"""anhai_thidua/core/versions.py: values kept under tokens, stale after a bump, never across releases."""

from anhai_thidua.core import versions


def test_cached_builds_once_until_a_scope_is_bumped(settings, db):
    settings.PAGE_CACHE_SECONDS = 600
    built = []

    def build():
        built.append(1)
        return f"value {len(built)}"

    assert versions.cached("thing", ["a", "b"], build, "vi") == "value 1"
    assert versions.cached("thing", ["a", "b"], build, "vi") == "value 1"
    assert versions.cached("thing", ["a", "b"], build, "en") == "value 2"  # another vary value
    versions.bump("b")
    assert versions.cached("thing", ["a", "b"], build, "vi") == "value 3"


def test_off_builds_every_time(settings):
    settings.PAGE_CACHE_SECONDS = 0
    built = []
    for _ in range(2):
        versions.cached("thing", ["a"], lambda: built.append(1) or len(built))
    assert len(built) == 2


def test_a_new_release_never_reads_the_previous_ones_values(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.RELEASE = "r1"
    assert versions.cached("page", ["a"], lambda: "old html") == "old html"
    settings.RELEASE = "r2"
    assert versions.cached("page", ["a"], lambda: "new html") == "new html"
    settings.RELEASE = ""
    assert versions.release() not in ("r1", "r2", "")  # the code's digest
