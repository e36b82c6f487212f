"""A ward council for tests: members with accounts, as the office would set it up. Used by the council's
tests and by the awards tests, which hold a real meeting on their nominees."""

import datetime as dt

from organisation.models import Council, CouncilMembership
from tests.factories import OfficialFactory, UserFactory

NAMES = [
    "Trần Quốc Bảo",
    "Nguyễn Thế Đức",
    "Ngô Thị Thanh Hương",
    "Lê Văn Thành",
    "Nguyễn Văn Hùng",
    "Võ Thị Diệu Linh",
    "Phạm Văn Tâm",
    "Đoàn Văn Quang",
    "Phạm Thị Hồng Nhung",
    "Huỳnh Văn Phúc",
    "Đặng Thị Mai Anh",
    "Bùi Đức Long",
]


def build_council(
    n: int, *, unit_heads: dict[int, object] | None = None, names=NAMES, chair_role: bool = True
) -> tuple:
    """(council, memberships in order, {membership id: user}). Member 0 chairs (with the chairman's role
    unless `chair_role` is off); `unit_heads` {member index: unit} makes a member the head of a unit."""
    council = Council.objects.create(term="2025 - 2030", starts_on=dt.date(2025, 7, 1))
    functions = ["chair", "vice_chair", "secretary"] + ["member"] * max(n - 3, 0)
    members, users = [], {}
    for i in range(n):
        official = OfficialFactory(full_name=names[i] if i < len(names) else f"Thành Viên Số {i}")
        roles = [("council_member", None)]
        if i == 0 and chair_role:
            roles.append(("chairman", None))
        if unit_heads and i in unit_heads:
            roles.append(("unit_head", unit_heads[i]))
        user = UserFactory(username=f"hd{i}", official=official, roles=roles)
        member = CouncilMembership.objects.create(
            council=council, official=official, function=functions[i], title=official.position, order=i
        )
        members.append(member)
        users[member.pk] = user
    return council, members, users
