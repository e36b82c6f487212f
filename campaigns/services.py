"""Writes on campaigns: create, edit, copy, launch, close. Each write locks the row and writes the audit."""

from collections import Counter
from collections.abc import Sequence
from datetime import date

from django.db import router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from organisation.models import Unit
from organisation.text import fold

from .enums import CAMPAIGN_TRANSITIONS, AwardKind, NomineeKind, PlanSection
from .errors import DomainError, IllegalTransition
from .models import AwardForm, Campaign, DossierRequirement, LegalBasis, PlanItem, Quota, Standard
from .plan_content import registered_plan_contents
from .seed import plan_cchc_2025 as plan


def _transition(*, campaign: Campaign, action: str, actor, note: str = "") -> Campaign:
    _who, moves = CAMPAIGN_TRANSITIONS[action]
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status not in moves:
            raise IllegalTransition(
                _("Không thể thực hiện thao tác này khi phong trào đang ở trạng thái “%(state)s”.")
                % {"state": locked.get_status_display()}
            )
        from_state = locked.status
        to_state = moves[from_state]
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
    """Draft → launched. Refuses a plan without its registered content (criteria) or without a quota.

    Side effects: audit row.
    """
    for content in registered_plan_contents():
        if error := content.launch_error(campaign):
            raise DomainError(error)
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


# Paths under /phong-trao/ that a campaign's slug must not shadow (campaigns/urls.py).
_RESERVED_SLUGS = {"tao-moi"}


def _unique_slug(base: str) -> str:
    base = slugify(fold(base))[:70] or "phong-trao"
    slug, n = base, 2
    while slug in _RESERVED_SLUGS or Campaign.objects.filter(slug=slug).exists():
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


def _save_rows(formset, prepare=None) -> Counter:
    """Apply one validated inline formset of ordered rows: delete the rows marked for deletion, then save the
    kept rows numbered 1, 2, 3… in the order the user asked for. `prepare(obj, form, position, previous)` fills
    derived fields before each save. Returns counts of added, changed and deleted rows."""
    counts: Counter = Counter()
    for form in formset.initial_forms:
        if formset._should_delete_form(form) and form.instance.pk:
            _refuse_if_used(form.instance)
            form.instance.delete()
            counts["deleted"] += 1
    previous = None
    for position, form in enumerate(formset.kept_forms(), start=1):
        obj = form.instance
        adding = obj.pk is None
        setattr(obj, formset.fk.name, formset.instance)
        moved = obj.order != position
        obj.order = position
        if prepare:
            prepare(obj, form, position, previous)
        if adding or moved or form.has_changed():
            obj.save()
            counts["added" if adding else "changed"] += 1
        for nested in formset.nested_formsets(form):
            counts += _save_rows(nested, nested.row_preparer())
        previous = obj
    return counts


# The rows the editor owns (with the registered plan content's); deleting one may cascade only to these.
_PLAN_MODELS = {LegalBasis, PlanItem, AwardForm, Quota, Standard, DossierRequirement}


def _plan_models() -> set:
    return _PLAN_MODELS.union(*(content.models for content in registered_plan_contents()))


def _refuse_if_used(obj) -> None:
    """Refuse to delete a plan row that units' data already points to (results, commitments, dossiers):
    a cascade would silently erase their work."""
    collector = Collector(using=router.db_for_write(type(obj)))
    plan_models = _plan_models()
    try:
        collector.collect([obj])
        used = any(model not in plan_models and items for model, items in collector.data.items()) or any(
            qs.model not in plan_models and qs.exists() for qs in collector.fast_deletes
        )
    except (ProtectedError, RestrictedError):
        used = True
    if used:
        raise DomainError(
            _(
                "Không thể xóa “%(row)s”: các đơn vị đã dùng đến nó (đăng ký, báo cáo kết quả, hồ sơ đề nghị). "
                "Hãy sửa nội dung thay vì xóa."
            )
            % {"row": Truncator(str(obj)).chars(80)}
        )


def _prepare_responsibility(obj, form, position, previous):
    # A blank heading continues the group above; groups are numbered 1, 2, 3… as the plan prints them.
    if not obj.heading and previous is not None:
        obj.heading = previous.heading
    if previous is None:
        obj.number = "1"
    elif obj.heading == previous.heading:
        obj.number = previous.number
    else:
        obj.number = str(int(previous.number or 0) + 1)


def _prepare_progress(obj, form, position, previous):
    if not obj.number:
        obj.number = str(position)


def _save_quotas(award_form_formset) -> None:
    from .forms import quota_field

    for form in award_form_formset.kept_forms():
        award_form = form.instance
        existing = {q.nominee_kind: q for q in award_form.quotas.all()}
        for kind in NomineeKind:
            count = form.cleaned_data.get(quota_field(kind))
            quota = existing.get(kind.value)
            if count:
                if quota is None:
                    Quota.objects.create(award_form=award_form, nominee_kind=kind, count=count)
                elif quota.count != count:
                    quota.count = count
                    quota.save(update_fields=["count"])
            elif quota is not None:
                quota.delete()


def campaign_plan_section_save(*, campaign: Campaign, section: str, formsets: Sequence, actor) -> Campaign:
    """Apply the validated formsets of one section of the plan (legal bases, plan items, criteria with their
    targets, award forms with their quotas, standards, dossier requirements) in one transaction.

    Rows are renumbered in the order the user gave. Refused (DomainError, nothing written) once the campaign
    is closed, and when a row to delete is already used by units' data. Side effects: audit row when anything
    changed.
    """
    for formset in formsets:
        if formset.instance.pk != campaign.pk:
            raise ValueError("formset belongs to another campaign")
        if not formset.is_valid():
            raise ValueError("validate the formsets before saving them")
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if not locked.is_editable:
            raise DomainError(_("Phong trào đã kết thúc: không thể sửa kế hoạch."))
        counts: Counter = Counter()
        for formset in formsets:
            model = formset.model
            prepare = formset.row_preparer()
            if model is PlanItem and formset.fixed.get("section") == PlanSection.RESPONSIBILITY:
                prepare = _prepare_responsibility
            elif model is PlanItem and formset.fixed.get("section") == PlanSection.PROGRESS:
                prepare = _prepare_progress
            counts += _save_rows(formset, prepare)
            if model is AwardForm:
                _save_quotas(formset)
        if counts:
            locked.save(update_fields=["updated_at"])
            audit_record(
                actor=actor,
                action="campaign_plan_update",
                target=locked,
                note=_("%(section)s: thêm %(added)d, sửa %(changed)d, xóa %(deleted)d")
                % {
                    "section": section,
                    "added": counts["added"],
                    "changed": counts["changed"],
                    "deleted": counts["deleted"],
                },
            )
    return locked


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
    shift = period_start - source.period_start
    with transaction.atomic():
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
        for content in registered_plan_contents():
            content.copy(source, copy)
        audit_record(actor=actor, action="campaign_copy", target=copy, to_state=copy.status, note=source.slug)
    return copy


def campaign_seed_anhai(*, today: date, timeline=None) -> tuple[Campaign, bool]:
    """Load the An Hải plan (seed/plan_cchc_2025.py) if it is not there yet, launched.

    The plan leaves its deadlines open; the demo takes them from the demo timeline (campaigns.timeline) of
    `today`, so that what a new user can still do lies ahead and every deadline is a working day.
    Returns (campaign, created). An existing campaign is left as the office has edited it.
    """
    from .timeline import demo_timeline

    timeline = timeline or demo_timeline(today, "plan")
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
            **timeline.deadlines(),
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
        for content in registered_plan_contents():
            content.seed(campaign, plan)
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
