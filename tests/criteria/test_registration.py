"""Registration (đăng ký thi đua): one per campaign and unit, updatable until the deadline."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.models import AuditEntry
from criteria.models import Registration
from criteria.selectors import units_without_registration
from criteria.services import registration_submit


def commitments(criteria, text="Cam kết đạt"):
    return {c.pk: f"{text} {c.number}" for c in criteria}


def test_registration_submit_creates_one_registration_with_commitments(campaign, criteria, unit_a, head_a):
    registration = registration_submit(
        campaign=campaign,
        unit=unit_a,
        actor=head_a,
        commitments=commitments(criteria),
        today=date(2025, 8, 1),
    )
    assert registration.registered_by == head_a
    assert sorted(registration.commitments.values_list("text", flat=True)) == [
        "Cam kết đạt 1.2",
        "Cam kết đạt 1.3",
    ]
    assert AuditEntry.objects.filter(action="registration_submit", object_id=registration.pk).count() == 1


def test_registration_submit_again_updates_instead_of_duplicating(campaign, criteria, unit_a, head_a):
    first = registration_submit(
        campaign=campaign,
        unit=unit_a,
        actor=head_a,
        commitments=commitments(criteria),
        today=date(2025, 8, 1),
    )
    second = registration_submit(
        campaign=campaign,
        unit=unit_a,
        actor=head_a,
        commitments=commitments(criteria, "Phấn đấu vượt"),
        note="Bổ sung",
        today=date(2025, 8, 15),  # the deadline day itself is still open
    )
    assert first.pk == second.pk
    assert Registration.objects.filter(campaign=campaign, unit=unit_a).count() == 1
    assert sorted(second.commitments.values_list("text", flat=True)) == [
        "Phấn đấu vượt 1.2",
        "Phấn đấu vượt 1.3",
    ]
    assert second.note == "Bổ sung"
    assert AuditEntry.objects.filter(action="registration_update").count() == 1


def test_registration_after_the_deadline_is_refused(campaign, criteria, unit_a, head_a):
    with pytest.raises(DomainError, match="Đã hết hạn đăng ký thi đua \\(hạn cuối 15/08/2025\\)"):
        registration_submit(
            campaign=campaign,
            unit=unit_a,
            actor=head_a,
            commitments=commitments(criteria),
            today=date(2025, 8, 16),
        )
    assert not Registration.objects.exists()


def test_registration_needs_a_commitment_for_every_criterion(campaign, criteria, unit_a, head_a):
    with pytest.raises(DomainError, match="tiêu chí: 1.3"):
        registration_submit(
            campaign=campaign,
            unit=unit_a,
            actor=head_a,
            commitments={criteria[0].pk: "Có", criteria[1].pk: "   "},
            today=date(2025, 8, 1),
        )


def test_units_without_registration_lists_the_missing_top_units(
    campaign, criteria, unit_a, unit_b, office_unit, head_a
):
    from tests.factories import UnitFactory

    UnitFactory(name="Tổ Một cửa", code="to-mot-cua", parent=unit_a, kind="to")  # teams do not register
    registration_submit(
        campaign=campaign,
        unit=unit_a,
        actor=head_a,
        commitments=commitments(criteria),
        today=date(2025, 8, 1),
    )
    assert list(units_without_registration(campaign)) == [unit_b, office_unit] or set(
        units_without_registration(campaign)
    ) == {unit_b, office_unit}
    assert unit_a not in units_without_registration(campaign)


@time_machine.travel("2025-08-10 09:00 +0700", tick=False)
def test_unit_head_registers_in_the_browser_form(campaign, criteria, unit_a, head_a, login):
    client = login(head_a)
    url = reverse("criteria:register", args=[campaign.slug, unit_a.code])
    page = client.get(url)
    assert "Cam kết thực hiện tiêu chí 1.2" in page.content.decode()
    # One commitment left empty: the form comes back with what was typed.
    data = {
        f"criterion_{criteria[0].pk}": "Công khai 100% thủ tục",
        f"criterion_{criteria[1].pk}": "",
        "note": "Ghi chú",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hãy ghi nội dung cam kết cho tiêu chí này." in body
    assert "Công khai 100% thủ tục" in body and "Ghi chú" in body
    assert not Registration.objects.exists()
    data[f"criterion_{criteria[1].pk}"] = "Đúng hạn 98%"
    response = client.post(url, data)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.unit == unit_a and registration.registered_by == head_a
    assert registration.commitments.count() == 2


@time_machine.travel("2025-08-20 09:00 +0700", tick=False)
def test_browser_registration_after_the_deadline_shows_the_message(campaign, criteria, unit_a, head_a, login):
    client = login(head_a)
    url = reverse("criteria:register", args=[campaign.slug, unit_a.code])
    data = {f"criterion_{c.pk}": "Cam kết" for c in criteria}
    response = client.post(url, data, follow=True)
    assert "Đã hết hạn đăng ký thi đua (hạn cuối 15/08/2025)" in response.content.decode()
    assert "Cam kết" in response.content.decode()  # what was typed is still there
    assert not Registration.objects.exists()


@time_machine.travel("2025-08-10 09:00 +0700", tick=False)
def test_office_sees_who_has_not_registered(campaign, criteria, unit_a, unit_b, head_a, office_user, login):
    registration_submit(campaign=campaign, unit=unit_a, actor=head_a, commitments=commitments(criteria))
    response = login(office_user).get(reverse("criteria:registrations", args=[campaign.slug]))
    body = response.content.decode()
    missing = body.split("Đơn vị chưa đăng ký")[1].split("Đơn vị đã đăng ký")[0]
    assert "Công an phường" in missing
    assert "Trung tâm Phục vụ hành chính công" not in missing
    assert "10/08/2025" in body


@time_machine.travel("2025-08-20 09:00 +0700", tick=False)
def test_registration_page_after_the_deadline_says_so_without_a_form(
    campaign, criteria, unit_a, head_a, login
):
    body = login(head_a).get(reverse("criteria:register", args=[campaign.slug, unit_a.code])).content.decode()
    assert "Đã hết hạn đăng ký thi đua" in body
    assert "Gửi đăng ký thi đua" not in body


def test_registrations_page_queries_do_not_grow_and_lists_come_a_page_at_a_time(
    campaign, office_user, login, build_results
):
    """3 or 60 registered units and 2 or 14 missing: the same queries; 50 registrations a page, the first 10
    missing units with a link to all of them a page at a time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UnitFactory

    client = login(office_user)
    url = reverse("criteria:registrations", args=[campaign.slug])
    build_results(3)
    UnitFactory.create_batch(1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        body = client.get(url).content.decode()
    assert "Xem đủ" not in body
    build_results(57)
    late = UnitFactory.create_batch(12)
    with CaptureQueriesContext(connection) as large:
        body = client.get(url).content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
    assert "60 đơn vị đã đăng ký, 74 đơn vị tham gia." in body
    assert body.count("/don-vi/") == 50 and "1 / 2" in body
    assert "Xem đủ 14 đơn vị chưa đăng ký" in body
    everything = client.get(url, {"xem": "chua"}).content.decode()
    assert all(unit.name in everything for unit in late)
    assert "/don-vi/" not in everything.split('id="missing-h"')[1]
