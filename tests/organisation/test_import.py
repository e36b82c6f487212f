import io
import os
import unicodedata
import zipfile
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.models import AuditEntry
from organisation import services
from organisation.enums import ImportStatus
from organisation.importing import plan_for_bytes
from organisation.models import Official, OrganisationImport, Unit
from tests.factories import OfficialFactory, UnitFactory

from .conftest import build_xlsx, count_queries, upload

GOOD_UNITS = [
    ("tptn", "Phòng Thử nghiệm", "P. TN", "Phòng", "", "tptn@anhai.example.vn"),
    ("tptn-to1", "Tổ Một cửa thử nghiệm", "Tổ 1", "Tổ", "tptn", ""),
]
GOOD_OFFICIALS = [
    (
        "tn01",
        "Hoàng Văn Nam",
        "Nam",
        "05/02/1988",
        "Trưởng phòng",
        "tptn",
        "nam.hv@anhai.example.vn",
        "0905111222",
    ),
    ("tn02", "Lý Thị Hoa", "Nữ", datetime(1992, 11, 3), "Chuyên viên", "tptn-to1", "", 905333444),
]


def _preview_url(response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def _the_import() -> OrganisationImport:
    return OrganisationImport.objects.get()


def _confirm(client, organisation_import, digest=None):
    if digest is None:
        digest = plan_for_bytes(organisation_import.file.open("rb").read()).digest()
    return client.post(
        reverse("organisation:import_confirm", kwargs={"token": organisation_import.token}),
        {"digest": digest},
        follow=True,
    )


def test_good_file_preview_then_confirm_writes_rows(login, office_user):
    client = login(office_user)
    units_before, officials_before = Unit.objects.count(), Official.objects.count()

    preview = client.get(_preview_url(upload(client, build_xlsx(GOOD_UNITS, GOOD_OFFICIALS))))

    text = preview.content.decode()
    assert "Thêm mới" in text and "Phòng Thử nghiệm" in text and "Hoàng Văn Nam" in text
    assert "Xác nhận ghi vào hệ thống" in text
    # Nothing is written by the upload or the preview.
    assert (Unit.objects.count(), Official.objects.count()) == (units_before, officials_before)
    organisation_import = _the_import()
    assert organisation_import.status == ImportStatus.PENDING
    assert organisation_import.uploaded_by == office_user
    assert organisation_import.file.name.startswith("imports/") and organisation_import.file.name.endswith(
        ".xlsx"
    )

    response = _confirm(client, organisation_import)

    assert "Đã ghi dữ liệu vào hệ thống." in response.content.decode()
    team = Unit.objects.get(code="tptn-to1")
    assert team.parent == Unit.objects.get(code="tptn") and team.kind == "to"
    nam = Official.objects.get(code="tn01")
    assert (nam.full_name, nam.gender, nam.date_of_birth, nam.unit.code) == (
        "Hoàng Văn Nam",
        "male",
        date(1988, 2, 5),
        "tptn",
    )
    hoa = Official.objects.get(code="tn02")
    assert (hoa.gender, hoa.date_of_birth, hoa.unit, hoa.phone) == (
        "female",
        date(1992, 11, 3),
        team,
        "0905333444",
    )
    organisation_import.refresh_from_db()
    assert organisation_import.status == ImportStatus.APPLIED
    assert organisation_import.summary["officials"]["create"] == 2
    apply_audit = AuditEntry.objects.get(action="organisation_import_apply")
    assert apply_audit.actor == office_user and apply_audit.object_id == organisation_import.pk
    assert "Cán bộ: thêm mới 2" in apply_audit.note
    assert AuditEntry.objects.filter(action="import_create").count() == 4


def test_existing_rows_are_updated_or_left_unchanged(login, office_user, unit_a):
    kept = OfficialFactory(
        code="cb-giu", full_name="Trần Văn Giữ", unit=unit_a, position="Chuyên viên", email="", phone=""
    )
    moved = OfficialFactory(code="cb-doi", full_name="Phan Văn Đổi", unit=unit_a, position="Chuyên viên")
    units = [("ttphcc", "Trung tâm Phục vụ hành chính công (mới)", "", "Trung tâm", "", "")]
    officials = [
        ("cb-giu", "Trần Văn Giữ", "Nam", "", "Chuyên viên", "ttphcc", "", ""),
        ("cb-doi", "Phan Văn Đổi", "Nam", "", "Phó Giám đốc", "ttphcc", moved.email, ""),
    ]
    client = login(office_user)

    text = client.get(_preview_url(upload(client, build_xlsx(units, officials)))).content.decode()

    assert text.count("Cập nhật") >= 2 and "Không đổi" in text
    assert "Phó Giám đốc" in text  # the change is shown before it is written
    _confirm(client, _the_import())
    unit_a.refresh_from_db()
    moved.refresh_from_db()
    kept.refresh_from_db()
    assert unit_a.name == "Trung tâm Phục vụ hành chính công (mới)"
    assert moved.position == "Phó Giám đốc"
    assert kept.position == "Chuyên viên"
    assert AuditEntry.objects.filter(action="import_update").count() == 2  # the unit and one official


def test_bad_rows_are_listed_in_vietnamese_and_nothing_is_written(login, office_user, unit_a):
    units = [
        ("", "Đơn vị không mã", "", "Phòng", "", ""),  # row 2
        ("vong-a", "Vòng A", "", "Tổ", "vong-b", ""),  # row 3
        ("vong-b", "Vòng B", "", "Tổ", "vong-a", ""),  # row 4
        ("tu-than", "Tự thân", "", "Phòng", "tu-than", ""),  # row 5
        ("ma-trung", "Mã trùng", "", "Loại lạ", "", "khong-phai-email"),  # row 6
        ("ma-trung", "Mã trùng lần hai", "", "Phòng", "", ""),  # row 7
        ("Phòng Mới", "X" * 201, "", "Phòng", "khong-co", ""),  # row 8
    ]
    officials = [
        ("cb1", "", "Nam", "", "", "ttphcc", "", ""),  # row 2
        ("cb2", "Ngô Văn Giới", "Không rõ", "", "", "ttphcc", "", ""),  # row 3
        ("cb3", "Ngô Văn Ngày", "Nam", "31/02/1990", "", "ttphcc", "", ""),  # row 4
        ("cb4", "Ngô Văn Đơn", "Nam", "", "", "khong-ton-tai", "", ""),  # row 5
        ("cb5", "Ngô Văn Thư", "Nam", "", "", "ttphcc", "a@b", ""),  # row 6
        ("cb5", "Ngô Văn Trùng", "Nam", "", "", "ttphcc", "", ""),  # row 7
        ("", "Ngô Văn Khóa", "Nam", "", "", "ttphcc", "", ""),  # row 8
        ("cb8", "N" * 121, "Nữ", "01/01/2999", "", "ttphcc", "", ""),  # row 9
    ]
    client = login(office_user)
    units_before, officials_before = Unit.objects.count(), Official.objects.count()

    response = client.get(_preview_url(upload(client, build_xlsx(units, officials))))

    text = response.content.decode()
    expected = [
        "Thiếu mã đơn vị.",
        "Vòng lặp đơn vị cấp trên: vong-a → vong-b → vong-a.",
        "Đơn vị không thể thuộc chính nó",
        "Loại đơn vị “Loại lạ” không hợp lệ",
        "Thư điện tử “khong-phai-email” không hợp lệ.",
        "Mã đơn vị “ma-trung” đã có ở dòng 6 của trang này.",
        "Mã đơn vị “phòng mới” chỉ được gồm chữ không dấu",
        "Gợi ý: “phong-moi”",
        "Tên đơn vị dài 201 ký tự, vượt quá 200 ký tự.",
        "Không tìm thấy đơn vị cấp trên có mã “khong-co”",
        "Thiếu họ và tên.",
        "Giới tính “Không rõ” không hợp lệ; ghi “Nam” hoặc “Nữ”.",
        "Ngày sinh “31/02/1990” không đúng dạng ngày/tháng/năm (dd/mm/yyyy).",
        "Không tìm thấy đơn vị có mã “khong-ton-tai”",
        "Thư điện tử “a@b” không hợp lệ.",
        "Mã cán bộ “cb5” đã có ở dòng 6 của trang này.",
        "Cần có mã cán bộ hoặc thư điện tử",
        "Họ và tên dài 121 ký tự, vượt quá 120 ký tự.",
        "Ngày sinh 01/01/2999 ở sau ngày hôm nay.",
    ]
    missing = [message for message in expected if message not in text]
    assert not missing
    # Each error names its sheet and row.
    assert "Trang “Đơn vị”, dòng 3" in text and "Trang “Cán bộ”, dòng 9" in text
    assert "Xác nhận ghi vào hệ thống" not in text
    plan = plan_for_bytes(_the_import().file.open("rb").read())
    errors_by_row = {(row.kind, row.number): row.errors for row in plan.rows}
    assert errors_by_row[("unit", 3)] and errors_by_row[("unit", 4)]
    assert errors_by_row[("official", 5)] == [
        "Không tìm thấy đơn vị có mã “khong-ton-tai” trong hệ thống hay trong trang Đơn vị."
    ]
    assert (Unit.objects.count(), Official.objects.count()) == (units_before, officials_before)


def test_confirm_is_refused_while_any_row_has_an_error(login, office_user, unit_a):
    client = login(office_user)
    data = build_xlsx(None, [("cb1", "Ngô Văn Giới", "Không rõ", "", "", "ttphcc", "", "")])
    upload(client, data)
    organisation_import = _the_import()

    response = _confirm(client, organisation_import, digest=plan_for_bytes(data).digest())

    assert "Tệp còn 1 lỗi" in response.content.decode()
    assert not Official.objects.filter(code="cb1").exists()
    organisation_import.refresh_from_db()
    assert organisation_import.status == ImportStatus.PENDING
    assert not AuditEntry.objects.filter(action="organisation_import_apply").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 not a workbook", "không phải là bảng tính Excel (.xlsx) hợp lệ"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "định dạng Excel cũ (.xls)"),
        (b"Ma don vi;Ten don vi\nvhxh;Phong VH-XH\n", "không phải là bảng tính Excel (.xlsx) hợp lệ"),
        (b"", "Tệp rỗng"),
    ],
)
def test_a_renamed_non_xlsx_file_is_refused(login, office_user, data, message):
    client = login(office_user)

    response = upload(client, data, name="danh-sach.xlsx")

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OrganisationImport.objects.exists()


