"""Settings for the benchmarks: the project's settings on a database of their own, never var/db.sqlite3.

The database is BENCH_SQLITE (default var/bench/large.sqlite3) or DATABASE_URL when that is set; a
PostgreSQL database must be named anhai_bench* so a benchmark cannot be pointed at a real one by mistake.
Pages run as in production (DEBUG off, no template debug), with plain static storage so no
collectstatic is needed, Celery eager and mail kept in memory (the generator's submissions send mail).
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BENCH_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"
os.environ.setdefault("VAR_DIR", str(BENCH_DIR))  # media, broker file and beat schedule under var/bench/
os.environ.setdefault("DATABASE_URL", "")
# The project's settings refuse to start without production secrets unless DEBUG is on, and the seeds run
# only with DEMO on: both are set here so the commands in docs/benchmarks.md run as written (DEBUG is
# turned off again below: pages are timed as in production).
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DEMO", "true")

from anhai_thidua.settings import *  # noqa: E402,F403
from anhai_thidua.settings import BASE_DIR, DATABASES  # noqa: E402

if not os.environ.get("DATABASE_URL"):
    DATABASES["default"]["NAME"] = str(
        Path(os.environ.get("BENCH_SQLITE") or BENCH_DIR / "large.sqlite3").resolve()
    )
_name = str(DATABASES["default"]["NAME"])
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    if Path(_name).resolve() == (BASE_DIR / "var" / "db.sqlite3").resolve():
        raise ImproperlyConfigured("benchmarks never use var/db.sqlite3")
elif not _name.startswith("anhai_bench"):
    raise ImproperlyConfigured(f"benchmark databases are named anhai_bench*, not {_name!r}")

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
ROOT_URLCONF = "benchmarks.urls"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
# The layout's per-user cache (organisation/usercache.py) as in production with Redis: on here in each
# worker's own memory, which is safe because the benchmark's data does not change while it runs.
USER_CACHE_SECONDS = int(os.environ.get("USER_CACHE_SECONDS") or 3600)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS") or USER_CACHE_SECONDS)
