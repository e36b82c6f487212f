"""The “Đơn vị” sheet: codes, names, kinds and the parent tree, checked against the database."""

from django.utils.translation import gettext as _

from ..enums import RowAction, UnitKind
from ..models import Unit
from ..text import document_code, document_code_problem, fold
from .cells import UNIT_KINDS, check_code, check_email, check_length, max_length, text_value
from .reading import RawRow
from .rows import Change, RowPlan


def unit_rows(sheet, existing: dict[str, Unit]) -> list[RowPlan]:
    rows = []
    first_row_of: dict[str, int] = {}
    for raw in sheet.rows:
        row = _clean_unit(raw, sheet)
        if row.key:
            if row.key in first_row_of:
                row.errors.append(
                    _("Mã đơn vị “%(code)s” đã có ở dòng %(row)d của trang này.")
                    % {"code": row.key, "row": first_row_of[row.key]}
                )
                row.duplicate = True
            else:
                first_row_of[row.key] = row.number
                row.target = existing.get(row.key)
        rows.append(row)
    _check_document_codes(rows, existing)
    return rows


def _check_document_codes(rows: list[RowPlan], existing: dict[str, Unit]) -> None:
    """A document code belongs to one unit: not twice in the file, not to another unit already."""
    owner = {unit.document_code: code for code, unit in existing.items() if unit.document_code}
    in_file = {row.key for row in rows if row.key and "document_code" in row.values}
    for code in in_file:  # codes the file gives new values are free unless the file claims them again
        unit = existing.get(code)
        if unit is not None and unit.document_code and owner.get(unit.document_code) == code:
            del owner[unit.document_code]
    first_row: dict[str, int] = {}
    for row in rows:
        value = row.values.get("document_code")
        if not value or row.duplicate:
            continue
        if value in first_row:
            row.errors.append(
                _("Ký hiệu văn bản “%(value)s” đã có ở dòng %(row)d của trang này.")
                % {"value": value, "row": first_row[value]}
            )
        elif owner.get(value, row.key) != row.key:
            row.errors.append(
                _("Ký hiệu văn bản “%(value)s” đã dùng cho đơn vị mã “%(code)s”.")
                % {"value": value, "code": owner[value]}
            )
        first_row.setdefault(value, row.number)


def _clean_unit(raw: RawRow, sheet) -> RowPlan:
    cells = raw.cells
    row = RowPlan(kind="unit", sheet=sheet.title, number=raw.number)
    row.key = text_value(cells.get("code")).lower()
    row.label = text_value(cells.get("name"))
    if not row.key:
        row.errors.append(_("Thiếu mã đơn vị."))
    else:
        check_code(row, row.key, _("Mã đơn vị"), max_length(Unit, "code"))
    if not row.label:
        row.errors.append(_("Thiếu tên đơn vị."))
    check_length(row, row.label, max_length(Unit, "name"), _("Tên đơn vị"))
    row.values["name"] = row.label
    if "short_name" in sheet.columns:
        row.values["short_name"] = text_value(cells.get("short_name"))
        check_length(row, row.values["short_name"], max_length(Unit, "short_name"), _("Tên viết tắt"))
    if "document_code" in sheet.columns:
        code = document_code(text_value(cells.get("document_code")))
        row.values["document_code"] = code
        problem = document_code_problem(code)
        if problem:
            row.errors.append(f"{problem} (“{code}”)")
        check_length(row, code, max_length(Unit, "document_code"), _("Ký hiệu văn bản"))
    if "kind" in sheet.columns:
        kind_text = text_value(cells.get("kind"))
        if kind_text:
            kind = UNIT_KINDS.get(" ".join(fold(kind_text).replace("_", " ").replace(",", " ").split()))
            if kind is None:
                row.errors.append(
                    _("Loại đơn vị “%(value)s” không hợp lệ; ghi một trong: Phòng, Trung tâm, Đơn vị, Tổ.")
                    % {"value": kind_text}
                )
            else:
                row.values["kind"] = kind
    if "parent" in sheet.columns:
        row.values["parent"] = text_value(cells.get("parent")).lower()
    if "email" in sheet.columns:
        row.values["email"] = text_value(cells.get("email"))
        check_email(row, row.values["email"])
        check_length(row, row.values["email"], max_length(Unit, "email"), _("Thư điện tử"))
    return row


