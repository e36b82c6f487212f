"""Forms for the office's campaign editor: the plan's own fields, and one page of formsets per plan section.

Forms validate only; every write goes through campaigns.services.
"""

from .campaign import DEADLINE_FIELDS, CampaignForm, CopyForm, next_period
from .rows import quota_field
from .sections import SECTIONS, SECTIONS_BY_SLUG, Part, Section, section_formsets

__all__ = [
    "DEADLINE_FIELDS",
    "SECTIONS",
    "SECTIONS_BY_SLUG",
    "CampaignForm",
    "CopyForm",
    "Part",
    "Section",
    "next_period",
    "quota_field",
    "section_formsets",
]
