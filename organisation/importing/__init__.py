"""Import of units and officials from an .xlsx workbook: check the bytes, read, validate, plan.

Writing happens only in organisation.services.organisation_import_apply.
"""

from .columns import OFFICIAL_SHEET, UNIT_SHEET
from .files import ImportFileError, check_xlsx_bytes, max_upload_bytes, template_workbook
from .plan import build_plan
from .reading import read_workbook
from .rows import ImportPlan, RowPlan


def plan_for_bytes(data: bytes, *, lock: bool = False) -> ImportPlan:
    """The whole pipeline on one file's bytes; file-level problems come back as plan.file_errors."""
    try:
        check_xlsx_bytes(data)
    except ImportFileError as exc:
        return ImportPlan(file_errors=[str(exc)])
    return build_plan(read_workbook(data), lock=lock)


__all__ = [
    "OFFICIAL_SHEET",
    "UNIT_SHEET",
    "ImportFileError",
    "ImportPlan",
    "RowPlan",
    "build_plan",
    "check_xlsx_bytes",
    "max_upload_bytes",
    "plan_for_bytes",
    "read_workbook",
    "template_workbook",
]
