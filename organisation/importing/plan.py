"""Validating every row against the database and the rest of the file: what confirming would write.

Nothing here writes. `build_plan` is called for the preview and again, on the same bytes and inside the
writing transaction, when the user confirms (organisation/services.py).
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from ..enums import Gender, RowAction, UnitKind
from ..models import Official, Unit
from ..text import fold, nfc
from .columns import OFFICIAL_SHEET, UNIT_SHEET
from .reading import RawRow, RawWorkbook

UNIT_KINDS = {
    "phong": UnitKind.OFFICE,
    "trung tam": UnitKind.CENTRE,
    "don vi": UnitKind.UNIT,
    "to": UnitKind.TEAM,
    "to bo phan": UnitKind.TEAM,
    "bo phan": UnitKind.TEAM,
}
GENDERS = {
    "nam": Gender.MALE,
    "male": Gender.MALE,
    "ong": Gender.MALE,
    "nu": Gender.FEMALE,
    "female": Gender.FEMALE,
    "ba": Gender.FEMALE,
}
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
CODE_RE = re.compile(r"^[a-z0-9_-]+$")
PHONE_RE = re.compile(r"^\+?[0-9 ().-]{6,30}$")


def _max(model, name: str) -> int:
    return model._meta.get_field(name).max_length


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class RowPlan:
    kind: str  # "unit" or "official"
    sheet: str
    number: int
    key: str = ""  # code (or e-mail) the row is matched by
    label: str = ""  # the unit's or official's name
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    action: str = RowAction.CREATE
    changes: list[Change] = field(default_factory=list)
    target: Unit | Official | None = None
    duplicate: bool = False  # the key already appeared higher up in the sheet

    @property
    def action_label(self) -> str:
        return RowAction(self.action).label


@dataclass
class ImportPlan:
    file_errors: list[str] = field(default_factory=list)
    units: list[RowPlan] = field(default_factory=list)
    officials: list[RowPlan] = field(default_factory=list)
    unit_sheet: str = UNIT_SHEET
    official_sheet: str = OFFICIAL_SHEET

    @property
    def rows(self) -> list[RowPlan]:
        return [*self.units, *self.officials]

    @property
    def error_rows(self) -> list[RowPlan]:
        return [row for row in self.rows if row.errors]

    @property
    def error_count(self) -> int:
        return len(self.file_errors) + sum(len(row.errors) for row in self.rows)

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(row.errors for row in self.rows)

    @property
    def has_writes(self) -> bool:
        return any(row.action != RowAction.UNCHANGED for row in self.rows)

    def counts(self) -> dict[str, dict[str, int]]:
        result = {}
        for kind, rows in (("units", self.units), ("officials", self.officials)):
            result[kind] = {action: sum(1 for r in rows if r.action == action) for action in RowAction.values}
        return result

    def digest(self) -> str:
        """Fingerprint of what confirming would write; it changes when the database changes under it."""
        payload = [
            [
                r.kind,
                r.number,
                r.action,
                r.target.pk if r.target else None,
                sorted(r.values.items()),
                r.errors,
            ]
            + [[c.label, c.old, c.new] for c in r.changes]
            for r in self.rows
        ]
        payload.append(self.file_errors)
        encoded = json.dumps(payload, default=str, ensure_ascii=False, sort_keys=True).encode()
        return hashlib.sha256(encoded).hexdigest()


# --- cell values -------------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return " ".join(nfc(str(value)).split())


def _phone(value) -> str:
    # Excel keeps "0905123456" typed into a number cell as 905123456: give the leading zero back.
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = _text(value)
        return f"0{digits}" if len(digits) == 9 else digits
    return _text(value)


def _date(value) -> tuple[date | None, str | None]:
    """(date, error); Excel dates, serial numbers and dd/mm/yyyy text are accepted."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        try:
            parsed = from_excel(value).date()
        except (ValueError, OverflowError, TypeError, AttributeError):
            parsed = None
    else:
        parsed = None
        text = _text(value)
        for fmt in DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
    if parsed is None:
        return None, _("Ngày sinh “%(value)s” không đúng dạng ngày/tháng/năm (dd/mm/yyyy).") % {
            "value": _text(value)
        }
    if parsed > timezone.localdate():
        return None, _("Ngày sinh %(value)s ở sau ngày hôm nay.") % {"value": parsed.strftime("%d/%m/%Y")}
    if parsed.year < 1900:
        return None, _("Ngày sinh %(value)s không hợp lệ (trước năm 1900).") % {
            "value": parsed.strftime("%d/%m/%Y")
        }
    return parsed, None


def _check_length(row: RowPlan, value: str, limit: int, what: str) -> None:
    if len(value) > limit:
        row.errors.append(
            _("%(what)s dài %(length)d ký tự, vượt quá %(limit)d ký tự.")
            % {"what": what, "length": len(value), "limit": limit}
        )


def _check_email(row: RowPlan, value: str) -> None:
    if not value:
        return
    try:
        validate_email(value)
    except ValidationError:
        row.errors.append(_("Thư điện tử “%(value)s” không hợp lệ.") % {"value": value})