def test_a_plain_zip_named_xlsx_is_refused(login, office_user):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ghi-chu.txt", "không phải bảng tính")
    client = login(office_user)

    response = upload(client, buffer.getvalue())

    assert "không phải là bảng tính Excel (.xlsx) hợp lệ" in response.content.decode()
    assert not OrganisationImport.objects.exists()


def test_a_file_over_the_size_limit_is_refused(login, office_user, settings):
    settings.ORGANISATION_IMPORT_MAX_BYTES = 2000
    client = login(office_user)

    response = upload(client, build_xlsx(GOOD_UNITS, GOOD_OFFICIALS))

    assert "Tệp quá lớn" in response.content.decode()
    assert not OrganisationImport.objects.exists()


def test_a_workbook_without_the_sheets_is_explained(login, office_user):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Trang tính 1"
    workbook.active.append(["Cột A", "Cột B"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = login(office_user)

    text = client.get(_preview_url(upload(client, buffer.getvalue()))).content.decode()

    assert "Tệp không có trang tính “Đơn vị” hoặc “Cán bộ”" in text
    assert "Xác nhận ghi vào hệ thống" not in text


def test_missing_required_column_is_named(login, office_user):
    data = build_xlsx(units=[("x", "Phòng X")], unit_headers=["Mã đơn vị", "Tên viết tắt"])
    client = login(office_user)

    text = client.get(_preview_url(upload(client, data))).content.decode()

    assert "Trang “Đơn vị” thiếu cột bắt buộc: “Tên đơn vị”" in text


def test_double_confirm_writes_once(login, office_user):
    client = login(office_user)
    upload(client, build_xlsx(GOOD_UNITS, GOOD_OFFICIALS))
    organisation_import = _the_import()
    digest = plan_for_bytes(organisation_import.file.open("rb").read()).digest()

    _confirm(client, organisation_import, digest)
    second = _confirm(client, organisation_import, digest)

    assert "đã được ghi vào hệ thống; không ghi lại lần nữa" in second.content.decode()
    assert Official.objects.filter(code__in=["tn01", "tn02"]).count() == 2
    assert Unit.objects.filter(code__startswith="tptn").count() == 2
    assert AuditEntry.objects.filter(action="organisation_import_apply").count() == 1
    assert AuditEntry.objects.filter(action="import_create").count() == 4


def test_the_apply_service_claims_the_import_once(office_user):
    organisation_import = services.organisation_import_create(
        actor=office_user, data=build_xlsx(GOOD_UNITS, GOOD_OFFICIALS), filename="ds.xlsx"
    )

    services.organisation_import_apply(import_id=organisation_import.pk, actor=office_user)
    with pytest.raises(DomainError):
        services.organisation_import_apply(import_id=organisation_import.pk, actor=office_user)

    assert Official.objects.filter(code="tn01").count() == 1


def test_another_user_cannot_confirm_or_see_my_import(login, office_user, admin_user):
    client = login(office_user)
    upload(client, build_xlsx(GOOD_UNITS, GOOD_OFFICIALS))
    organisation_import = _the_import()
    digest = plan_for_bytes(organisation_import.file.open("rb").read()).digest()
    kwargs = {"token": organisation_import.token}

    other = login(admin_user)
    assert other.get(reverse("organisation:import_preview", kwargs=kwargs)).status_code == 404
    assert (
        other.post(reverse("organisation:import_confirm", kwargs=kwargs), {"digest": digest}).status_code
        == 404
    )
    assert other.post(reverse("organisation:import_discard", kwargs=kwargs)).status_code == 404
    with pytest.raises(DomainError, match="do chính mình tải lên"):
        services.organisation_import_apply(import_id=organisation_import.pk, actor=admin_user)

    organisation_import.refresh_from_db()
    assert organisation_import.status == ImportStatus.PENDING
    assert not Official.objects.filter(code="tn01").exists()


def test_a_stale_import_is_refused(login, office_user):
    client = login(office_user)
    upload(client, build_xlsx(GOOD_UNITS, GOOD_OFFICIALS))
    organisation_import = _the_import()
    digest = plan_for_bytes(organisation_import.file.open("rb").read()).digest()

    with time_machine.travel(datetime.now() + timedelta(hours=25)):
        preview = client.get(
            reverse("organisation:import_preview", kwargs={"token": organisation_import.token})
        )
        response = _confirm(client, organisation_import, digest)

    assert "Xác nhận ghi vào hệ thống" not in preview.content.decode()
    assert "đã quá hạn" in response.content.decode()
    assert not Official.objects.filter(code="tn01").exists()


def test_confirm_is_refused_when_the_database_changed_since_the_preview(login, office_user, unit_a):
    client = login(office_user)
    upload(client, build_xlsx(None, [("cb-moi", "Đinh Văn Mới", "Nam", "", "Chuyên viên", "ttphcc", "", "")]))
    organisation_import = _the_import()
    digest = plan_for_bytes(organisation_import.file.open("rb").read()).digest()
    OfficialFactory(code="cb-moi", full_name="Đinh Văn Mới", unit=unit_a, position="Giám đốc")

    response = _confirm(client, organisation_import, digest)

    assert "đã thay đổi từ lúc xem trước" in response.content.decode()
    assert Official.objects.get(code="cb-moi").position == "Giám đốc"


def test_a_decomposed_name_is_stored_nfc(login, office_user, unit_a):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")
    assert decomposed != "Nguyễn Thị Ánh Tuyết"
    client = login(office_user)
    upload(client, build_xlsx(None, [("cb-nfd", decomposed, "Nữ", "", "Chuyên viên", "ttphcc", "", "")]))

    _confirm(client, _the_import())

    official = Official.objects.get(code="cb-nfd")
    assert official.full_name == "Nguyễn Thị Ánh Tuyết"
    assert unicodedata.is_normalized("NFC", official.full_name)
    assert official.search_key == "nguyen thi anh tuyet"


def test_units_defined_in_the_file_can_be_parents_and_units_of_officials(login, office_user):
    units = [
        ("moi-to", "Tổ mới", "", "", "moi", ""),  # the parent comes later in the file
        ("moi", "Phòng mới", "", "Phòng", "", ""),
    ]
    officials = [("cb-to", "Vũ Văn Tổ", "Nam", "", "", "moi-to", "", "")]
    client = login(office_user)
    text = client.get(_preview_url(upload(client, build_xlsx(units, officials)))).content.decode()
    assert "Lỗi:" not in text

    _confirm(client, _the_import())

    team = Unit.objects.get(code="moi-to")
    assert team.parent.code == "moi" and team.kind == "to"
    assert Official.objects.get(code="cb-to").unit == team


def test_a_team_cannot_hold_a_team(login, office_user):
    parent = UnitFactory(code="cha")
    UnitFactory(code="con", parent=parent, kind="to")
    client = login(office_user)

    text = client.get(
        _preview_url(upload(client, build_xlsx([("chau", "Tổ cháu", "", "Tổ", "con", "")], None)))
    ).content.decode()

    assert "Đơn vị cấp trên “con” lại thuộc đơn vị khác" in text


def test_headers_match_without_case_or_diacritics(login, office_user, unit_a):
    data = build_xlsx(
        [("KHONGDAU", "Phòng Không Dấu")],
        [("cb-kd", "Đỗ Văn Khá", "nu", "1990-04-30", "ttphcc")],
        unit_headers=["MA DON VI", "ten don vi"],
        official_headers=["ma can bo", "HO VA TEN", "gioi tinh", "Ngay sinh", "Ma Don Vi"],
    )
    client = login(office_user)
    upload(client, data)

    _confirm(client, _the_import())

    assert Unit.objects.get(code="khongdau").name == "Phòng Không Dấu"
    official = Official.objects.get(code="cb-kd")
    assert (official.gender, official.date_of_birth) == ("female", date(1990, 4, 30))


def test_official_without_code_is_matched_by_email(login, office_user, unit_a):
    existing = OfficialFactory(
        code=None, full_name="Tôn Nữ Thư", gender="female", email="thu.tn@anhai.example.vn", unit=unit_a
    )
    client = login(office_user)
    data = build_xlsx(
        None, [("", "Tôn Nữ Thư", "Nữ", "", "Phó Giám đốc", "ttphcc", "THU.TN@anhai.example.vn", "")]
    )
    upload(client, data)

    _confirm(client, _the_import())

    existing.refresh_from_db()
    assert existing.position == "Phó Giám đốc"
    assert Official.objects.filter(full_name="Tôn Nữ Thư").count() == 1


def test_excel_date_serial_numbers_are_read_as_dates(login, office_user, unit_a):
    client = login(office_user)
    upload(client, build_xlsx(None, [("cb-so", "Hà Văn Số", "Nam", 32874, "", "ttphcc", "", "")]))

    _confirm(client, _the_import())

    assert Official.objects.get(code="cb-so").date_of_birth == date(1990, 1, 1)


def test_discarding_writes_nothing_and_removes_the_file(
    login, office_user, django_capture_on_commit_callbacks
):
    client = login(office_user)
    upload(client, build_xlsx(GOOD_UNITS, GOOD_OFFICIALS))
    organisation_import = _the_import()
    path = organisation_import.file.path

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("organisation:import_discard", kwargs={"token": organisation_import.token}))

    organisation_import.refresh_from_db()
    assert organisation_import.status == ImportStatus.DISCARDED
    assert not Unit.objects.filter(code="tptn").exists()
    assert not os.path.exists(path)


def test_the_template_workbook_has_both_sheets_and_imports_cleanly(login, admin_user):
    client = login(admin_user)

    response = client.get(reverse("organisation:import_template"))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:2] == ["Đơn vị", "Cán bộ"]
    assert [c.value for c in workbook["Đơn vị"][1]][:2] == ["Mã đơn vị", "Tên đơn vị"]
    plan = plan_for_bytes(response.content)
    assert not plan.has_errors, [row.errors for row in plan.error_rows] + plan.file_errors
    assert plan.counts()["units"]["create"] == 3 and plan.counts()["officials"]["create"] == 2


