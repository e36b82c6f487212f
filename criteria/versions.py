"""Tokens that change with every write the dashboard's cached standings depend on.

A token per scope ("units", "campaign:<id>", "period:<id>") lives in Django's default cache; a cache key built
from the tokens of the scopes a value was read from stops matching as soon as one of them changes. Each
change replaces the token by a new random one (never a counter: a token lost by the cache and made again
cannot bring back an old entry), at once and again on commit, so a request that read the old rows while the
writing transaction was open cannot keep them. The receivers are in signals.py (every Model.save()/delete(),
the admin's and imports' included); a bulk write calls `bump` itself.

Off (`cache_seconds() == 0`) where the cache is per process and several processes serve: another process's
token could not be replaced. The switch is settings.CRITERIA_CACHE_SECONDS, by default the layout's
USER_CACHE_SECONDS (an hour with Redis, off without it).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

UNITS = "units"


def campaign_scope(campaign_id: int) -> str:
    return f"campaign:{campaign_id}"


def period_scope(period_id: int) -> str:
    return f"period:{period_id}"


def cache_seconds() -> int:
    return settings.CRITERIA_CACHE_SECONDS


def _key(scope: str) -> str:
    return f"criteria:token:{scope}"


def tokens(*scopes: str) -> list[str]:
    """The current token of each scope (one cache read; a missing one is made)."""
    keys = [_key(scope) for scope in scopes]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)
            found[key] = cache.get(key)
    return [found[key] for key in keys]


def _replace(scopes: tuple[str, ...]) -> None:
    cache.set_many({_key(scope): uuid.uuid4().hex for scope in scopes}, None)


def bump(*scopes: str) -> None:
    """Make every value read from these scopes stale: now and again when the transaction commits."""
    if not cache_seconds() or not scopes:
        return
    _replace(scopes)
    transaction.on_commit(lambda: _replace(scopes))