def check_unit_tree(rows: list[RowPlan], existing: dict[str, Unit]) -> dict[str, str | None]:
    """Parents must exist, form no loop, and stay one level deep (teams inside a unit)."""
    by_id = {unit.pk: unit for unit in existing.values()}
    final_parent: dict[str, str | None] = {
        code: (by_id[unit.parent_id].code if unit.parent_id else None) for code, unit in existing.items()
    }
    in_file = {row.key: row for row in rows if row.key and not row.duplicate}
    for code, row in in_file.items():
        if "parent" in row.values:
            final_parent[code] = row.values["parent"] or None
    known = set(existing) | set(in_file)
    children: dict[str, list[str]] = {}
    for code, parent in final_parent.items():
        if parent:
            children.setdefault(parent, []).append(code)

    for code, row in in_file.items():
        parent = final_parent.get(code)
        if not parent:
            continue
        if parent == code:
            row.errors.append(_("Đơn vị không thể thuộc chính nó (cột “Thuộc đơn vị”)."))
            continue
        if parent not in known:
            row.errors.append(
                _("Không tìm thấy đơn vị cấp trên có mã “%(code)s” trong hệ thống hay trong trang Đơn vị.")
                % {"code": parent}
            )
            continue
        path, current, loop = [code], parent, False
        while current:
            if current in path:
                path.append(current)
                loop = True
                break
            path.append(current)
            current = final_parent.get(current)
        if loop:
            row.errors.append(_("Vòng lặp đơn vị cấp trên: %(path)s.") % {"path": " → ".join(path)})
            continue
        if final_parent.get(parent):
            row.errors.append(
                _(
                    "Đơn vị cấp trên “%(code)s” lại thuộc đơn vị khác; tổ chỉ được đặt trực tiếp trong một đơn vị."
                )
                % {"code": parent}
            )
        elif children.get(code):
            row.errors.append(
                _("Đơn vị đang có tổ trực thuộc (%(teams)s) nên không thể đặt thuộc đơn vị khác.")
                % {"teams": ", ".join(sorted(children[code]))}
            )
    return final_parent


def check_unit_names(rows, existing, final_parent) -> None:
    """Two units under the same parent may not share a name (a database constraint)."""
    in_file = {row.key: row for row in rows if row.key and not row.duplicate}
    final_name = {code: unit.name for code, unit in existing.items()}
    for code, row in in_file.items():
        final_name[code] = row.values["name"]
    seen: dict[tuple[str | None, str], str] = {}
    # Units outside the file claim their names first, so the file row is the one reported.
    for code in sorted(final_name, key=lambda c: (c in in_file, in_file[c].number if c in in_file else 0)):
        slot = (final_parent.get(code), final_name[code].casefold())
        if not final_name[code]:
            continue
        if slot in seen and code in in_file:
            in_file[code].errors.append(
                _("Tên đơn vị “%(name)s” đã dùng cho đơn vị mã “%(code)s” cùng cấp.")
                % {"name": final_name[code], "code": seen[slot]}
            )
        seen.setdefault(slot, code)


def plan_unit_changes(rows, existing, final_parent) -> None:
    kind_labels = dict(UnitKind.choices)
    code_of = {unit.pk: code for code, unit in existing.items()}
    for row in rows:
        unit = row.target
        parent = final_parent.get(row.key) if row.key else None
        kind = row.values.get("kind") or (
            unit.kind if unit else (UnitKind.TEAM if parent else UnitKind.OFFICE)
        )
        row.values["kind"] = kind
        row.values["parent"] = parent or ""
        if unit is None:
            row.action = RowAction.CREATE
            continue
        old_parent = code_of.get(unit.parent_id, "")
        compare = [
            (_("Tên đơn vị"), unit.name, row.values["name"]),
            (_("Tên viết tắt"), unit.short_name, row.values.get("short_name", unit.short_name)),
            (
                _("Ký hiệu văn bản"),
                unit.document_code or "",
                row.values.get("document_code", unit.document_code or ""),
            ),
            (_("Loại"), str(kind_labels[unit.kind]), str(kind_labels[kind])),
            (_("Thuộc đơn vị"), old_parent, parent or ""),
            (_("Thư điện tử"), unit.email, row.values.get("email", unit.email)),
        ]
        row.changes = [Change(label, old, new) for label, old, new in compare if old != new]
        row.action = RowAction.UPDATE if row.changes else RowAction.UNCHANGED
