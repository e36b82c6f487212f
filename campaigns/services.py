"""Writes on campaigns: create, copy, launch, close. Each transition locks the row and writes the audit."""

from datetime import date, timedelta

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from criteria.models import Criterion, Target
from organisation.models import Unit

from .enums import CAMPAIGN_TRANSITIONS, AwardKind, PlanSection
from .errors import DomainError, IllegalTransition
from .models import AwardForm, Campaign, DossierRequirement, LegalBasis, PlanItem, Quota, Standard
from .seed import plan_cchc_2025 as plan


def _transition(*, campaign: Campaign, action: str, actor, note: str = "") -> Campaign:
    allowed_from, to_state = CAMPAIGN_TRANSITIONS[action]
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status not in allowed_from:
            raise IllegalTransition(
                _("Không thể thực hiện thao tác này khi phong trào đang ở trạng thái “%(state)s”.")
                % {"state": locked.get_status_display()}
            )
        from_state = locked.status
        locked.status = to_state
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=f"campaign_{action}",
            target=locked,
            from_state=from_state,
            to_state=to_state,
            note=note,
        )
    return locked


def campaign_launch(*, campaign: Campaign, actor) -> Campaign:
    """Draft → launched. Refuses a plan without criteria or without a quota.

    Side effects: audit row.
    """
    if not campaign.criteria.exists():
        raise DomainError(_("Kế hoạch chưa có tiêu chí thi đua nào: hãy thêm tiêu chí trước khi phát động."))
    if not Quota.objects.filter(award_form__campaign=campaign).exists():
        raise DomainError(_("Kế hoạch chưa có số lượng khen thưởng: hãy nhập số lượng trước khi phát động."))
    return _transition(campaign=campaign, action="launch", actor=actor)


def campaign_close(*, campaign: Campaign, actor) -> Campaign:
    """Launched → closed. Side effects: audit row."""
    return _transition(campaign=campaign, action="close", actor=actor)


def campaign_reopen(*, campaign: Campaign, actor, note: str) -> Campaign:
    """Closed → launched, with a reason. Side effects: audit row."""
    if not note.strip():
        raise DomainError(_("Hãy ghi lý do mở lại phong trào."))
    return _transition(campaign=campaign, action="reopen", actor=actor, note=note)


def _unique_slug(base: str) -> str:
    base = slugify(base)[:70] or "phong-trao"
    slug, n = base, 2
    while Campaign.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def campaign_create(*, actor, **fields) -> Campaign:
    """Create a draft campaign from the office's form. Side effects: audit row."""
    with transaction.atomic():
        if not fields.get("slug"):
            fields["slug"] = _unique_slug(fields.get("title", ""))
        campaign = Campaign.objects.create(created_by=actor if getattr(actor, "pk", None) else None, **fields)
        audit_record(actor=actor, action="campaign_create", target=campaign, to_state=campaign.status)
    return campaign


def campaign_update(*, campaign: Campaign, actor, fields: dict) -> Campaign:
    """Change the plan's own fields. Refused once the campaign is closed. Side effects: audit row."""
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if not locked.is_editable:
            raise DomainError(_("Phong trào đã kết thúc: không thể sửa kế hoạch."))
        changed = [name for name, value in fields.items() if getattr(locked, name) != value]
        for name in changed:
            setattr(locked, name, fields[name])
        if changed:
            locked.save(update_fields=[*changed, "updated_at"])
            audit_record(actor=actor, action="campaign_update", target=locked, note=", ".join(changed))
    return locked


_COPY_FIELDS = [
    f.name
    for f in Campaign._meta.concrete_fields
    if f.name
    not in {"id", "slug", "status", "number", "copied_from", "created_by", "created_at", "updated_at"}
]


def campaign_copy(*, source: Campaign, actor, title: str, period_start: date, period_end: date) -> Campaign:
    """Start a new draft campaign as a copy of `source`: every plan section, criterion, target, award form,
    quota, standard and dossier requirement. Deadlines move with the period; the number is left blank.

    Side effects: audit row on the new campaign.
    """
    if period_end < period_start:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    shift = period_start - source.period_start
    with transaction.atomic():
        values = {name: getattr(source, name) for name in _COPY_FIELDS}
        values.update(title=title, period_start=period_start, period_end=period_end, issued_day=None)
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
        copy = Campaign.objects.create(
            slug=_unique_slug(title),
            copied_from=source,
            created_by=actor if getattr(actor, "pk", None) else None,
            **values,
        )
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
                Quota(award_form=new_form, nominee_kind=q.nominee_kind, count=q.count)
                for q in form.quotas.all()
            )
        for criterion in source.criteria.prefetch_related("targets"):
            new_criterion = Criterion.objects.create(
                campaign=copy, number=criterion.number, text=criterion.text, order=criterion.order
            )
            Target.objects.bulk_create(
                Target(
                    criterion=new_criterion,
                    code=t.code,
                    label=t.label,
                    numerator_label=t.numerator_label,
                    denominator_label=t.denominator_label,
                    comparator=t.comparator,
                    threshold=t.threshold,
                    order=t.order,
                )
                for t in criterion.targets.all()
            )
        audit_record(actor=actor, action="campaign_copy", target=copy, to_state=copy.status, note=source.slug)
    return copy


