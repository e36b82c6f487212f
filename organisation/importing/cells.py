"""Reading one cell's value (text, phone, date) and the checks shared by both sheets."""

import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from ..enums import Gender, UnitKind
from ..text import fold, nfc
from .rows import RowPlan

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


def max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def text_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return " ".join(nfc(str(value)).split())


def phone_value(value) -> str:
    # Excel keeps "0905123456" typed into a number cell as 905123456: give the leading zero back.
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = text_value(value)
        return f"0{digits}" if len(digits) == 9 else digits
    return text_value(value)


def date_value(value) -> tuple[date | None, str | None]:
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
        text = text_value(value)
        for fmt in DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
    if parsed is None:
        return None, _("Ngày sinh “%(value)s” không đúng dạng ngày/tháng/năm (dd/mm/yyyy).") % {
            "value": text_value(value)
        }
    if parsed > timezone.localdate():
        return None, _("Ngày sinh %(value)s ở sau ngày hôm nay.") % {"value": parsed.strftime("%d/%m/%Y")}
    if parsed.year < 1900:
        return None, _("Ngày sinh %(value)s không hợp lệ (trước năm 1900).") % {
            "value": parsed.strftime("%d/%m/%Y")
        }
    return parsed, None


def check_length(row: RowPlan, value: str, limit: int, what: str) -> None:
    if len(value) > limit:
        row.errors.append(
            _("%(what)s dài %(length)d ký tự, vượt quá %(limit)d ký tự.")
            % {"what": what, "length": len(value), "limit": limit}
        )


def check_email(row: RowPlan, value: str) -> None:
    if not value:
        return
    try:
        validate_email(value)
    except ValidationError:
        row.errors.append(_("Thư điện tử “%(value)s” không hợp lệ.") % {"value": value})


def check_code(row: RowPlan, value: str, what: str, limit: int) -> None:
    if not CODE_RE.match(value):
        suggestion = slugify(fold(value))
        message = _(
            "%(what)s “%(value)s” chỉ được gồm chữ không dấu, chữ số, dấu gạch ngang (-) hoặc gạch dưới (_)."
        )
        message %= {"what": what, "value": value}
        if suggestion:
            message += " " + _("Gợi ý: “%(suggestion)s”.") % {"suggestion": suggestion}
        row.errors.append(message)
    check_length(row, value, limit, what)


def dmy(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""
