"""What the layout needs of the signed-in user on every page, cached per user: the role rows and the
official's name. Both change rarely; every change goes through Model.save()/delete() of User, Official or
RoleAssignment, whose receivers (organisation/signals.py) drop the entry, at once and again on commit so a
request that read the old rows inside the writing transaction cannot keep them.

The cache is Django's default cache, shared in Redis when REDIS_URL is set; settings.USER_CACHE_SECONDS (an
hour with Redis, 0 = off without it) is how long an entry lives if an invalidation is ever missed
(a queryset.update() of these tables).
"""

from __future__ import annotations

from html import escape

from django.conf import settings
from django.core.cache import cache
from django.db import transaction


def _key(user_id: int) -> str:
    return f"organisation:user:{user_id}:v1"


def user_profile(user) -> dict:
    """{"roles": [(role, unit_id), ...], "name": official's full name or None}: cached, one query on a miss."""
    timeout = settings.USER_CACHE_SECONDS  # 0: off (a per-process cache with many processes)
    key = _key(user.pk)
    profile = cache.get(key) if timeout else None
    if profile is None:
        from .models import RoleAssignment

        rows = list(
            RoleAssignment.objects.filter(user_id=user.pk).values_list(
                "role", "unit_id", "user__official__full_name"
            )
        )
        if rows:
            name = rows[0][2]
        elif user.official_id:
            name = user.official.full_name
        else:
            name = None
        profile = {"roles": [(role, unit) for role, unit, _n in rows], "name": name}
        if timeout:
            cache.set(key, profile, timeout)
    return profile


COUNTS_KEY = "organisation:counts:v1"


def ward_counts() -> dict:
    """{"units": active units, "officials": active officials}: the office's home and the directory's total.
    Cached like the profiles (two COUNTs over the whole ward on a miss), dropped on every Unit or Official
    save or delete (signals.py)."""
    from .models import Official, Unit

    timeout = settings.USER_CACHE_SECONDS
    counts = cache.get(COUNTS_KEY) if timeout else None
    if counts is None:
        counts = {
            "units": Unit.objects.filter(is_active=True).count(),
            "officials": Official.objects.filter(is_active=True).count(),
        }
        if timeout:
            cache.set(COUNTS_KEY, counts, timeout)
    return counts


TOP_UNITS_KEY = "organisation:top-units:v1"


def top_unit_choices() -> list[tuple[int, str]]:
    """[(pk, name)] of the ward's active top-level units in their order: the unit filters' options (2,000
    rows in a city). Cached like the counts, dropped with them on every Unit save or delete (signals.py)."""
    from .models import Unit

    timeout = settings.USER_CACHE_SECONDS
    choices = cache.get(TOP_UNITS_KEY) if timeout else None
    if choices is None:
        choices = list(
            Unit.objects.filter(parent__isnull=True, is_active=True)
            .order_by("order", "name")
            .values_list("pk", "name")
        )
        if timeout:
            cache.set(TOP_UNITS_KEY, choices, timeout)
    return choices


TOP_UNIT_OPTIONS_KEY = "organisation:top-unit-options:v1"


def top_unit_options() -> str:
    """The same units as `<option value="pk">name</option>` tags (escaped, in one string): a unit filter's
    options written once per change of the units, not once per request. Cached and dropped with the choices."""
    timeout = settings.USER_CACHE_SECONDS
    html = cache.get(TOP_UNIT_OPTIONS_KEY) if timeout else None
    if html is None:
        html = "".join(f'<option value="{pk}">{escape(name)}</option>' for pk, name in top_unit_choices())
        if timeout:
            cache.set(TOP_UNIT_OPTIONS_KEY, html, timeout)
    return html


def invalidate_counts() -> None:
    """Drop the ward's counts and its top units' choices and options (all follow every Unit change)."""
    if settings.USER_CACHE_SECONDS:
        keys = [COUNTS_KEY, TOP_UNITS_KEY, TOP_UNIT_OPTIONS_KEY]
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def invalidate(*user_ids) -> None:
    keys = [_key(pk) for pk in user_ids if pk]
    if not keys or not settings.USER_CACHE_SECONDS:  # nothing is cached when the cache is off
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
