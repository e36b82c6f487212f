"""The two sheets of the import workbook and their columns, matched without case or diacritics."""

import re
from dataclasses import dataclass

from ..text import fold

UNIT_SHEET = "Đơn vị"
OFFICIAL_SHEET = "Cán bộ"


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # as written in the template (the file format is Vietnamese in every interface language)
    aliases: tuple[str, ...] = ()
    required: bool = False
    width: int = 18
    text: bool = False  # formatted as text in the template so leading zeros survive
    note: str = ""


UNIT_COLUMNS = (
    Column("code", "Mã đơn vị", ("ma", "ma don vi"), required=True, width=16, text=True),
    Column("name", "Tên đơn vị", ("ten", "ten don vi"), required=True, width=42),
    Column("short_name", "Tên viết tắt", ("viet tat", "ten viet tat"), width=20),
    Column(
        "document_code",
        "Ký hiệu văn bản",
        ("ky hieu", "ky hieu van ban", "ma ky hieu"),
        width=18,
        text=True,
        note="Chữ viết tắt trong số, ký hiệu văn bản của đơn vị, ví dụ TTSNC (…/TTr-TTSNC).",
    ),
    Column("kind", "Loại (Phòng/Trung tâm/Đơn vị/Tổ)", ("loai", "loai don vi"), width=22),
    Column(
        "parent",
        "Thuộc đơn vị (mã)",
        ("thuoc don vi", "ma don vi cap tren", "don vi cap tren", "thuoc"),
        width=18,
        text=True,
    ),
    Column("email", "Thư điện tử", ("thu dien tu", "email", "e mail", "thu dien tu email"), width=30),
)

OFFICIAL_COLUMNS = (
    Column("code", "Mã cán bộ", ("ma", "ma can bo"), width=16, text=True),
    Column("full_name", "Họ và tên", ("ho va ten", "ho ten", "ten"), required=True, width=30),
    Column("gender", "Giới tính (Nam/Nữ)", ("gioi tinh", "gioi"), required=True, width=16),
    Column("date_of_birth", "Ngày sinh (dd/mm/yyyy)", ("ngay sinh", "ngay thang nam sinh"), width=18),
    Column("position", "Chức vụ", ("chuc vu", "chuc danh"), width=36),
    Column("unit", "Mã đơn vị", ("ma don vi", "don vi"), required=True, width=16, text=True),
    Column("email", "Thư điện tử", ("thu dien tu", "email", "e mail", "thu dien tu email"), width=30),
    Column("phone", "Điện thoại", ("dien thoai", "so dien thoai", "sdt", "dt"), width=16, text=True),
)

SHEETS = {
    "unit": (UNIT_SHEET, UNIT_COLUMNS, ("don vi", "danh sach don vi")),
    "official": (OFFICIAL_SHEET, OFFICIAL_COLUMNS, ("can bo", "can bo cong chuc", "danh sach can bo")),
}


def header_key(value) -> str:
    """ "Thuộc đơn vị (mã)" → "thuoc don vi": lower case, no diacritics, no notes in brackets."""
    text = fold(str(value or ""))
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return " ".join(text.split())


def match_columns(header_row, columns) -> tuple[dict[str, int], list[str]]:
    """Map each known field to its column index; returns (mapping, duplicated header labels)."""
    lookup = {}
    for column in columns:
        for alias in (header_key(column.header), *column.aliases):
            lookup.setdefault(alias, column.field)
    mapping: dict[str, int] = {}
    duplicates: list[str] = []
    for index, cell in enumerate(header_row):
        field = lookup.get(header_key(cell))
        if field is None:
            continue
        if field in mapping:
            duplicates.append(str(cell).strip())
            continue
        mapping[field] = index
    return mapping, duplicates
