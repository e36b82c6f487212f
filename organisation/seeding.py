"""Loads the demo organisation; safe to run again (every row is keyed by a natural key)."""

from datetime import date

from django.conf import settings
from django.db import transaction

from . import seed_data
from .enums import Role
from .models import Council, CouncilMembership, Official, RoleAssignment, Unit, User

DEMO_REFUSED = (
    "Dữ liệu mẫu chỉ được nạp khi DEMO=true: nó tạo các tài khoản mẫu (kể cả quản trị) với mật khẩu công khai "
    "“{password}”, nên không bao giờ được chạy trên cơ sở dữ liệu thật. Đặt DEMO=true (make run đã đặt sẵn) "
    "nếu đây là máy chạy thử."
)


class DemoDisabled(Exception):
    """The demo data was asked for where DEMO is off."""

    def __init__(self):
        super().__init__(DEMO_REFUSED.format(password=seed_data.DEMO_PASSWORD))


def demo_guard() -> None:
    """Refuse, with the reason, unless settings.DEMO is on."""
    if not settings.DEMO:
        raise DemoDisabled()


@transaction.atomic
def organisation_seed() -> dict[str, int]:
    """Create or update the demo units, officials, council and accounts. Returns counts.

    Refuses (DemoDisabled) unless DEMO=true: the accounts get the published demo password.
    """
    demo_guard()
    units = _seed_units()
    officials = _seed_officials(units)
    _seed_council(officials)
    _seed_accounts(units, officials)
    return {"units": len(units), "officials": len(officials), "accounts": len(seed_data.ACCOUNTS)}


def _seed_units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for order, (code, name, short, kind, parent, email) in enumerate(seed_data.UNITS, start=1):
        unit, _ = Unit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "parent": units.get(parent),
                "email": email,
                "order": order * 10,
                "document_code": seed_data.DOCUMENT_CODES.get(code),
            },
        )
        units[code] = unit
    return units


def _seed_officials(units: dict[str, Unit]) -> dict[str, Official]:
    officials: dict[str, Official] = {}
    for key, name, gender, dob, position, unit_code in seed_data.OFFICIALS:
        official, _ = Official.objects.update_or_create(
            code=key,
            defaults={
                "full_name": name,
                "gender": gender,
                "date_of_birth": date.fromisoformat(dob),
                "position": position,
                "unit": units[unit_code],
                "email": f"{key.replace('-', '.')}@anhai.example.vn",
            },
        )
        officials[key] = official
    return officials


def _seed_council(officials: dict[str, Official]) -> None:
    council_data = seed_data.COUNCIL
    council, _ = Council.objects.update_or_create(
        term=council_data["term"],
        defaults={
            "established_by": council_data["established_by"],
            "starts_on": date.fromisoformat(council_data["starts_on"]),
        },
    )
    for order, (key, function, title) in enumerate(council_data["members"], start=1):
        CouncilMembership.objects.update_or_create(
            council=council,
            official=officials[key],
            defaults={"function": function, "title": title, "order": order},
        )


def _seed_accounts(units: dict[str, Unit], officials: dict[str, Official]) -> None:
    """The demo accounts with their roles; a new account gets the published demo password."""
    for username, official_key, roles, _description in seed_data.ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
            user.set_password(seed_data.DEMO_PASSWORD)
        official = officials.get(official_key) if official_key else None
        user.official = official
        user.email = official.email if official else "quantri@anhai.example.vn"
        if official is None:
            user.first_name = "Quản trị"
        user.is_staff = any(role == Role.ADMIN for role, _unit in roles)
        user.is_superuser = user.is_staff
        user.save()
        for role, unit_code in roles:
            RoleAssignment.objects.get_or_create(
                user=user, role=role, unit=units.get(unit_code) if unit_code else None
            )
