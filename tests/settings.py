"""Settings for the test run: the development defaults, whatever the shell of the machine holds.

DEBUG defaults to off in anhai_thidua/settings.py, and with it off the settings refuse to start without a
secret key, hosts and a public address: the production check stays as strict as it is, and the test run
(which never serves the public) asks for the development mode instead. The environment is set, not only
the values, so a subprocess a test starts (a Celery worker, manage.py) gets the same settings.
"""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DEMO", "true")

from anhai_thidua.settings import *  # noqa: E402, F403

# One behaviour for the query-count tests whatever the machine has (CI sets REDIS_URL): a per-process cache,
# sessions in the database, the per-user layout cache off. The tests of that cache turn it on themselves
# (tests/core/test_layout_queries.py); Celery still uses Redis when REDIS_URL is set.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
USER_CACHE_SECONDS = 0
PAGE_CACHE_SECONDS = 0  # tests/criteria/test_dashboard_cache.py turns it on
