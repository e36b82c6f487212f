"""Reads for registration, criteria results, the dashboard and the reports; each in a fixed number of queries.

The dashboard, the ranking, the Excel workbook and the summary count only figures the office has validated;
the unit page shows every figure with its state. By topic: registration, plan (criteria, targets, periods),
ranking, dashboard, unit, announcements.
"""

from .announcements import announcement_list
from .dashboard import (
    DASHBOARD_UNITS_PER_PAGE,
    Cell,
    Dashboard,
    DashboardPage,
    DeadlineRow,
    PeriodProgress,
    campaign_dashboard,
    dashboard_page,
    deadline_rows,
    dossier_counts_by_state,
    period_progress,
)
from .plan import campaign_criteria, flat_targets, period_choose, period_list
from .ranking import UnitRow, ranked_unit_counts, unit_rows
from .registration import (
    participating_units,
    registration_for_unit,
    registration_list,
    units_without_registration,
)
from .standings import MISSING_SHOWN, PeriodStandings, period_standings
from .unit import PeriodBlock, TargetLine, unit_page, unit_results

__all__ = [
    "DASHBOARD_UNITS_PER_PAGE",
    "MISSING_SHOWN",
    "Cell",
    "Dashboard",
    "DashboardPage",
    "DeadlineRow",
    "PeriodBlock",
    "PeriodProgress",
    "PeriodStandings",
    "TargetLine",
    "UnitRow",
    "announcement_list",
    "campaign_criteria",
    "campaign_dashboard",
    "dashboard_page",
    "deadline_rows",
    "dossier_counts_by_state",
    "flat_targets",
    "participating_units",
    "period_choose",
    "period_list",
    "period_progress",
    "period_standings",
    "ranked_unit_counts",
    "registration_for_unit",
    "registration_list",
    "unit_page",
    "unit_results",
    "unit_rows",
    "units_without_registration",
]