def _check_code(row: RowPlan, value: str, what: str, limit: int) -> None:
    if not CODE_RE.match(value):
        suggestion = slugify(fold(value))
        message = _(
            "%(what)s “%(value)s” chỉ được gồm chữ không dấu, chữ số, dấu gạch ngang (-) hoặc gạch dưới (_)."
        )
        message %= {"what": what, "value": value}
        if suggestion:
            message += " " + _("Gợi ý: “%(suggestion)s”.") % {"suggestion": suggestion}
        row.errors.append(message)
    _check_length(row, value, limit, what)


def _dmy(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


# --- units ---------------------------------------------------------------------------------------------


def _unit_rows(sheet, existing: dict[str, Unit]) -> list[RowPlan]:
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
    return rows


def _clean_unit(raw: RawRow, sheet) -> RowPlan:
    cells = raw.cells
    row = RowPlan(kind="unit", sheet=sheet.title, number=raw.number)
    row.key = _text(cells.get("code")).lower()
    row.label = _text(cells.get("name"))
    if not row.key:
        row.errors.append(_("Thiếu mã đơn vị."))
    else:
        _check_code(row, row.key, _("Mã đơn vị"), _max(Unit, "code"))
    if not row.label:
        row.errors.append(_("Thiếu tên đơn vị."))
    _check_length(row, row.label, _max(Unit, "name"), _("Tên đơn vị"))
    row.values["name"] = row.label
    if "short_name" in sheet.columns:
        row.values["short_name"] = _text(cells.get("short_name"))
        _check_length(row, row.values["short_name"], _max(Unit, "short_name"), _("Tên viết tắt"))
    if "kind" in sheet.columns:
        kind_text = _text(cells.get("kind"))
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
        row.values["parent"] = _text(cells.get("parent")).lower()
    if "email" in sheet.columns:
        row.values["email"] = _text(cells.get("email"))
        _check_email(row, row.values["email"])
        _check_length(row, row.values["email"], _max(Unit, "email"), _("Thư điện tử"))
    return row


def _check_unit_tree(rows: list[RowPlan], existing: dict[str, Unit]) -> dict[str, str | None]:
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


def _check_unit_names(rows, existing, final_parent) -> None:
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


def _plan_unit_changes(rows, existing, final_parent) -> None:
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
            (_("Loại"), str(kind_labels[unit.kind]), str(kind_labels[kind])),
            (_("Thuộc đơn vị"), old_parent, parent or ""),
            (_("Thư điện tử"), unit.email, row.values.get("email", unit.email)),
        ]
        row.changes = [Change(label, old, new) for label, old, new in compare if old != new]
        row.action = RowAction.UPDATE if row.changes else RowAction.UNCHANGED


# --- officials -----------------------------------------------------------------------------------------


def _clean_official(raw: RawRow, sheet) -> RowPlan:
    cells = raw.cells
    row = RowPlan(kind="official", sheet=sheet.title, number=raw.number)
    code = _text(cells.get("code"))
    row.label = _text(cells.get("full_name"))
    if code:
        row.values["code"] = code
        _check_length(row, code, _max(Official, "code"), _("Mã cán bộ"))
    if not row.label:
        row.errors.append(_("Thiếu họ và tên."))
    _check_length(row, row.label, _max(Official, "full_name"), _("Họ và tên"))
    row.values["full_name"] = row.label

    gender_text = _text(cells.get("gender"))
    gender = GENDERS.get(fold(gender_text).strip("."))
    if not gender_text:
        row.errors.append(_("Thiếu giới tính (ghi “Nam” hoặc “Nữ”)."))
    elif gender is None:
        row.errors.append(
            _("Giới tính “%(value)s” không hợp lệ; ghi “Nam” hoặc “Nữ”.") % {"value": gender_text}
        )
    if gender:
        row.values["gender"] = gender

    if "date_of_birth" in sheet.columns:
        born, error = _date(cells.get("date_of_birth"))
        if error:
            row.errors.append(error)  # and the preview shows no change for a date it could not read
        else:
            row.values["date_of_birth"] = born
    if "position" in sheet.columns:
        row.values["position"] = _text(cells.get("position"))
        _check_length(row, row.values["position"], _max(Official, "position"), _("Chức vụ"))

    row.values["unit"] = _text(cells.get("unit")).lower()
    if not row.values["unit"]:
        row.errors.append(_("Thiếu mã đơn vị."))

    if "email" in sheet.columns:
        row.values["email"] = _text(cells.get("email"))
        _check_email(row, row.values["email"])
        _check_length(row, row.values["email"], _max(Official, "email"), _("Thư điện tử"))
    if "phone" in sheet.columns:
        row.values["phone"] = _phone(cells.get("phone"))
        if row.values["phone"] and not PHONE_RE.match(row.values["phone"]):
            row.errors.append(_("Số điện thoại “%(value)s” không hợp lệ.") % {"value": row.values["phone"]})
        _check_length(row, row.values["phone"], _max(Official, "phone"), _("Điện thoại"))

    email = row.values.get("email", "")
    row.key = code or email
    if not code and not email:
        row.errors.append(_("Cần có mã cán bộ hoặc thư điện tử để nhận ra cán bộ khi nhập lại."))
    return row


