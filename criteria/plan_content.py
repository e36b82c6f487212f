"""Criteria and their targets as content of the campaign's plan (campaigns.plan_content).

The plan prints the criteria (III.1) with their measurable targets, the office edits them on the editor's
"Tiêu chí, chỉ tiêu" page, a copied campaign takes them along and a plan without criteria is not launched.
Registered from CriteriaConfig.ready(); campaigns never imports this app.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anhai_thidua.core import versions
from campaigns.forms import Part, Section
from campaigns.models import Campaign
from campaigns.plan_content import PlanContent, register_plan_content

from . import scopes
from .models import Criterion, Target
from .plan_editor import CriterionInlineFormSet


@dataclass
class PlanCriteria:
    """The criteria the plan page and PDF print, each with its targets in order as `criterion.plan_targets`."""

    criteria: list[Criterion]

    @property
    def targets_count(self) -> int:
        return sum(len(criterion.plan_targets) for criterion in self.criteria)


def _ordered_targets() -> Prefetch:
    return Prefetch("targets", queryset=Target.objects.order_by("order", "id"))


def criteria_for_plan(campaign: Campaign) -> PlanCriteria:
    """The campaign's criteria with their targets, in order, in one query: the criteria LEFT JOINed to their
    targets (a criterion without targets is one row of empty target columns). Every plan page and plan PDF
    reads it, the cached PDF too (its HTML is its cache key)."""
    criterion_fields = [f.attname for f in Criterion._meta.concrete_fields]
    target_fields = [f.attname for f in Target._meta.concrete_fields]
    rows = campaign.criteria.order_by("order", "id", "targets__order", "targets__id").values_list(
        *criterion_fields, *[f"targets__{name.removesuffix('_id')}" for name in target_fields]
    )
    db = rows.db
    criteria: dict[int, Criterion] = {}
    split = len(criterion_fields)
    for row in rows:
        criterion_id = row[0]
        criterion = criteria.get(criterion_id)
        if criterion is None:
            criterion = criteria[criterion_id] = Criterion.from_db(db, criterion_fields, row[:split])
            criterion.plan_targets = []
        if row[split] is not None:
            target = Target.from_db(db, target_fields, row[split:])
            target.criterion = criterion
            criterion.plan_targets.append(target)
    return PlanCriteria(criteria=list(criteria.values()))


def criteria_copy(source: Campaign, copy: Campaign) -> None:
    """Copy the criteria of `source`, each with its targets, into `copy` (inside the copy's transaction)."""
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
    versions.bump(scopes.campaign(copy.pk))  # bulk_create sends no post_save


def criteria_seed(campaign: Campaign, plan) -> None:
    """Create the criteria and targets of the seed plan module `plan` (its CRITERIA list)."""
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
    versions.bump(scopes.campaign(campaign.pk))  # bulk_create sends no post_save


def criteria_launch_error(campaign: Campaign) -> str:
    if campaign.criteria.exists():
        return ""
    return _("Kế hoạch chưa có tiêu chí thi đua nào: hãy thêm tiêu chí trước khi phát động.")


SECTION = Section(
    "tieu-chi",
    gettext_lazy("Tiêu chí, chỉ tiêu"),
    (
        Part(
            "criteria",
            gettext_lazy("Tiêu chí thi đua"),
            CriterionInlineFormSet,
            Criterion.objects.prefetch_related(_ordered_targets()),
            template="criteria/plan/_criteria_formset.html",
        ),
    ),
    gettext_lazy(
        "Mỗi tiêu chí có thể có các chỉ tiêu đo được: số đạt trên tổng số, so với ngưỡng phần trăm (0 đến 100)."
    ),
)

register_plan_content(
    PlanContent(
        key="criteria",
        section=SECTION,
        after="noi-dung",
        models=frozenset({Criterion, Target}),
        load=criteria_for_plan,
        copy=criteria_copy,
        seed=criteria_seed,
        launch_error=criteria_launch_error,
        body_template="criteria/plan/_criteria.html",
        summary_template="criteria/plan/_summary.html",
        appendix_template="criteria/pdf/_plan_appendix.html",
        scopes=lambda campaign: [scopes.campaign(campaign.pk)],  # criteria and targets bump it (signals.py)
    )
)
