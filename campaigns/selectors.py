"""Reads on campaigns, each with a fixed number of queries."""

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from django.db.models import Prefetch, QuerySet

from anhai_thidua.core.dates import date_phrase
from anhai_thidua.core.pdf import DocumentHeader, Signature
from anhai_thidua.core.permissions import allowed

from .enums import CampaignStatus, NomineeKind, PlanSection
from .models import AwardForm, Campaign, PlanItem, Quota
from .plan_content import PlanContent, registered_plan_contents


def campaign_list_for_user(user) -> QuerySet[Campaign]:
    """Campaigns a user may see: the office sees drafts too; everyone else launched and closed ones."""
    qs = Campaign.objects.select_related("receiving_unit")
    if allowed(user, "campaigns.view_drafts"):
        return qs
    return qs.exclude(status=CampaignStatus.DRAFT)


@dataclass(frozen=True)
class PlanBlock:
    """One registered plan content and what it loaded for this plan, for the templates it names."""

    spec: PlanContent
    content: Any


@dataclass
class Plan:
    """Everything the plan page and the plan PDF show, loaded in a constant number of queries."""

    campaign: Campaign
    legal_bases: list
    sections: dict[str, list[PlanItem]]
    responsibilities: list[tuple[str, list[PlanItem]]]
    award_forms: list[AwardForm]
    standards: dict[str, list] = field(default_factory=dict)
    dossier_requirements: list = field(default_factory=list)
    # The registered plan content (campaigns.plan_content), in registration order.
    blocks: list[PlanBlock] = field(default_factory=list)

    @property
    def content(self) -> dict[str, Any]:
        """What each registered plan content loaded, by its key (`plan.content["criteria"]`)."""
        return {block.spec.key: block.content for block in self.blocks}

    @property
    def header(self) -> DocumentHeader:
        """The official header (issuer, "Số: …/KH-UBND", date line) for templates/pdf/_header.html."""
        c = self.campaign
        return DocumentHeader(
            issuer=c.issuer, issuer_parent=c.issuer_parent, reference=c.reference, date_line=c.date_line
        )

    @property
    def signature(self) -> Signature:
        """The signature block for templates/pdf/_signature.html."""
        c = self.campaign
        return Signature(
            authority=c.signer_authority, capacity=c.signer_capacity, title=c.signer_title, name=c.signer_name
        )

    @property
    def recipients(self) -> list[str]:
        """The distribution list (Nơi nhận), one entry a line."""
        return [item.text for item in self.sections[PlanSection.DISTRIBUTION]]

    @property
    def date_phrase(self) -> str:
        """ "ngày 05 tháng 02 năm 2026": the date line without its place, for "Kèm theo Kế hoạch số … ngày …"."""
        c = self.campaign
        return date_phrase(c.issued_day, c.issued_month, c.issued_year)

    @property
    def issuer_phrase(self) -> str:
        """The issuer in running text: "ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI" -> "UBND phường An Hải"."""
        issuer = " ".join(self.campaign.issuer.split())
        upper = issuer.upper()
        for long in ("ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN "):
            if upper.startswith(long):
                rest = issuer[len(long) :]
                for kind in ("THÀNH PHỐ", "THỊ TRẤN", "THỊ XÃ", "PHƯỜNG", "XÃ", "QUẬN", "HUYỆN", "TỈNH"):
                    if rest.upper().startswith(kind + " "):
                        return f"UBND {kind.lower()} {rest[len(kind) + 1 :].title()}"
                return f"UBND {rest}"
        return issuer

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
    """The whole plan of one campaign, grouped for display (8 queries whatever its size, the registered
    content's included: the criteria's two)."""
    items = list(campaign.plan_items.order_by("section", "order", "id"))
    sections: dict[str, list[PlanItem]] = {s.value: [] for s in PlanSection}
    for item in items:
        sections[item.section].append(item)
    responsibilities = [
        (heading, list(group))
        for heading, group in groupby(sections[PlanSection.RESPONSIBILITY], key=lambda i: i.heading)
    ]
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
        award_forms=award_forms,
        standards=standards,
        dossier_requirements=list(campaign.dossier_requirements.all()),
        blocks=[PlanBlock(spec, spec.load(campaign)) for spec in registered_plan_contents()],
    )
