import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

UNIT_HEADERS = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Tên viết tắt",
    "Loại (Phòng/Trung tâm/Đơn vị/Tổ)",
    "Thuộc đơn vị (mã)",
    "Thư điện tử",
]
OFFICIAL_HEADERS = [
    "Mã cán bộ",
    "Họ và tên",
    "Giới tính (Nam/Nữ)",
    "Ngày sinh (dd/mm/yyyy)",
    "Chức vụ",
    "Mã đơn vị",
    "Thư điện tử",
    "Điện thoại",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded workbooks go to a throw-away MEDIA_ROOT; the cast's passwords hash fast."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings.MEDIA_ROOT


def build_xlsx(
    units=None, officials=None, *, unit_headers=UNIT_HEADERS, official_headers=OFFICIAL_HEADERS
) -> bytes:
    """An .xlsx in memory; `units`/`officials` are lists of rows (None leaves the sheet out)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    if units is not None:
        sheet = workbook.create_sheet("Đơn vị")
        sheet.append(unit_headers)
        for row in units:
            sheet.append(list(row))
    if officials is not None:
        sheet = workbook.create_sheet("Cán bộ")
        sheet.append(official_headers)
        for row in officials:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, data: bytes, name: str = "danh-sach.xlsx"):
    from django.urls import reverse

    return client.post(
        reverse("organisation:import"), {"file": SimpleUploadedFile(name, data, content_type=XLSX)}
    )


def count_queries(client, url) -> int:
    """Queries one GET of `url` makes (the base layout's own queries belong to other apps)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)
