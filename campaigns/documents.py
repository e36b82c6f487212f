"""The plan as a PDF in the official format (NĐ 30/2020/NĐ-CP)."""

from django.utils.text import slugify
from django.utils.translation import get_language

from anhai_thidua.core import versions
from anhai_thidua.core.doccache import cached_pdf
from anhai_thidua.core.pdf import keep_numbers_with_words

from .fragments import plan_scopes
from .models import Campaign
from .selectors import campaign_plan


def plan_pdf(campaign: Campaign) -> bytes:
    """The plan (Kế hoạch …/KH-UBND) as PDF bytes; its measurable targets follow as an appendix.
    Laid out once per edit, not per request: kept under the plan page's scopes (campaigns/fragments.py
    plan_scopes, anhai_thidua/core/versions.py) so a request reads no plan row, and by content
    (anhai_thidua/core/doccache.py) where that cache is off."""
    return versions.cached(
        "campaign-plan-pdf", plan_scopes(campaign), lambda: _plan_pdf(campaign), campaign.pk, get_language()
    )


def _plan_pdf(campaign: Campaign) -> bytes:
    plan = campaign_plan(campaign)
    return cached_pdf(
        "campaign-plan",
        "campaigns/pdf/plan.html",
        {
            "campaign": campaign,
            "plan": plan,
            "header": plan.header,
            "doc_type": campaign.doc_type,
            "doc_title": keep_numbers_with_words(campaign.title),
            "signature": plan.signature,
            "recipients": plan.recipients,
            "closing": campaign.closing_text,
        },
    )


def plan_pdf_filename(campaign: Campaign) -> str:
    return f"ke-hoach-{slugify(campaign.slug)}.pdf"
