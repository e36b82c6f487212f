"""The fixed cast: unit head A, unit head B, office, council member, chairman, publicity, admin, anonymous."""

import os

import pytest

from anhai_thidua.celery import app as celery_app
from anhai_thidua.core import broker

from .factories import OfficialFactory, UnitFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _celery_eager(settings):
    """Unit tests run tasks in-process; tests/core/test_redis_roundtrip.py uses a real worker instead."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    broker.reset()  # a broker failure in one test must not skip publishing in the next
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """The layout's per-user cache and the unread badge live in Django's cache; a test starts without them
    (SQLite reuses primary keys after a rolled-back test)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def page_cache(settings):
    """The pages' versioned caches on (PAGE_CACHE_SECONDS), as with Redis: tests/settings.py turns them off.
    An empty cache before and after; a request in English leaves the language active in this thread."""
    from django.core.cache import cache
    from django.utils import translation

    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()
    translation.deactivate()


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    """Uploads and cached documents (anhai_thidua/core/doccache.py) go to a throw-away folder, never var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """seed_anhai sets eleven demo passwords; PBKDF2's million rounds each cost seconds on a busy machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def unit_a(db):
    return UnitFactory(name="Trung tâm Phục vụ hành chính công", code="ttphcc", kind="trung_tam")


@pytest.fixture
def unit_b(db):
    return UnitFactory(name="Công an phường", code="capt", kind="don_vi")


@pytest.fixture
def office_unit(db):
    return UnitFactory(name="Phòng Văn hóa - Xã hội", code="vhxh")


@pytest.fixture
def head_a(unit_a):
    official = OfficialFactory(full_name="Phạm Văn Tâm", unit=unit_a, position="Giám đốc")
    return UserFactory(username="head_a", official=official, roles=[("unit_head", unit_a)])


@pytest.fixture
def head_b(unit_b):
    official = OfficialFactory(full_name="Đoàn Văn Quang", unit=unit_b, position="Trưởng Công an phường")
    return UserFactory(username="head_b", official=official, roles=[("unit_head", unit_b)])


@pytest.fixture
def office_user(office_unit):
    official = OfficialFactory(full_name="Lê Thị Thu Hà", gender="female", unit=office_unit)
    return UserFactory(username="office", official=official, roles=[("office", None)])


@pytest.fixture
def council_member(office_unit):
    official = OfficialFactory(full_name="Nguyễn Văn Hùng", unit=office_unit)
    return UserFactory(username="member", official=official, roles=[("council_member", None)])


@pytest.fixture
def chairman(office_unit):
    official = OfficialFactory(full_name="Trần Quốc Bảo", unit=office_unit, position="Chủ tịch UBND phường")
    return UserFactory(
        username="chairman", official=official, roles=[("chairman", None), ("council_member", None)]
    )


@pytest.fixture
def publicity_user(office_unit):
    official = OfficialFactory(full_name="Nguyễn Thị Yến", gender="female", unit=office_unit)
    return UserFactory(username="publicity", official=official, roles=[("publicity", None)])


@pytest.fixture
def admin_user(db):
    return UserFactory(
        username="admin", official=None, is_staff=True, is_superuser=True, roles=[("admin", None)]
    )


@pytest.fixture
def seeded(db):
    """The whole An Hải demo (organisation and plan), as `manage.py seed_anhai` loads it."""
    from django.core.management import call_command

    call_command("seed_anhai", verbosity=0)
    from campaigns.models import Campaign

    return Campaign.objects.get(slug="cchc-2025-h2")


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _two_factor_not_required(settings):
    """Sign-ins in tests go straight in; tests/core/test_accounts.py turns the requirement back on."""
    settings.OTP_REQUIRED_ROLES = []


@pytest.fixture(autouse=True)
def _session_clock_as_django_default(settings):
    """Many tests move the clock by days around a signed-in client; the 30-minute idle and 12-hour limits
    would sign them out. tests/core/test_accounts.py sets the real limits and proves them."""
    settings.SESSION_IDLE_MINUTES = 10**6
    settings.SESSION_MAX_AGE_HOURS = 10**5
    settings.SESSION_COOKIE_AGE = 1209600  # Django's default, two weeks


@pytest.fixture
def canary():
    """A loopback HTTP server counting its hits (tests/canary.py): `canary.url`, `canary.hits`."""
    from .canary import CanaryServer

    with CanaryServer() as server:
        yield server


def _empty_council_tables_past_the_guard(connection) -> None:
    """SQLite's flush deletes row by row and the closed-poll triggers refuse it (council/dbguard.py): empty the
    council's tables with the guard lifted, then put the guard back for the tests that follow. PostgreSQL's
    flush truncates, which row triggers do not see."""
    from django.apps import apps

    from council import dbguard
    from organisation.models import Council

    tables = [m._meta.db_table for m in apps.get_app_config("council").get_models() if m is not Council]
    dbguard.drop(connection)
    try:
        with connection.constraint_checks_disabled(), connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608 - our own table names
    finally:
        dbguard.install(connection)


@pytest.fixture(autouse=True)
def _flush_past_the_council_guard(request):
    """Every test whose database is flushed afterwards (transactional_db, live_server, or
    django_db(transaction=True)) may leave a closed poll behind; empty the council's tables before the flush.
    Requesting transactional_db here makes this teardown run before pytest-django's flush."""
    marker = request.node.get_closest_marker("django_db")
    flushed = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if not flushed:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from django.db import connection

    if connection.vendor == "sqlite":
        _empty_council_tables_past_the_guard(connection)