def _official_rows(sheet, known_units: set[str], lock: bool) -> list[RowPlan]:
    rows = [_clean_official(raw, sheet) for raw in sheet.rows]
    codes = {row.values["code"] for row in rows if row.values.get("code")}
    emails = {row.values["email"].lower() for row in rows if row.values.get("email")}
    queryset = Official.objects.select_related("unit").annotate(email_lower=Lower("email"))
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    by_code: dict[str, Official] = {}
    by_email: dict[str, list[Official]] = {}
    if codes:
        by_code = {o.code: o for o in queryset.filter(code__in=codes)}
    if emails:
        for official in queryset.filter(email_lower__in=emails).order_by("pk"):
            by_email.setdefault(official.email_lower, []).append(official)

    first_code: dict[str, int] = {}
    first_email: dict[str, int] = {}
    first_target: dict[int, int] = {}
    for row in rows:
        unit_code = row.values["unit"]
        if unit_code and unit_code not in known_units:
            row.errors.append(
                _("Không tìm thấy đơn vị có mã “%(code)s” trong hệ thống hay trong trang Đơn vị.")
                % {"code": unit_code}
            )
        code = row.values.get("code")
        email = row.values.get("email", "").lower()
        if code:
            if code in first_code:
                row.errors.append(
                    _("Mã cán bộ “%(code)s” đã có ở dòng %(row)d của trang này.")
                    % {"code": code, "row": first_code[code]}
                )
                row.duplicate = True
                continue
            first_code[code] = row.number
            row.target = by_code.get(code)
            if row.target is None and email:
                # An official entered without a code (e.g. in the admin) gets the code from the file.
                uncoded = [o for o in by_email.get(email, []) if not o.code]
                if len(uncoded) > 1:
                    row.errors.append(
                        _(
                            "Có %(count)d cán bộ chưa có mã cùng thư điện tử “%(email)s”; hãy sửa trong trang quản trị."
                        )
                        % {"count": len(uncoded), "email": row.values["email"]}
                    )
                    continue
                row.target = uncoded[0] if uncoded else None
        elif email:
            if email in first_email:
                row.errors.append(
                    _("Thư điện tử “%(email)s” đã có ở dòng %(row)d của trang này; hãy ghi mã cán bộ.")
                    % {"email": row.values["email"], "row": first_email[email]}
                )
                row.duplicate = True
                continue
            first_email[email] = row.number
            matches = by_email.get(email, [])
            if len(matches) > 1:
                row.errors.append(
                    _("Có %(count)d cán bộ cùng thư điện tử “%(email)s”; hãy ghi mã cán bộ để phân biệt.")
                    % {"count": len(matches), "email": row.values["email"]}
                )
                continue
            row.target = matches[0] if matches else None
        if row.target is not None:
            if row.target.pk in first_target:
                row.errors.append(
                    _("Dòng này và dòng %(row)d cùng chỉ tới cán bộ %(name)s.")
                    % {"row": first_target[row.target.pk], "name": row.target.full_name}
                )
            first_target.setdefault(row.target.pk, row.number)
    return rows


def _plan_official_changes(rows) -> None:
    genders = dict(Gender.choices)
    for row in rows:
        official = row.target
        if official is None:
            row.action = RowAction.CREATE
            continue
        v = row.values
        compare = [
            (_("Mã cán bộ"), official.code or "", v.get("code", official.code or "")),
            (_("Họ và tên"), official.full_name, v["full_name"]),
            (
                _("Giới tính"),
                str(genders.get(official.gender, "")),
                str(genders.get(v.get("gender", official.gender), "")),
            ),
            (
                _("Ngày sinh"),
                _dmy(official.date_of_birth),
                _dmy(v.get("date_of_birth", official.date_of_birth)),
            ),
            (_("Chức vụ"), official.position, v.get("position", official.position)),
            (_("Đơn vị"), official.unit.code, v["unit"]),
            (_("Thư điện tử"), official.email, v.get("email", official.email)),
            (_("Điện thoại"), official.phone, v.get("phone", official.phone)),
        ]
        row.changes = [Change(label, old, new) for label, old, new in compare if old != new]
        row.action = RowAction.UPDATE if row.changes else RowAction.UNCHANGED


# --- the whole file ------------------------------------------------------------------------------------


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
        plan.units = _unit_rows(unit_sheet, existing)
        final_parent = _check_unit_tree(plan.units, existing)
        _check_unit_names(plan.units, existing, final_parent)
        _plan_unit_changes(plan.units, existing, final_parent)
    known_units = set(existing) | {row.key for row in plan.units if row.key}
    official_sheet = raw.sheets.get("official")
    if official_sheet is not None:
        plan.official_sheet = official_sheet.title
        plan.officials = _official_rows(official_sheet, known_units, lock)
        _plan_official_changes(plan.officials)
    return plan