def test_recent_imports_are_listed_for_their_owner_only(login, office_user, admin_user):
    services.organisation_import_create(
        actor=admin_user, data=build_xlsx(GOOD_UNITS, None), filename="cua-admin.xlsx"
    )
    services.organisation_import_create(
        actor=office_user, data=build_xlsx(GOOD_UNITS, None), filename="cua-toi.xlsx"
    )
    client = login(office_user)

    text = client.get(reverse("organisation:import")).content.decode()

    assert "cua-toi.xlsx" in text and "cua-admin.xlsx" not in text


def test_upload_page_lists_recent_imports_in_constant_queries(login, office_user, django_assert_num_queries):
    client = login(office_user)
    url = reverse("organisation:import")
    services.organisation_import_create(
        actor=office_user, data=build_xlsx(GOOD_UNITS, None), filename="a.xlsx"
    )
    small = count_queries(client, url)
    for _ in range(6):
        services.organisation_import_create(
            actor=office_user, data=build_xlsx(GOOD_UNITS, None), filename="b.xlsx"
        )

    with django_assert_num_queries(small):
        response = client.get(url)

    assert response.content.decode().count("b.xlsx") == 6
    assert small <= 10


def test_an_official_without_a_code_gets_the_code_from_the_file(login, office_user, unit_a):
    existing = OfficialFactory(code=None, full_name="Lạc Văn Mã", email="ma.lv@anhai.example.vn", unit=unit_a)
    client = login(office_user)
    upload(
        client,
        build_xlsx(
            None, [("cb-ma", "Lạc Văn Mã", "Nam", "", "Chuyên viên", "ttphcc", "ma.lv@anhai.example.vn", "")]
        ),
    )

    _confirm(client, _the_import())

    existing.refresh_from_db()
    assert existing.code == "cb-ma"
    assert Official.objects.filter(full_name="Lạc Văn Mã").count() == 1


