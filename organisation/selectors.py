"""Reads on the organisation."""

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from anhai_thidua.core.domain import DomainError

from .enums import Role
from .models import Council, CouncilMembership, Official, OrganisationImport, RoleAssignment, Unit, User


def unit_list_with_counts() -> QuerySet[Unit]:
    return Unit.objects.select_related("parent").annotate(
        official_count=Count("officials", filter=Q(officials__is_active=True))
    )


UNITS_PER_PAGE = 30


def unit_by_code(code: str) -> Unit | None:
    return Unit.objects.filter(code=code).first() if code else None


def unit_filter_page(page_number) -> tuple:
    """One page of the directory's unit filter: (page of top-level units, [unit, its teams…] in order, each
    with `official_count`). Two queries whatever the size of the ward: the units of the page and their teams
    in one, the active officials counted per unit of the page in the other (a GROUP BY on the unit index)."""
    from django.core.paginator import Paginator

    top = Unit.objects.filter(parent__isnull=True).order_by("order", "name", "pk").only("pk")
    page = Paginator(top, UNITS_PER_PAGE).get_page(page_number)
    ids = [u.pk for u in page.object_list]
    rows = list(Unit.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids)).order_by("order", "name", "pk"))
    counts = dict(
        Official.objects.filter(unit__in=rows, is_active=True)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    teams: dict[int, list[Unit]] = {}
    for unit in rows:
        unit.official_count = counts.get(unit.pk, 0)
        if unit.parent_id:
            teams.setdefault(unit.parent_id, []).append(unit)
    ordered = []
    for unit in rows:
        if unit.parent_id is None:
            ordered += [unit, *teams.get(unit.pk, [])]
    return page, ordered


def official_list(*, unit: Unit | None = None, query: str = "") -> QuerySet[Official]:
    """Officials in Vietnamese name order; `query` ignores diacritics."""
    from .text import fold

    qs = Official.objects.select_related("unit", "unit__parent").filter(is_active=True)
    if unit is not None:
        qs = qs.filter(Q(unit=unit) | Q(unit__parent=unit))
    if query:
        qs = qs.filter(search_key__contains=fold(query))
    return qs.order_by("sort_key")


def council_current() -> Council | None:
    return Council.objects.order_by("-starts_on").first()


def home_context_for_user(user) -> dict:
    """What the home page shows for the roles this user holds (a fixed number of queries)."""
    roles = user.role_codes()
    context: dict = {"roles": roles, "role_labels": [Role(r).label for r in Role.values if r in roles]}
    unit_ids = user.headed_unit_ids()
    if unit_ids:
        context["headed_units"] = list(Unit.objects.filter(pk__in=unit_ids))
    if Role.COUNCIL_MEMBER in roles or Role.CHAIRMAN in roles:
        council = council_current()
        context["council"] = council
        if council and user.official_id:
            context["council_membership"] = CouncilMembership.objects.filter(
                council=council, official_id=user.official_id
            ).first()
    if Role.OFFICE in roles or Role.ADMIN in roles:
        from .usercache import ward_counts

        counts = ward_counts()  # cached, invalidated on every unit or official change
        context["unit_count"] = counts["units"]
        context["official_count"] = counts["officials"]
    return context


def organisation_import_for_user(*, user, token) -> OrganisationImport | None:
    """One of the user's own imports; another user's token finds nothing."""
    if not (user and user.is_authenticated):
        return None
    return OrganisationImport.objects.filter(token=token, uploaded_by=user).first()


def organisation_import_list_for_user(*, user, limit: int = 10) -> list[OrganisationImport]:
    """The user's latest imports, newest first."""
    return list(OrganisationImport.objects.filter(uploaded_by=user).order_by("-created_at", "-id")[:limit])


def organisation_import_read(*, organisation_import: OrganisationImport) -> bytes:
    """The exact bytes that were uploaded; refuses a file that is gone or was altered on disk."""
    try:
        with organisation_import.file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError, ValueError) as exc:
        raise DomainError(_("Không còn tệp đã tải lên trên máy chủ; hãy tải tệp lên lại.")) from exc
    if hashlib.sha256(data).hexdigest() != organisation_import.sha256:
        raise DomainError(_("Tệp lưu trên máy chủ đã bị thay đổi; hãy tải tệp lên lại."))
    return data


