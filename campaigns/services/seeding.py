"""The demo's An Hải plan (seed/plan_cchc_2025.py)."""

from datetime import date

from django.db import transaction

from anhai_thidua.core.audit import audit_record
from organisation.models import Official, Unit

from ..enums import AwardKind, CampaignStatus, PlanSection
from ..models import AwardForm, Campaign, DossierRequirement, LegalBasis, PlanItem, Quota, Standard
from ..plan_content import registered_plan_contents
from ..seed import plan_cchc_2025 as plan


def campaign_seed_anhai(*, today: date, timeline=None) -> tuple[Campaign, bool]:
    """Load the An Hải plan (seed/plan_cchc_2025.py) if it is not there yet, launched.

    The plan leaves its deadlines open; the demo takes them from the demo timeline (campaigns.timeline) of
    `today`, so that what a new user can still do lies ahead and every deadline is a working day.
    Returns (campaign, created). An existing campaign is left as the office has edited it.
    """
    from ..timeline import demo_timeline

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
        campaign.signer = Official.objects.filter(full_name=values["signer_name"]).first()
        campaign.save(update_fields=["signer"])
        LegalBasis.objects.bulk_create(
            LegalBasis(campaign=campaign, text=text, order=i)
            for i, text in enumerate(plan.LEGAL_BASES, start=1)
        )
        PlanItem.objects.bulk_create(_plan_items(campaign))
        for content in registered_plan_contents():
            content.seed(campaign, plan)
        _seed_awards(campaign)
        campaign.status = CampaignStatus.LAUNCHED
        campaign.save(update_fields=["status"])
        audit_record(actor=None, action="campaign_seed", target=campaign, to_state=campaign.status)
    return campaign, True


def _plan_items(campaign: Campaign) -> list[PlanItem]:
    """The plan's lists of text, section by section, numbered as the document prints them."""
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
    return items


def _seed_awards(campaign: Campaign) -> None:
    """Award forms with their quotas, the standards and the dossier's components."""
    for i, (kind, description, quotas) in enumerate(plan.AWARD_FORMS, 1):
        form = AwardForm.objects.create(
            campaign=campaign, kind=AwardKind(kind), description=description, order=i
        )
        Quota.objects.bulk_create(Quota(award_form=form, nominee_kind=k, count=c) for k, c in quotas.items())
    Standard.objects.bulk_create(
        Standard(campaign=campaign, nominee_kind=kind, text=text, order=i)
        for kind, texts in plan.STANDARDS.items()
        for i, text in enumerate(texts, 1)
    )
    DossierRequirement.objects.bulk_create(
        DossierRequirement(campaign=campaign, kind=kind, text=text, order=i)
        for i, (kind, text) in enumerate(plan.DOSSIER_REQUIREMENTS, 1)
    )
