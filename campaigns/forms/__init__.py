"""Forms for the office's campaign editor: the plan's own fields, and one page of formsets per plan section.

Forms validate only; every write goes through campaigns.services.
"""

from .campaign import DEADLINE_FIELDS, CampaignForm, CopyForm, next_period
from .rows import RowForm, RowFormSet, quota_field
from .sections import Part, Section, editor_section, editor_sections, section_formsets

__all__ = [
    "DEADLINE_FIELDS",
    "CampaignForm",
    "CopyForm",
    "Part",
    "RowForm",
    "RowFormSet",
    "Section",
    "editor_section",
    "editor_sections",
    "next_period",
    "quota_field",
    "section_formsets",
]
