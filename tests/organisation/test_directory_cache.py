"""The directory's unit filter and officials come from the cache (organisation/views.py `_directory_part`) until
a unit or an official changes: then at once, through a service or a plain save (as the admin and the imports
do); never across searches, units, pages or languages."""

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisation import services
from tests.factories import OfficialFactory, UnitFactory

pytestmark = pytest.mark.usefixtures("page_cache")


def _get(client, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("organisation:directory"), params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_directory_reads_its_parts_from_the_cache_at_two_sizes(login, office_user, unit_a):
    client = login(office_user)
    OfficialFactory(full_name="Nguyễn Văn Hùng", unit=unit_a)
    missed, _body = _get(client, {"q": "nguyen"})
    hit, body = _get(client, {"q": "nguyen"})
    assert hit < missed and "Nguyễn Văn Hùng" in body
    for n in range(5):
        OfficialFactory(full_name=f"Nguyễn Văn Mới {n}", unit=UnitFactory())
    missed_again, body = _get(client, {"q": "nguyen"})  # the new officials made the entry stale
    assert missed_again == missed and "Nguyễn Văn Mới 4" in body
    assert _get(client, {"q": "nguyen"})[0] == hit


def test_directory_shows_unit_and_official_changes_at_once(login, office_user, unit_a):
    client = login(office_user)
    official = OfficialFactory(full_name="Trần Thị Hồng", unit=unit_a, position="Chuyên viên")
    body = _get(client, {"don_vi": unit_a.code})[1]
    assert "Chuyên viên" in body and "Ký hiệu văn bản: —" in body

    official.position = "Phó Giám đốc"
    official.save()
    assert "Phó Giám đốc" in _get(client, {"don_vi": unit_a.code})[1]

    unit_a.name = "Trung tâm <đổi tên>"
    unit_a.save()
    body = _get(client, {"don_vi": unit_a.code})[1]
    assert "<span>Trung tâm &lt;đổi tên&gt;</span>" in body and "— Trung tâm &lt;đổi tên&gt;" in body

    services.unit_set_document_code(unit=unit_a, actor=office_user, code="TTMOI")
    assert "Ký hiệu văn bản: TTMOI" in _get(client, {"don_vi": unit_a.code})[1]

    official.is_active = False
    official.save()
    assert "Trần Thị Hồng" not in _get(client, {"don_vi": unit_a.code})[1]
    OfficialFactory(full_name="Lê Văn Mới", unit=unit_a)
    assert "Lê Văn Mới" in _get(client)[1]
    official.delete()
    assert "Trần Thị Hồng" not in _get(client, {"q": "tran thi hong"})[1]


def test_directory_cache_keeps_searches_units_and_languages_apart(login, office_user, unit_a, unit_b):
    OfficialFactory(full_name="Nguyễn Văn Hùng", unit=unit_a)
    OfficialFactory(full_name="Võ Văn Khác", unit=unit_b)
    client = login(office_user)
    assert "Võ Văn Khác" in _get(client)[1] and "Nguyễn Văn Hùng" in _get(client)[1]
    body = _get(client, {"don_vi": unit_a.code})[1]
    assert "Nguyễn Văn Hùng" in body and "Võ Văn Khác" not in body
    body = _get(client, {"q": "vo van"})[1]
    assert "Võ Văn Khác" in body and "Nguyễn Văn Hùng" not in body
    assert "Không có cán bộ nào phù hợp." in _get(client, {"q": "khong ai"})[1]
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Không có cán bộ nào phù hợp." not in _get(client, {"q": "khong ai"})[1]