def organisation_import_plan(*, organisation_import: OrganisationImport):
    """What confirming this import would write, row by row, with every error (no writes)."""
    from .importing import plan_for_bytes

    return plan_for_bytes(organisation_import_read(organisation_import=organisation_import))


# ---- users by role: the one place other apps look users up ---------------------------------------------------
def users_with_role(*roles: str) -> QuerySet[User]:
    """Active users holding any of the roles, each once, with their official, by primary key."""
    return (
        User.objects.filter(role_assignments__role__in=roles, is_active=True)
        .select_related("official")
        .distinct()
        .order_by("pk")
    )


def plan_signers(current_id: int | None = None) -> QuerySet[Official]:
    """Who may sign a plan or decision for the People's Committee: officials whose active account holds the
    chairman or vice-chairman role, and `current_id` (a signer chosen before), by name. Not the whole
    directory: a city's 30,000 officials are not a drop-down. (The ids first: an OR across the join would
    scan every official.)"""
    ids = set(
        RoleAssignment.objects.filter(
            role__in=[Role.CHAIRMAN, Role.VICE_CHAIRMAN], user__is_active=True, user__official__isnull=False
        ).values_list("user__official_id", flat=True)
    )
    ids.add(current_id)
    return Official.objects.filter(pk__in=ids - {None}).order_by("sort_key", "pk")


def receiving_units(current_id: int | None = None) -> QuerySet[Unit]:
    """The units that can receive dossiers: those of the officials whose active account holds the office role
    (Phòng Văn hóa - Xã hội), and `current_id` (chosen before), by name."""
    ids = set(
        RoleAssignment.objects.filter(
            role=Role.OFFICE, user__is_active=True, user__official__isnull=False
        ).values_list("user__official__unit_id", flat=True)
    )
    ids.add(current_id)
    return Unit.objects.filter(pk__in=ids - {None}).select_related("parent").order_by("name")


def office_users() -> list[User]:
    """Active users holding the office role (Phòng Văn hóa - Xã hội)."""
    return list(users_with_role(Role.OFFICE))


def first_user_with_role(role: str) -> User | None:
    """The active user given the role first (the demo's office user, chairman)."""
    assignment = (
        RoleAssignment.objects.filter(role=role, user__is_active=True)
        .select_related("user", "user__official")
        .order_by("id")
        .first()
    )
    return assignment.user if assignment else None


def unit_head_user(unit: Unit | int) -> User | None:
    """The active user first made head of the unit (signs its tờ trình and confirms its reports)."""
    unit_id = unit.pk if hasattr(unit, "pk") else unit
    assignment = (
        RoleAssignment.objects.filter(role=Role.UNIT_HEAD, unit_id=unit_id, user__is_active=True)
        .select_related("user", "user__official", "user__official__unit")
        .order_by("id")
        .first()
    )
    return assignment.user if assignment else None


def unit_heads(units: Iterable) -> dict[int, list[User]]:
    """{unit id: [active users holding role unit_head for it]} in one query, every unit present."""
    ids = [u.pk if hasattr(u, "pk") else u for u in units]
    heads: dict[int, list] = defaultdict(list)
    rows = (
        RoleAssignment.objects.filter(role=Role.UNIT_HEAD, unit_id__in=ids, user__is_active=True)
        .select_related("user", "user__official")
        .order_by("user_id")
    )
    for row in rows:
        heads[row.unit_id].append(row.user)
    return {pk: heads.get(pk, []) for pk in ids}
