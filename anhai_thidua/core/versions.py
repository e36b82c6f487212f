"""Versioned caching: values kept in Django's cache under tokens that change with every write they depend on.

A token per scope (e.g. "units", "criteria-campaign:<id>", "dossier:<id>") lives in Django's default cache; a
cache key built from the tokens of the scopes a value was read from stops matching as soon as one of them
changes. Each change replaces the token by a new random one (never a counter: a token lost by the cache and
made again cannot bring back an old entry), at once and again on commit, so a request that read the old rows
while the writing transaction was open cannot keep them. Each app's receivers (its signals.py, on every
Model.save()/delete(), the admin's and imports' included) call `bump`; a bulk write calls it itself.

Off (`cache_seconds() == 0`) where the cache is per process and several processes serve: another process's
token could not be replaced. The switch is settings.PAGE_CACHE_SECONDS, by default the layout's
USER_CACHE_SECONDS (an hour with Redis, off without it). Used by the criteria dashboard's standings and the
pages' cached fragments (`cached`).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")


def cache_seconds() -> int:
    return settings.PAGE_CACHE_SECONDS


def _key(scope: str) -> str:
    return f"versions:token:{scope}"


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


def release() -> str:
    """What a deploy changes: settings.RELEASE when set, else a digest of the project's templates and Python
    files (names, sizes, times). Part of every key, so HTML cached by the previous release is never served by
    the next one, whatever PAGE_CACHE_SECONDS."""
    return str(getattr(settings, "RELEASE", "") or _files_digest())


@lru_cache(maxsize=1)
def _files_digest() -> str:
    digest = hashlib.md5(usedforsecurity=False)
    root = Path(settings.BASE_DIR)
    for pattern in ("*/templates/**/*.html", "templates/**/*.html", "*/*.py", "*/*/*.py"):
        for path in sorted(root.glob(pattern)):
            if ".venv" in path.parts or "node_modules" in path.parts:
                continue
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


def bump_parent(model, pk, field: str, scope: Callable[[object], str]) -> None:
    """Bump `scope(value)` where value is `field` of the `model` row `pk` (a child row's receiver that does not
    hold its parent's id): one small query, none when the cache is off or the row is gone."""
    if not cache_seconds() or pk is None:
        return
    value = model.objects.filter(pk=pk).values_list(field, flat=True).first()
    if value is not None:
        bump(scope(value))


def key(name: str, scopes: Iterable[str], *vary: object) -> str:
    """A cache key for `name` that changes with the scopes' tokens, the `vary` values (language, role, page
    number, …) and the release: read the tokens BEFORE the rows the value is built from."""
    parts = ":".join(tokens(*scopes))
    varying = hashlib.md5(repr(vary).encode(), usedforsecurity=False).hexdigest()
    return f"versions:value:{release()}:{name}:{varying}:{parts}"


def cached(name: str, scopes: Iterable[str], build: Callable[[], T], *vary: object) -> T:
    """`build()`'s value, kept until one of the scopes changes (or the timeout); `build()` every time when the
    cache is off. `vary`: everything besides the scopes' rows the value depends on (language, viewer, …)."""
    timeout = cache_seconds()
    if not timeout:
        return build()
    value_key = key(name, scopes, *vary)  # the tokens are read before build() reads the rows
    found = cache.get(value_key)
    if found is None:
        found = build()
        cache.set(value_key, found, timeout)
    return found