def test_a_unit_name_taken_under_the_same_parent_is_refused(login, office_user, unit_a):
    client = login(office_user)
    data = build_xlsx([("ttphcc-2", "trung tâm phục vụ hành chính công", "", "Trung tâm", "", "")], None)

    text = client.get(_preview_url(upload(client, data))).content.decode()

    assert "Tên đơn vị “trung tâm phục vụ hành chính công” đã dùng cho đơn vị mã “ttphcc” cùng cấp." in text


def test_an_unreadable_value_shows_an_error_but_no_change(login, office_user, unit_a):
    OfficialFactory(code="cb-x", full_name="Mạc Văn Ích", unit=unit_a, date_of_birth=date(1980, 1, 1))
    client = login(office_user)
    data = build_xlsx(
        None, [("cb-x", "Mạc Văn Ích", "Không rõ", "ngày xưa", "Chuyên viên", "ttphcc", "", "")]
    )
    upload(client, data)

    plan = plan_for_bytes(_the_import().file.open("rb").read())

    (row,) = plan.officials
    assert len(row.errors) == 2
    assert {change.label for change in row.changes} <= {"Thư điện tử", "Điện thoại"}


def test_stale_pending_imports_are_purged_and_applied_ones_kept(
    office_user, django_capture_on_commit_callbacks
):
    from organisation.tasks import purge_stale_imports

    with time_machine.travel(datetime.now() - timedelta(days=2)):
        old = services.organisation_import_create(
            actor=office_user, data=build_xlsx(GOOD_UNITS, None), filename="cu.xlsx"
        )
        applied = services.organisation_import_create(
            actor=office_user, data=build_xlsx(GOOD_UNITS, None), filename="da-ghi.xlsx"
        )
        services.organisation_import_apply(import_id=applied.pk, actor=office_user)
    fresh = services.organisation_import_create(
        actor=office_user, data=build_xlsx(GOOD_UNITS, None), filename="moi.xlsx"
    )
    old_path = old.file.path

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_stale_imports.delay().get() == 1
    assert purge_stale_imports.delay().get() == 0

    old.refresh_from_db()
    applied.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, old.file.name) == (ImportStatus.DISCARDED, "")
    assert not os.path.exists(old_path)
    assert applied.status == ImportStatus.APPLIED and os.path.exists(applied.file.path)
    assert fresh.status == ImportStatus.PENDING and os.path.exists(fresh.file.path)


