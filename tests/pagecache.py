"""Shared by the tests of the pages' versioned caches (anhai_thidua/core/versions.py): the cache on as with
Redis (tests/settings.py turns it off), the page's HTML without its CSRF tokens, a GET with its query count.

    pytestmark = pytest.mark.usefixtures("page_cache")   # the fixture is in tests/conftest.py
"""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext


def without_tokens(body: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)


def get_counting(client, url):
    """(queries, HTML) of one GET that must answer 200."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()
