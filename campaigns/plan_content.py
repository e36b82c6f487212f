"""Content of a campaign's plan that a higher app owns, registered from that app's AppConfig.ready().

The plan (kế hoạch) prints, and the office's editor edits, rows that belong to other apps: the criteria
app's criteria and their measurable targets. campaigns does not import them; the owning app registers a
:class:`PlanContent` saying how the editor edits them, how the plan reads them, how a copy and the demo seed
fill them and what the plan page and PDF print::

    from campaigns.plan_content import PlanContent, register_plan_content

    register_plan_content(PlanContent(key="criteria", section=..., after="noi-dung", ...))

Registering the same key twice replaces the first registration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .forms.sections import Section
    from .models import Campaign


@dataclass(frozen=True)
class PlanContent:
    """One kind of plan content owned by another app.

    - `key`: its name in the plan (`Plan.content[key]`);
    - `section`: the editor's page for it (formsets whose rows the section save service writes), placed
      after the section whose slug is `after`;
    - `models`: the models those rows belong to (deleting a plan row may cascade to these, not further);
    - `load(campaign)`: the read selector, in a constant number of queries; its result is `Plan.content[key]`
      and the `content` the templates receive;
    - `copy(source, copy)`: copies the rows from `source` into the new campaign `copy` (in its transaction);
    - `seed(campaign, plan)`: fills the demo plan from the seed module `plan`;
    - `launch_error(campaign)`: why the plan cannot be launched without this content, or "" when it can;
    - the templates the plan includes with `content`: `body_template` (the plan's text, section III.1),
      `summary_template` (the summary on the plan page), `appendix_template` (the plan PDF's appendix);
    - `scopes(campaign)`: the version scopes (anhai_thidua/core/versions.py) its owner replaces when the rows
      `load` reads change: the plan page's cached document is kept under them too.
    """

    key: str
    section: Section
    after: str
    models: frozenset[type] = field(default_factory=frozenset)
    load: Callable[[Campaign], Any] = lambda campaign: None
    copy: Callable[[Campaign, Campaign], None] = lambda source, copy: None
    seed: Callable[[Campaign, Any], None] = lambda campaign, plan: None
    launch_error: Callable[[Campaign], str] = lambda campaign: ""
    body_template: str = ""
    summary_template: str = ""
    appendix_template: str = ""
    scopes: Callable[[Campaign], list[str]] = lambda campaign: []


_contents: dict[str, PlanContent] = {}


def register_plan_content(content: PlanContent) -> PlanContent:
    _contents[content.key] = content
    return content


def registered_plan_contents() -> list[PlanContent]:
    """Every registered plan content, in registration order."""
    return list(_contents.values())
