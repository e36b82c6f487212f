"""Checks on the uploaded bytes, and the downloadable template workbook."""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from anhai_thidua.core.spreadsheets import workbook_bytes
from anhai_thidua.core.uploads import check_office_file

from .columns import OFFICIAL_COLUMNS, OFFICIAL_SHEET, UNIT_COLUMNS, UNIT_SHEET

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# A zip bomb stays small on the wire; refuse workbooks that would expand past this.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
XLSX_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ImportFileError(Exception):
    """The upload is not a usable .xlsx; the message is Vietnamese and shown as it is."""


def max_upload_bytes() -> int:
    return min(
        getattr(settings, "ORGANISATION_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES), settings.UPLOAD_MAX_BYTES
    )


def check_xlsx_bytes(data: bytes) -> None:
    """Refuse anything that is not a real Office Open XML workbook, whatever its name says."""
    limit = max_upload_bytes()
    if not data:
        raise ImportFileError(_("Tệp rỗng, không có nội dung."))
    if len(data) > limit:
        raise ImportFileError(
            _("Tệp quá lớn (%(size)s); chỉ nhận tệp tối đa %(limit)s.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(limit)}
        )
    if data.startswith(OLE_MAGIC):
        raise ImportFileError(
            _(
                "Tệp là định dạng Excel cũ (.xls) hoặc đã đặt mật khẩu. Hãy mở tệp, bỏ mật khẩu nếu có, "
                "rồi lưu lại dưới dạng “Excel Workbook (.xlsx)”."
            )
        )
    not_xlsx = ImportFileError(
        _("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ. Hãy dùng tệp mẫu và lưu dưới dạng .xlsx.")
    )
    if not data.startswith(b"PK\x03\x04"):
        raise not_xlsx
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
                raise not_xlsx
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
                raise ImportFileError(_("Tệp chứa quá nhiều dữ liệu sau khi giải nén; hãy chia nhỏ tệp."))
            content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
            if archive.testzip() is not None:
                raise not_xlsx
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError, ValueError) as exc:
        raise not_xlsx from exc
    if XLSM_MAIN_TYPE in content_types:
        raise ImportFileError(_("Tệp có macro (.xlsm) không được nhận; hãy lưu lại dưới dạng .xlsx."))
    if XLSX_MAIN_TYPE not in content_types:
        raise not_xlsx
    try:  # macros, OLE objects, external links: the checks every upload gets (core.uploads)
        check_office_file(io.BytesIO(data), name=_("tệp"), kind="xlsx")
    except ValidationError as exc:
        raise ImportFileError(" ".join(exc.messages)) from exc


_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="8B1A1A")

UNIT_EXAMPLES = [
    ("vhxh", "Phòng Văn hóa - Xã hội", "Phòng VH-XH", "VHXH", "Phòng", "", "vhxh@anhai.example.vn"),
    ("ttphcc", "Trung tâm Phục vụ hành chính công", "TT PVHCC", "TTPVHCC", "Trung tâm", "", ""),
    ("ttphcc-motcua", "Tổ Tiếp nhận và trả kết quả", "Tổ Một cửa", "", "Tổ", "ttphcc", ""),
]
OFFICIAL_EXAMPLES = [
    (
        "cb001",
        "Nguyễn Văn An",
        "Nam",
        "15/03/1985",
        "Chuyên viên",
        "vhxh",
        "an.nv@anhai.example.vn",
        "0905123456",
    ),
    ("cb002", "Trần Thị Bình", "Nữ", "02/11/1990", "Tổ trưởng", "ttphcc-motcua", "", ""),
]

INSTRUCTIONS = [
    "HƯỚNG DẪN NHẬP ĐƠN VỊ, CÁN BỘ",
    "1. Giữ nguyên tên hai trang “Đơn vị” và “Cán bộ” và dòng tiêu đề; xóa các dòng ví dụ rồi nhập dữ liệu từ dòng 2.",
    "2. Trang “Đơn vị”: Mã đơn vị (chữ không dấu, số, dấu gạch ngang) và Tên đơn vị là bắt buộc.",
    "   Ký hiệu văn bản: chữ viết tắt của đơn vị trong ký hiệu văn bản (giữ dấu tiếng Việt), ví dụ TTSNC, VPHĐND.",
    "   Loại: Phòng, Trung tâm, Đơn vị hoặc Tổ. Tổ ghi mã đơn vị mà tổ trực thuộc ở cột “Thuộc đơn vị (mã)”.",
    "3. Trang “Cán bộ”: Họ và tên, Giới tính (Nam/Nữ) và Mã đơn vị là bắt buộc;",
    "   cần Mã cán bộ hoặc Thư điện tử để hệ thống nhận ra cán bộ khi nhập lại.",
    "   Ngày sinh ghi dạng dd/mm/yyyy (ví dụ 05/02/1988) hoặc dùng ô kiểu ngày của Excel.",
    "4. Đơn vị được nhận theo mã; cán bộ theo mã cán bộ (hoặc theo thư điện tử khi không có mã).",
    "   Dòng đã có trong hệ thống sẽ được cập nhật; ô để trống sẽ xóa giá trị cũ của cột đó.",
    "5. Sau khi tải lên, hệ thống hiển thị bảng xem trước và các lỗi theo từng dòng.",
    "   Không có gì được ghi cho đến khi bạn bấm “Xác nhận ghi vào hệ thống”.",
]


def _fill_sheet(sheet, columns, examples) -> None:
    sheet.append([column.header for column in columns])
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in examples:
        sheet.append(list(row))
    for index, column in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = column.width
        if column.text:
            for row in range(2, 1001):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"


def template_workbook() -> bytes:
    """The template users fill in: sheets “Đơn vị” and “Cán bộ” with example rows, and instructions."""
    workbook = Workbook()
    units = workbook.active
    units.title = UNIT_SHEET
    _fill_sheet(units, UNIT_COLUMNS, UNIT_EXAMPLES)
    kinds = DataValidation(type="list", formula1='"Phòng,Trung tâm,Đơn vị,Tổ"', allow_blank=True)
    units.add_data_validation(kinds)
    kinds.add("E2:E1000")

    officials = workbook.create_sheet(OFFICIAL_SHEET)
    _fill_sheet(officials, OFFICIAL_COLUMNS, OFFICIAL_EXAMPLES)
    genders = DataValidation(type="list", formula1='"Nam,Nữ"', allow_blank=False)
    officials.add_data_validation(genders)
    genders.add("C2:C1000")

    guide = workbook.create_sheet("Hướng dẫn")
    for line in INSTRUCTIONS:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 110

    return workbook_bytes(workbook)