def test_the_admin_lists_imports_read_only(login, admin_user, office_user):
    services.organisation_import_create(
        actor=office_user, data=build_xlsx(GOOD_UNITS, None), filename="ds-admin.xlsx"
    )
    client = login(admin_user)

    listing = client.get(reverse("admin:organisation_organisationimport_changelist"))

    assert listing.status_code == 200 and "ds-admin.xlsx" in listing.content.decode()
    assert client.get(reverse("admin:organisation_organisationimport_add")).status_code == 403


def test_the_browser_path_is_stripped_from_the_file_name(login, office_user):
    client = login(office_user)

    upload(client, build_xlsx(GOOD_UNITS, None), name="C:\\fakepath\\Danh sách.xlsx")

    assert _the_import().original_name == "Danh sách.xlsx"


@pytest.mark.django_db(transaction=True)
def test_two_confirms_racing_write_once(office_user):
    """Two requests confirming at the same moment: the conditional UPDATE lets exactly one through."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (SQLite serialises the whole database)")
    organisation_import = services.organisation_import_create(
        actor=office_user, data=build_xlsx(GOOD_UNITS, GOOD_OFFICIALS), filename="dua.xlsx"
    )
    barrier = threading.Barrier(2)
    outcomes = []

    def confirm():
        try:
            barrier.wait()
            services.organisation_import_apply(import_id=organisation_import.pk, actor=office_user)
            outcomes.append("written")
        except DomainError as exc:
            outcomes.append(str(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(outcomes) == 2 and outcomes.count("written") == 1, outcomes
    assert Official.objects.filter(code__in=["tn01", "tn02"]).count() == 2
    assert AuditEntry.objects.filter(action="organisation_import_apply").count() == 1


def test_preview_query_count_does_not_grow_with_rows(login, office_user, unit_a, django_assert_num_queries):
    def rows(n):
        return [
            (f"cb{i:03d}", f"Ngô Văn Thử {i}", "Nam", "", "", "ttphcc", f"thu{i}@anhai.example.vn", "")
            for i in range(n)
        ]

    for i in range(0, 30, 2):  # half of the bigger file updates existing officials
        OfficialFactory(code=f"cb{i:03d}", full_name=f"Ngô Văn Thử {i}", unit=unit_a)
    client = login(office_user)
    small_import = services.organisation_import_create(
        actor=office_user, data=build_xlsx(None, rows(2)), filename="nho.xlsx"
    )
    big_import = services.organisation_import_create(
        actor=office_user, data=build_xlsx([("moi", "Phòng mới")], rows(30)), filename="lon.xlsx"
    )
    small = count_queries(
        client, reverse("organisation:import_preview", kwargs={"token": small_import.token})
    )

    with django_assert_num_queries(small):
        response = client.get(reverse("organisation:import_preview", kwargs={"token": big_import.token}))

    counts = response.context["counts"]
    assert counts["officials"]["update"] == 15 and counts["officials"]["create"] == 15


def _ooxml_zip(workbook_xml: str) -> bytes:
    """A zip that passes the byte checks (OOXML content types) but whose workbook part is `workbook_xml`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument'
            '.spreadsheetml.sheet.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr("xl/workbook.xml", workbook_xml)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "workbook_xml",
    [
        "<workbook><sheets><sheet name='Đơn vị'",  # truncated XML
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        "<workbook>&lol2;</workbook>",  # entity expansion ("billion laughs"), refused by defusedxml
    ],
)
def test_a_broken_or_hostile_workbook_is_reported_not_crashed(login, office_user, workbook_xml):
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML, "openpyxl must parse uploads through defusedxml"
    client = login(office_user)

    response = client.get(_preview_url(upload(client, _ooxml_zip(workbook_xml))))

    assert "Không đọc được nội dung tệp Excel" in response.content.decode()
    assert "Xác nhận ghi vào hệ thống" not in response.content.decode()


def test_submitting_without_a_file_asks_for_one(login, office_user):
    response = login(office_user).post(reverse("organisation:import"), {})

    assert "Hãy chọn tệp Excel (.xlsx) cần nhập." in response.content.decode()
    assert not OrganisationImport.objects.exists()
