"""Built-in "who still owes what" providers, registered as fallbacks.

The models they read belong to apps other helpers are still building, so every lookup is lazy and
guarded: a missing app, model or field means "nothing owed yet", never a crash of the reminder task.
The owning app should register its own provider (registry.register_provider) once its models settle;
that one replaces the fallback here. Selectors, when present, are preferred over model probing:

- criteria.selectors.units_without_registration(campaign) -> units
- criteria.selectors.units_without_criteria_report(campaign) -> units
- nominations.selectors.units_without_submission(campaign) -> units
"""

import importlib
import logging

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db.models import Q
from django.utils import timezone

from .enums import ReminderKind
from .registry import Owed, office_users, register_provider, unit_heads
from .workdays import review_due_date

log = logging.getLogger(__name__)


def _selector(module: str, name: str):
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def _model(app_label: str, name: str):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def participating_units():
    """Every active unit of the ward takes part (plan II.1); teams are reached through their unit."""
    from organisation.models import Unit

    return list(Unit.objects.filter(is_active=True, parent__isnull=True).order_by("order", "name"))


def _owed_by_units(units) -> list[Owed]:
    units = list(units)
    heads = unit_heads(units)
    return [Owed(unit=u, recipients=tuple(heads[u.pk])) for u in units]


def _units_without(model, campaign, *, done=None) -> list:
    """Participating units with no row of `model` for `campaign` matching the Q `done`."""
    if model is None or not (_has_field(model, "campaign") and _has_field(model, "unit")):
        return []
    try:
        rows = model.objects.filter(campaign=campaign)
        if done is not None:
            rows = rows.filter(done)
        done_unit_ids = set(rows.values_list("unit_id", flat=True))
    except FieldError:
        log.warning("reminder fallback: %s has unexpected fields", model._meta.label)
        return []
    return [u for u in participating_units() if u.pk not in done_unit_ids]


def registration_owed(campaign, kind):
    """Units that have not registered for the campaign (criteria.Registration)."""
    selector = _selector("criteria.selectors", "units_without_registration")
    if selector is not None:
        return _owed_by_units(selector(campaign))
    model = _model("criteria", "Registration")
    # A registration still being drafted does not count.
    done = ~Q(status="draft") if model is not None and _has_field(model, "status") else None
    return _owed_by_units(_units_without(model, campaign, done=done))


def criteria_report_owed(campaign, kind):
    """Units that have not reported (beyond a draft) for a reporting period, each period with its own
    due date (criteria.ReportingPeriod / TargetResult); the campaign's deadline if it has no period."""
    selector = _selector("criteria.selectors", "units_without_criteria_report")
    if selector is not None:
        return _owed_by_units(selector(campaign))
    period_model = _model("criteria", "ReportingPeriod")
    result_model = _model("criteria", "TargetResult")
    if period_model is None or result_model is None:
        return []
    try:
        periods = list(period_model.objects.filter(campaign=campaign).order_by("due_date", "pk"))
        reported = set(
            result_model.objects.filter(period__campaign=campaign)
            .exclude(status="draft")
            .values_list("period_id", "unit_id")
            .distinct()
        )
    except FieldError:
        log.warning("reminder fallback: criteria models have unexpected fields")
        return []
    units = participating_units()
    if not periods:
        return _owed_by_units(units)
    heads = unit_heads(units)
    return [
        Owed(
            unit=unit,
            recipients=tuple(heads[unit.pk]),
            deadline=period.due_date,
            object_ref=f"criteria.period:{period.pk}/unit:{unit.pk}",
            label=f"{unit.name} ({period.name})",
        )
        for period in periods
        for unit in units
        if (period.pk, unit.pk) not in reported
    ]


def _state_field(model) -> str | None:
    return next((f for f in ("state", "status") if _has_field(model, f)), None)


def submission_owed(campaign, kind):
    """Units whose dossier is not submitted (no dossier, a draft, or withdrawn); a unit the office gave
    an extension (nominations.DeadlineExtension) is reminded against its own new deadline."""
    selector = _selector("nominations.selectors", "units_without_submission")
    if selector is not None:
        return _owed_by_units(selector(campaign))
    model = _model("nominations", "Dossier")
    state = _state_field(model) if model is not None else None
    if state is None:
        return []
    units = _units_without(model, campaign, done=~Q(**{f"{state}__in": ["draft", "withdrawn"]}))
    items = _owed_by_units(units)
    extension = _model("nominations", "DeadlineExtension")
    if not items or extension is None or not _has_field(extension, "new_deadline"):
        return items
    try:
        extended = dict(
            extension.objects.filter(campaign=campaign, unit__in=units).values_list("unit_id", "new_deadline")
        )
    except FieldError:
        return items
    base = campaign.submission_deadline
    return [
        Owed(unit=i.unit, recipients=i.recipients, deadline=extended[i.unit.pk])
        if i.unit.pk in extended and (base is None or extended[i.unit.pk] > base)
        else i
        for i in items
    ]


def council_meeting_owed(campaign, kind):
    """Members of the council in office on the meeting day (users linked to the member officials)."""
    from organisation.models import Council, User

    day = campaign.council_meeting_date
    if day is None:
        return []
    council = (
        Council.objects.filter(starts_on__lte=day)
        .exclude(ends_on__lt=day)
        .order_by("-starts_on", "-pk")
        .first()
    )
    if council is None:
        return []
    members = list(
        User.objects.filter(official__council_memberships__council=council, is_active=True)
        .select_related("official")
        .distinct()
        .order_by("pk")
    )
    if not members:
        return []
    return [
        Owed(unit=None, recipients=tuple(members), object_ref=f"council:{council.pk}", label=council.name)
    ]


def review_limit_owed(campaign, kind):
    """Dossiers waiting for the office's review, each due settings.REVIEW_WORKING_DAYS working days after
    it arrived (complete: a dossier cannot be submitted incomplete). Recipients: the office."""
    model = _model("nominations", "Dossier")
    if model is None or not _has_field(model, "unit"):
        return []
    state = _state_field(model)
    since = next((f for f in ("completed_at", "submitted_at") if _has_field(model, f)), None)
    if state is None or since is None:
        return []
    try:
        dossiers = list(
            model.objects.filter(campaign=campaign, **{f"{state}__in": ["submitted", "resubmitted"]})
            .exclude(**{f"{since}__isnull": True})
            .select_related("unit")
            .order_by("pk")
        )
    except FieldError:
        return []
    if not dossiers:
        return []
    office = tuple(office_users())
    return [
        Owed(
            unit=d.unit,
            recipients=office,
            deadline=review_due_date(timezone.localdate(getattr(d, since))),
            object_ref=f"nominations.dossier:{d.pk}",
            label=d.unit.name,
        )
        for d in dossiers
    ]


register_provider(ReminderKind.REGISTRATION, registration_owed, fallback=True)
register_provider(ReminderKind.CRITERIA_REPORT, criteria_report_owed, fallback=True)
register_provider(ReminderKind.SUBMISSION, submission_owed, fallback=True)
register_provider(ReminderKind.COUNCIL_MEETING, council_meeting_owed, fallback=True)
register_provider(ReminderKind.REVIEW_LIMIT, review_limit_owed, fallback=True)
