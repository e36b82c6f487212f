"""The plan as a PDF in the official format (NĐ 30/2020/NĐ-CP)."""

from django.utils.text import slugify

from anhai_thidua.core.pdf import render_pdf

from .models import Campaign
from .selectors import campaign_plan


def plan_pdf(campaign: Campaign) -> bytes:
    return render_pdf("campaigns/pdf/plan.html", {"campaign": campaign, "plan": campaign_plan(campaign)})


def plan_pdf_filename(campaign: Campaign) -> str:
    return f"ke-hoach-{slugify(campaign.slug)}.pdf"
