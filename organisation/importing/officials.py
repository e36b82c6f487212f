"""The “Cán bộ” sheet: people matched by code (or e-mail), checked against the database and the file."""

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from ..enums import Gender, RowAction
from ..models import Official
from ..text import fold
from .cells import (
    GENDERS,
    PHONE_RE,
    check_email,
    check_length,
    date_value,
    dmy,
    max_length,
    phone_value,
    text_value,
)
from .reading import RawRow
from .rows import Change, RowPlan


def _clean_official(raw: RawRow, sheet) -> RowPlan:
    cells = raw.cells
    row = RowPlan(kind="official", sheet=sheet.title, number=raw.number)
    code = text_value(cells.get("code"))
    row.label = text_value(cells.get("full_name"))
    if code:
        row.values["code"] = code
        check_length(row, code, max_length(Official, "code"), _("Mã cán bộ"))
    if not row.label:
        row.errors.append(_("Thiếu họ và tên."))
    check_length(row, row.label, max_length(Official, "full_name"), _("Họ và tên"))
    row.values["full_name"] = row.label

    gender_text = text_value(cells.get("gender"))
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
        born, error = date_value(cells.get("date_of_birth"))
        if error:
            row.errors.append(error)  # and the preview shows no change for a date it could not read
        else:
            row.values["date_of_birth"] = born
    if "position" in sheet.columns:
        row.values["position"] = text_value(cells.get("position"))
        check_length(row, row.values["position"], max_length(Official, "position"), _("Chức vụ"))

    row.values["unit"] = text_value(cells.get("unit")).lower()
    if not row.values["unit"]:
        row.errors.append(_("Thiếu mã đơn vị."))

    if "email" in sheet.columns:
        row.values["email"] = text_value(cells.get("email"))
        check_email(row, row.values["email"])
        check_length(row, row.values["email"], max_length(Official, "email"), _("Thư điện tử"))
    if "phone" in sheet.columns:
        row.values["phone"] = phone_value(cells.get("phone"))
        if row.values["phone"] and not PHONE_RE.match(row.values["phone"]):
            row.errors.append(_("Số điện thoại “%(value)s” không hợp lệ.") % {"value": row.values["phone"]})
        check_length(row, row.values["phone"], max_length(Official, "phone"), _("Điện thoại"))

    email = row.values.get("email", "")
    row.key = code or email
    if not code and not email:
        row.errors.append(_("Cần có mã cán bộ hoặc thư điện tử để nhận ra cán bộ khi nhập lại."))
    return row


def _existing_officials(rows, lock: bool) -> tuple[dict[str, Official], dict[str, list[Official]]]:
    """The officials the rows may point to: by code, and by lower-cased email (2 queries; locked when
    `lock`)."""
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
    return by_code, by_email


def official_rows(sheet, known_units: set[str], lock: bool) -> list[RowPlan]:
    rows = [_clean_official(raw, sheet) for raw in sheet.rows]
    by_code, by_email = _existing_officials(rows, lock)
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


def plan_official_changes(rows) -> None:
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
                dmy(official.date_of_birth),
                dmy(v.get("date_of_birth", official.date_of_birth)),
            ),
            (_("Chức vụ"), official.position, v.get("position", official.position)),
            (_("Đơn vị"), official.unit.code, v["unit"]),
            (_("Thư điện tử"), official.email, v.get("email", official.email)),
            (_("Điện thoại"), official.phone, v.get("phone", official.phone)),
        ]
        row.changes = [Change(label, old, new) for label, old, new in compare if old != new]
        row.action = RowAction.UPDATE if row.changes else RowAction.UNCHANGED
