"""A unit's document code (ký hiệu văn bản): set by the office in the admin or the .xlsx import, NFC, upper case,
Vietnamese letters kept, letters and digits only, one unit per code; the demo units have real-looking codes."""

import unicodedata

import pytest
from django.core.management import call_command

from organisation.forms import UnitForm
from organisation.importing import plan_for_bytes
from organisation.models import Unit
from organisation.text import document_code_problem

from .conftest import build_xlsx

HEADERS = ["Mã đơn vị", "Tên đơn vị", "Ký hiệu văn bản"]


def _form(unit, code):
    data = {
        "name": unit.name,
        "short_name": unit.short_name,
        "code": unit.code,
        "document_code": code,
        "kind": unit.kind,
        "parent": "",
        "email": unit.email,
        "order": unit.order,
        "is_active": "on",
    }
    return UnitForm(data, instance=unit)


def test_code_keeps_vietnamese_letters_in_nfc_upper_case(unit_a):
    decomposed = unicodedata.normalize("NFD", "vphđnd")
    form = _form(unit_a, decomposed)
    assert form.is_valid(), form.errors
    form.save()
    unit_a.refresh_from_db()
    assert unit_a.document_code == "VPHĐND"
    assert unicodedata.is_normalized("NFC", unit_a.document_code)


@pytest.mark.parametrize("code", ["TT-SNC", "TT SNC", "TT/SNC", "1TTSNC"])
def test_code_with_other_characters_is_refused_in_vietnamese(unit_a, code):
    form = _form(unit_a, code)
    assert not form.is_valid()
    assert "Ký hiệu văn bản" in form.errors["document_code"][0]
    assert document_code_problem(code)


def test_code_is_unique_whatever_its_case(unit_a, unit_b):
    unit_b.document_code = "TTSNC"
    unit_b.save()
    form = _form(unit_a, "ttsnc")
    assert not form.is_valid()
    assert form.errors["document_code"] == [f"Ký hiệu văn bản “TTSNC” đã dùng cho {unit_b.name}."]


def test_import_reads_checks_and_plans_the_document_code(unit_a, unit_b):
    unit_b.document_code = "CAP"
    unit_b.save()
    rows = [
        (unit_a.code, unit_a.name, "ttpvhcc"),
        ("moi1", "Phòng Mới Một", "CAP"),  # another unit's code
        ("moi2", "Phòng Mới Hai", "PM-2"),  # a dash
    ]
    plan = plan_for_bytes(build_xlsx(rows, unit_headers=HEADERS))
    by_key = {row.key: row for row in plan.units}
    assert by_key[unit_a.code].values["document_code"] == "TTPVHCC"
    assert any(c.new == "TTPVHCC" for c in by_key[unit_a.code].changes)
    assert by_key["moi1"].errors == [f"Ký hiệu văn bản “CAP” đã dùng cho đơn vị mã “{unit_b.code}”."]
    assert "chỉ gồm chữ cái" in by_key["moi2"].errors[0]


def test_demo_units_have_real_looking_codes(db):
    call_command("seed_anhai", verbosity=0)
    codes = dict(Unit.objects.filter(parent__isnull=True).values_list("code", "document_code"))
    assert codes["ttsnc"] == "TTSNC" and codes["vp"] == "VPHĐND"
    assert all(codes.values())


def test_office_sets_the_code_from_the_directory_with_an_audit_row(login, office_user, unit_a):
    from django.urls import reverse

    from anhai_thidua.core.models import AuditEntry

    client = login(office_user)
    directory = client.get(reverse("organisation:directory"), {"don_vi": unit_a.code}).content.decode()
    url = reverse("organisation:unit_document_code", args=[unit_a.code])
    assert url in directory
    response = client.post(url, {"document_code": "ttpvhcc"})
    assert response.status_code == 302
    unit_a.refresh_from_db()
    assert unit_a.document_code == "TTPVHCC"
    assert AuditEntry.objects.get(action="unit_document_code").note == "— → TTPVHCC"
    page = client.post(url, {"document_code": "TT PV"}).content.decode()
    assert "Ký hiệu văn bản chỉ gồm chữ cái" in page and 'value="TT PV"' in page
    unit_a.refresh_from_db()
    assert unit_a.document_code == "TTPVHCC"


def test_only_the_office_sets_a_code(login, head_a, unit_a):
    from django.urls import reverse

    response = login(head_a).post(
        reverse("organisation:unit_document_code", args=[unit_a.code]), {"document_code": "X"}
    )
    assert response.status_code == 403
