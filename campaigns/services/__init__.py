"""Writes on campaigns, by topic. Each write locks the row it changes and writes the audit.

- workflow: launch, close, reopen (CAMPAIGN_TRANSITIONS);
- editing: create a draft, edit the plan's own fields;
- plan_sections: save one section of the plan from the editor's formsets;
- copying: a new draft copied from an earlier campaign;
- seeding: the demo's An Hải plan.
"""

from .copying import campaign_copy
from .editing import campaign_create, campaign_update
from .plan_sections import campaign_plan_section_save
from .seeding import campaign_seed_anhai
from .workflow import campaign_close, campaign_launch, campaign_reopen

__all__ = [
    "campaign_close",
    "campaign_copy",
    "campaign_create",
    "campaign_launch",
    "campaign_plan_section_save",
    "campaign_reopen",
    "campaign_seed_anhai",
    "campaign_update",
]
