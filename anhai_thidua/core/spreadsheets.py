"""Every workbook the site hands out is saved through `workbook_bytes`.

Text from users (a unit's name, a nominee's position) can begin with `=`, `+`, `-`, `@`, a tab or a carriage
return; spreadsheet programs read such a cell as a formula, and `=HYPERLINK(...)` or `=cmd|...` in an export
opened by the office is an attack (CSV/formula injection). openpyxl even stores a string that begins with
`=` as a formula. Before saving, each such text cell is made a plain string cell with Excel's quote prefix
(the same as typing an apostrophe first): the text stays exactly as entered, but is shown, kept and edited
as text.
"""

import io
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_FIXED_TIME = datetime(2000, 1, 1)


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def workbook_neutralise_formulas(workbook: Workbook) -> int:
    """Turn every formula-like text cell into quoted text. Returns how many cells were changed."""
    changed = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if is_formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    changed += 1
    return changed


def workbook_bytes(workbook: Workbook, *, deterministic: bool = False) -> bytes:
    """The .xlsx bytes of `workbook`, with formula-like text neutralised.

    deterministic: fixed document properties and zip time stamps, so the same data gives the same bytes
    (exports written to disk are left alone when unchanged).
    """
    workbook_neutralise_formulas(workbook)
    if deterministic:
        workbook.properties.created = workbook.properties.modified = _FIXED_TIME
        workbook.properties.creator = "Thi đua An Hải"
    buffer = io.BytesIO()
    if not deterministic:
        workbook.save(buffer)
        return buffer.getvalue()
    # `Workbook.save` stamps `modified` with the clock; openpyxl's writer itself does not.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).write_data()
    # openpyxl stamps every zip entry with the current time: rewrite them with a fixed one.
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
