"""Criteria and their targets as content of the campaign's plan (campaigns.plan_content).

The plan prints the criteria (III.1) with their measurable targets, the office edits them on the editor's
"Tiêu chí, chỉ tiêu" page, a copied campaign takes them along and a plan without criteria is not launched.
Registered from CriteriaConfig.ready(); campaigns never imports this app.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.forms import Part, Section
from campaigns.models import Campaign
from campaigns.plan_content import PlanContent, register_plan_content

from .models import Criterion, Target
from .plan_editor import CriterionInlineFormSet


@dataclass
class PlanCriteria:
    """The criteria the plan page and PDF print, each with its targets prefetched in order."""

    criteria: list[Criterion]

    @property
    def targets_count(self) -> int:
        return sum(len(criterion.targets.all()) for criterion in self.criteria)


def _ordered_targets() -> Prefetch:
    return Prefetch("targets", queryset=Target.objects.order_by("order", "id"))


def criteria_for_plan(campaign: Campaign) -> PlanCriteria:
    """The campaign's criteria with their targets, in order (2 queries)."""
    return PlanCriteria(criteria=list(campaign.criteria.prefetch_related(_ordered_targets())))


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
    )
)
