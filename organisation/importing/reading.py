"""Reading the two sheets of an uploaded workbook into raw rows (no database access)."""

import io
import logging
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .columns import SHEETS, header_key, match_columns

MAX_ROWS_PER_SHEET = 5000
HEADER_SEARCH_ROWS = 10

logger = logging.getLogger(__name__)


@dataclass
class RawRow:
    number: int  # the row number Excel shows
    cells: dict[str, object]  # field -> raw cell value


@dataclass
class RawSheet:
    kind: str  # "unit" or "official"
    title: str  # the sheet's name as written in the file
    columns: set[str] = field(default_factory=set)  # fields whose column is present
    rows: list[RawRow] = field(default_factory=list)


@dataclass
class RawWorkbook:
    sheets: dict[str, RawSheet] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _find_sheet(workbook, names: tuple[str, ...]):
    for sheet in workbook.worksheets:
        key = header_key(sheet.title)
        if key in names or any(key.startswith(name) for name in names):
            return sheet
    return None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def _refuse_dtds(data: bytes) -> None:
    """A workbook's XML never needs a DTD; one is how entity-expansion attacks start. openpyxl parses with
    lxml when it is installed (pikepdf and pyHanko bring it), which expands internal entities, so the
    refusal cannot be left to defusedxml. The sizes were capped by the upload check before this runs."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename.endswith((".xml", ".rels")) and _DTD.search(archive.read(info)):
                raise ValueError(f"DTD in {info.filename}")


def read_workbook(data: bytes) -> RawWorkbook:
    """Find the “Đơn vị” and “Cán bộ” sheets, their header rows and their non-empty rows."""
    result = RawWorkbook()
    try:
        _refuse_dtds(data)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            for kind, (_label, columns, names) in SHEETS.items():
                sheet = _find_sheet(workbook, names)
                if sheet is not None:
                    raw = _read_sheet(kind, sheet, columns, result.errors)
                    if raw is not None:
                        result.sheets[kind] = raw
        finally:
            workbook.close()
    except Exception as exc:  # any parser failure on untrusted bytes means "unreadable"
        # openpyxl parses lazily and raises many kinds of errors (zip, XML, defusedxml, values).
        logger.info("Unreadable workbook: %r", exc)
        result.sheets.clear()
        result.errors[:] = [
            _(
                "Không đọc được nội dung tệp Excel. Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi tải lên."
            )
        ]
        return result
    if not result.sheets and not result.errors:
        result.errors.append(_("Tệp không có trang tính “Đơn vị” hoặc “Cán bộ”. Hãy dùng tệp mẫu."))
    elif not result.errors and not any(sheet.rows for sheet in result.sheets.values()):
        result.errors.append(_("Tệp không có dòng dữ liệu nào."))
    return result


def _read_sheet(kind, sheet, columns, errors) -> RawSheet | None:
    rows = sheet.iter_rows(values_only=True)
    required = {c.field for c in columns if c.required}
    mapping = None
    header_number = 0
    best: tuple[int, dict] = (0, {})
    for number, values in enumerate(rows, start=1):
        if number > HEADER_SEARCH_ROWS:
            break
        found, duplicates = match_columns(values or (), columns)
        if duplicates:
            errors.append(
                _("Trang “%(sheet)s”: cột “%(column)s” xuất hiện hai lần.")
                % {"sheet": sheet.title, "column": duplicates[0]}
            )
            return None
        if required <= set(found):
            mapping, header_number = found, number
            break
        if len(found) > best[0]:
            best = (len(found), found)
    if mapping is None:
        missing = [c.header for c in columns if c.required and c.field not in best[1]]
        errors.append(
            _("Trang “%(sheet)s” thiếu cột bắt buộc: %(columns)s. Dòng tiêu đề phải giống tệp mẫu.")
            % {"sheet": sheet.title, "columns": ", ".join(f"“{m}”" for m in missing)}
        )
        return None
    raw = RawSheet(kind=kind, title=sheet.title, columns=set(mapping))
    for number, values in enumerate(rows, start=header_number + 1):
        values = values or ()
        cells = {f: (values[i] if i < len(values) else None) for f, i in mapping.items()}
        if all(_blank(v) for v in cells.values()):
            continue
        if len(raw.rows) >= MAX_ROWS_PER_SHEET:
            errors.append(
                _("Trang “%(sheet)s” có hơn %(max)d dòng; hãy chia thành nhiều tệp.")
                % {"sheet": sheet.title, "max": MAX_ROWS_PER_SHEET}
            )
            return None
        raw.rows.append(RawRow(number=number, cells=cells))
    return raw
