"""Validating every row against the database and the rest of the file: what confirming would write.

Nothing here writes. `build_plan` is called for the preview and again, on the same bytes and inside the
writing transaction, when the user confirms (organisation/services.py).
"""

from ..models import Unit
from .officials import official_rows, plan_official_changes
from .reading import RawWorkbook
from .rows import ImportPlan
from .units import check_unit_names, check_unit_tree, plan_unit_changes, unit_rows


def build_plan(raw: RawWorkbook, *, lock: bool = False) -> ImportPlan:
    """Validate every row and decide its action; with lock=True the matched rows are locked for update."""
    plan = ImportPlan(file_errors=list(raw.errors))
    if raw.errors:
        return plan
    unit_queryset = Unit.objects.all()
    if lock:
        unit_queryset = unit_queryset.select_for_update()
    existing = {unit.code: unit for unit in unit_queryset}
    unit_sheet = raw.sheets.get("unit")
    if unit_sheet is not None:
        plan.unit_sheet = unit_sheet.title
        plan.units = unit_rows(unit_sheet, existing)
        final_parent = check_unit_tree(plan.units, existing)
        check_unit_names(plan.units, existing, final_parent)
        plan_unit_changes(plan.units, existing, final_parent)
    known_units = set(existing) | {row.key for row in plan.units if row.key}
    official_sheet = raw.sheets.get("official")
    if official_sheet is not None:
        plan.official_sheet = official_sheet.title
        plan.officials = official_rows(official_sheet, known_units, lock)
        plan_official_changes(plan.officials)
    return plan
