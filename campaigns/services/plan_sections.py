"""The editor's sections: ordered rows of the plan saved from validated inline formsets."""

from collections import Counter
from collections.abc import Sequence

from django.db import router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError

from ..enums import NomineeKind, PlanSection
from ..models import AwardForm, Campaign, DossierRequirement, LegalBasis, PlanItem, Quota, Standard
from ..plan_content import registered_plan_contents


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
    from ..forms import quota_field

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
