"""A new draft campaign copied from an earlier one."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError

from ..models import AwardForm, Campaign, DossierRequirement, LegalBasis, PlanItem, Quota, Standard
from ..plan_content import registered_plan_contents
from .editing import unique_slug

_COPY_FIELDS = [
    f.name
    for f in Campaign._meta.concrete_fields
    if f.name
    not in {"id", "slug", "status", "number", "copied_from", "created_by", "created_at", "updated_at"}
]


def campaign_copy(*, source: Campaign, actor, title: str, period_start: date, period_end: date) -> Campaign:
    """Start a new draft campaign as a copy of `source`: every plan section, award form, quota, standard,
    dossier requirement and the registered plan content (criteria with their targets). Deadlines move with
    the period; the number and the issue date are left blank.

    Side effects: audit row on the new campaign.
    """
    if period_end < period_start:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    with transaction.atomic():
        copy = Campaign.objects.create(
            slug=unique_slug(title),
            copied_from=source,
            created_by=actor if getattr(actor, "pk", None) else None,
            **_copied_fields(source, title=title, period_start=period_start, period_end=period_end),
        )
        _copy_plan_rows(source, copy)
        for content in registered_plan_contents():
            content.copy(source, copy)
        audit_record(actor=actor, action="campaign_copy", target=copy, to_state=copy.status, note=source.slug)
    return copy


def _copied_fields(source: Campaign, *, title: str, period_start: date, period_end: date) -> dict:
    """The new campaign's fields: the source's, with the new title and period and the deadlines moved along."""
    shift = period_start - source.period_start
    values = {name: getattr(source, name) for name in _COPY_FIELDS}
    # A new plan gets its own number and date when it is signed: both start blank.
    values.update(
        title=title,
        period_start=period_start,
        period_end=period_end,
        issued_day=None,
        issued_month=None,
        issued_year=None,
    )
    for name in (
        "registration_deadline",
        "criteria_report_deadline",
        "submission_deadline",
        "review_deadline",
        "council_meeting_date",
    ):
        if values[name]:
            values[name] = values[name] + shift
    values.pop("receiving_unit")
    values.pop("signer")
    values["receiving_unit_id"] = source.receiving_unit_id
    values["signer_id"] = source.signer_id
    return values


def _copy_plan_rows(source: Campaign, copy: Campaign) -> None:
    """Legal bases, plan items, standards, dossier requirements and award forms with their quotas."""
    LegalBasis.objects.bulk_create(
        LegalBasis(campaign=copy, text=b.text, order=b.order) for b in source.legal_bases.all()
    )
    PlanItem.objects.bulk_create(
        PlanItem(
            campaign=copy,
            section=i.section,
            heading=i.heading,
            number=i.number,
            text=i.text,
            order=i.order,
        )
        for i in source.plan_items.all()
    )
    Standard.objects.bulk_create(
        Standard(campaign=copy, nominee_kind=s.nominee_kind, text=s.text, order=s.order)
        for s in source.standards.all()
    )
    DossierRequirement.objects.bulk_create(
        DossierRequirement(campaign=copy, kind=r.kind, text=r.text, required=r.required, order=r.order)
        for r in source.dossier_requirements.all()
    )
    for form in source.award_forms.prefetch_related("quotas"):
        new_form = AwardForm.objects.create(
            campaign=copy, kind=form.kind, description=form.description, order=form.order
        )
        Quota.objects.bulk_create(
            Quota(award_form=new_form, nominee_kind=q.nominee_kind, count=q.count) for q in form.quotas.all()
        )