def campaign_seed_anhai(*, today: date) -> tuple[Campaign, bool]:
    """Load the An Hải plan (seed/plan_cchc_2025.py) if it is not there yet, launched.

    The plan leaves its deadlines open; the demo sets them from `today` so every step can be tried.
    Returns (campaign, created). An existing campaign is left as the office has edited it.
    """
    existing = Campaign.objects.filter(slug=plan.SLUG).first()
    if existing:
        return existing, False
    with transaction.atomic():
        values = dict(plan.CAMPAIGN)
        values["period_start"] = date.fromisoformat(values["period_start"])
        values["period_end"] = date.fromisoformat(values["period_end"])
        campaign = Campaign.objects.create(
            slug=plan.SLUG,
            receiving_unit=Unit.objects.filter(code="vhxh").first(),
            registration_deadline=today + timedelta(days=7),
            criteria_report_deadline=today + timedelta(days=21),
            submission_deadline=today + timedelta(days=30),
            review_deadline=today + timedelta(days=44),
            council_meeting_date=today + timedelta(days=51),
            **values,
        )
        signer_name = values["signer_name"]
        from organisation.models import Official

        campaign.signer = Official.objects.filter(full_name=signer_name).first()
        campaign.save(update_fields=["signer"])
        LegalBasis.objects.bulk_create(
            LegalBasis(campaign=campaign, text=text, order=i)
            for i, text in enumerate(plan.LEGAL_BASES, start=1)
        )
        items = []
        for section, texts in (
            (PlanSection.PURPOSE, plan.PURPOSES),
            (PlanSection.REQUIREMENT, plan.REQUIREMENTS),
        ):
            items += [
                PlanItem(campaign=campaign, section=section, text=t, order=i) for i, t in enumerate(texts, 1)
            ]
        items += [
            PlanItem(campaign=campaign, section=PlanSection.CONTENT, number=n, text=t, order=i)
            for i, (n, t) in enumerate(plan.CONTENTS, 1)
        ]
        items += [
            PlanItem(campaign=campaign, section=PlanSection.PROGRESS, number=str(i), text=t, order=i)
            for i, t in enumerate(plan.PROGRESS, 1)
        ]
        order = 0
        for group, (heading, _unit, duties) in enumerate(plan.RESPONSIBILITIES, 1):
            for duty in duties:
                order += 1
                items.append(
                    PlanItem(
                        campaign=campaign,
                        section=PlanSection.RESPONSIBILITY,
                        heading=heading,
                        number=str(group),
                        text=duty,
                        order=order,
                    )
                )
        items += [
            PlanItem(campaign=campaign, section=PlanSection.DISTRIBUTION, text=t, order=i)
            for i, t in enumerate(plan.DISTRIBUTION, 1)
        ]
        PlanItem.objects.bulk_create(items)
        for i, (number, text, targets) in enumerate(plan.CRITERIA, 1):
            criterion = Criterion.objects.create(campaign=campaign, number=number, text=text, order=i)
            Target.objects.bulk_create(
                Target(
                    criterion=criterion,
                    code=code,
                    label=label,
                    numerator_label=num,
                    denominator_label=den,
                    comparator=comparator,
                    threshold=threshold,
                    order=j,
                )
                for j, (code, label, num, den, comparator, threshold) in enumerate(targets, 1)
            )
        for i, (kind, description, quotas) in enumerate(plan.AWARD_FORMS, 1):
            form = AwardForm.objects.create(
                campaign=campaign, kind=AwardKind(kind), description=description, order=i
            )
            Quota.objects.bulk_create(
                Quota(award_form=form, nominee_kind=k, count=c) for k, c in quotas.items()
            )
        Standard.objects.bulk_create(
            Standard(campaign=campaign, nominee_kind=kind, text=text, order=i)
            for kind, texts in plan.STANDARDS.items()
            for i, text in enumerate(texts, 1)
        )
        DossierRequirement.objects.bulk_create(
            DossierRequirement(campaign=campaign, kind=kind, text=text, order=i)
            for i, (kind, text) in enumerate(plan.DOSSIER_REQUIREMENTS, 1)
        )
        campaign.status = "launched"
        campaign.save(update_fields=["status"])
        audit_record(actor=None, action="campaign_seed", target=campaign, to_state=campaign.status)
    return campaign, True
