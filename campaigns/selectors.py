"""Reads on campaigns, each with a fixed number of queries."""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch, QuerySet

from criteria.models import Criterion, Target

from .enums import CampaignStatus, NomineeKind, PlanSection
from .models import AwardForm, Campaign, PlanItem, Quota


def campaign_list_for_user(user) -> QuerySet[Campaign]:
    """Campaigns a user may see: the office sees drafts too; everyone else launched and closed ones."""
    qs = Campaign.objects.select_related("receiving_unit")
    if user.has_role("office") or user.has_role("admin"):
        return qs
    return qs.exclude(status=CampaignStatus.DRAFT)


@dataclass
class Plan:
    """Everything the plan page and the plan PDF show, loaded in a constant number of queries."""

    campaign: Campaign
    legal_bases: list
    sections: dict[str, list[PlanItem]]
    responsibilities: list[tuple[str, list[PlanItem]]]
    criteria: list[Criterion]
    award_forms: list[AwardForm]
    standards: dict[str, list] = field(default_factory=dict)
    dossier_requirements: list = field(default_factory=list)

    @property
    def quota_lines(self) -> list[str]:
        lines = []
        for form in self.award_forms:
            parts = [
                f"{q.count:02d} {q.get_nominee_kind_display().lower()}" for q in form.quotas.all() if q.count
            ]
            if parts:
                lines.append(f"{form.get_kind_display()}: {', '.join(parts)}")
        return lines


def campaign_plan(campaign: Campaign) -> Plan:
    """The whole plan of one campaign, grouped for display (8 queries whatever its size)."""
    items = list(campaign.plan_items.order_by("section", "order", "id"))
    sections: dict[str, list[PlanItem]] = {s.value: [] for s in PlanSection}
    for item in items:
        sections[item.section].append(item)
    responsibilities = [
        (heading, list(group))
        for heading, group in groupby(sections[PlanSection.RESPONSIBILITY], key=lambda i: i.heading)
    ]
    criteria = list(
        campaign.criteria.prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("order", "id"))
        )
    )
    award_forms = list(
        campaign.award_forms.prefetch_related(
            Prefetch("quotas", queryset=Quota.objects.order_by("nominee_kind"))
        )
    )
    standards: dict[str, list] = {NomineeKind.COLLECTIVE: [], NomineeKind.INDIVIDUAL: []}
    for standard in campaign.standards.all():
        standards[standard.nominee_kind].append(standard)
    return Plan(
        campaign=campaign,
        legal_bases=list(campaign.legal_bases.all()),
        sections=sections,
        responsibilities=responsibilities,
        criteria=criteria,
        award_forms=award_forms,
        standards=standards,
        dossier_requirements=list(campaign.dossier_requirements.all()),
    )
