"""The dashboard's standings come from the cache until a result, registration, unit, criterion, target or
period changes: then at once, through a service, a plain save (as the admin does) or a bulk path."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from criteria import services
from criteria.enums import ResultStatus
from criteria.models import Registration, ReportingPeriod, TargetResult
from criteria.selectors import dashboard_page
from tests.factories import UnitFactory
from tests.pagecache import without_tokens

pytestmark = pytest.mark.usefixtures("page_cache")


def _row(board, unit):
    [row] = [r for r in board.rows if r.unit.pk == unit.pk]
    return row


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_dashboard_reads_the_standings_from_the_cache_at_two_sizes(
    campaign, targets, period, office_user, build_results, login
):
    client = login(office_user)
    url = reverse("criteria:dashboard", args=[campaign.slug])
    build_results(2)
    client.get(url)
    cached, _body = _queries(client, url)
    # session, user, campaign, roles, periods, the dossiers by state, unread notices: test_dashboard.py's 12
    # without the counts per unit and the units (the standings), the criteria, the targets and the page's
    # figures (the page's cached HTML)
    assert cached == 7
    build_results(8)
    UnitFactory.create_batch(3)
    missed, body = _queries(client, url)
    assert "10/14" in body  # registered / units, counted again after the change
    # a miss asks for the criteria, the targets, the page's figures, the counts per unit and the units
    assert missed == cached + 5
    again, body_again = _queries(client, url)
    assert again == cached
    assert without_tokens(body_again) == without_tokens(body)


def test_a_result_validated_through_the_service_shows_at_once(
    campaign, targets, period, unit_a, office_user, head_a, build_results, django_capture_on_commit_callbacks
):
    build_results(2)
    result = TargetResult.objects.create(
        period=period,
        unit=unit_a,
        target=targets[1],
        numerator=9,
        denominator=10,
        status=ResultStatus.REPORTED,
    )
    before = dashboard_page(campaign, query=unit_a.name)
    assert (_row(before, unit_a).met, _row(before, unit_a).pending) == (0, 1)
    assert dashboard_page(campaign, query=unit_a.name).periods[0].status_counts["validated"] == 6  # cached
    with django_capture_on_commit_callbacks(execute=True):
        services.result_transition(result=result, action="validate", actor=office_user)
    after = dashboard_page(campaign, query=unit_a.name)
    assert (_row(after, unit_a).met, _row(after, unit_a).pending, _row(after, unit_a).rank) == (1, 0, 1)
    assert after.periods[0].status_counts["validated"] == 7


def test_a_plain_save_and_delete_show_at_once(campaign, targets, period, unit_a, build_results):
    """What the admin does: Model.save() and delete(), no service."""
    [unit] = build_results(1)
    assert _row(dashboard_page(campaign, query=unit.name), unit).met == 1
    result = TargetResult.objects.get(unit=unit, target=targets[1])
    result.numerator = 9
    result.save()
    assert _row(dashboard_page(campaign, query=unit.name), unit).met == 2
    result.delete()
    row = _row(dashboard_page(campaign, query=unit.name), unit)
    assert (row.met, row.not_met, row.validated) == (1, 0, 2)


def test_registrations_units_and_thresholds_show_at_once(campaign, targets, period, unit_a, build_results):
    [unit] = build_results(1)
    board = dashboard_page(campaign)
    assert unit_a.pk in {u.pk for u in board.missing_registrations}
    Registration.objects.create(campaign=campaign, unit=unit_a)
    board = dashboard_page(campaign)
    assert unit_a.pk not in {u.pk for u in board.missing_registrations}
    unit.name = "Phòng Tư pháp mới"
    unit.save()
    assert _row(dashboard_page(campaign, query="tư pháp mới"), unit).unit.name == "Phòng Tư pháp mới"
    unit.is_active = False
    unit.save()
    assert dashboard_page(campaign, query="tư pháp mới").rows == []
    unit.is_active = True
    unit.save()
    assert _row(dashboard_page(campaign, query=unit.name), unit).met == 1  # 7 of 10 is below 80 %
    targets[1].threshold = Decimal("70")
    targets[1].save()
    assert _row(dashboard_page(campaign, query=unit.name), unit).met == 2


def test_the_demo_seeds_bulk_results_and_the_dashboard_sees_them(campaign, targets, period, build_results):
    from criteria.models import ReportingPeriod
    from criteria.seeding import DEMO_PERIOD_NAME, criteria_seed_demo
    from criteria.selectors import participating_units

    build_results(1)
    for unit in participating_units().exclude(registrations__campaign=campaign):
        Registration.objects.create(campaign=campaign, unit=unit)  # the seed then registers nothing
    demo = ReportingPeriod.objects.create(
        campaign=campaign, name=DEMO_PERIOD_NAME, start=period.start, end=period.end, due_date=period.due_date
    )
    before = dashboard_page(campaign, period_id=demo.pk)
    assert before.period == demo and sum(before.periods[-1].status_counts.values()) == 0
    criteria_seed_demo(campaign)  # bulk_create: no post_save, an explicit bump
    after = dashboard_page(campaign, period_id=demo.pk)
    assert sum(after.periods[-1].status_counts.values()) == after.unit_count * len(targets)
    assert after.registered_count == after.unit_count


def test_off_without_a_shared_cache(settings, campaign, targets, period, build_results):
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
    [unit] = build_results(1)
    dashboard_page(campaign)
    TargetResult.objects.filter(unit=unit, target=targets[1]).update(numerator=9)  # no signal at all
    assert _row(dashboard_page(campaign, query=unit.name), unit).met == 2
    assert not [key for key in cache._cache if "criteria:" in key]  # noqa: SLF001


def test_the_dashboards_html_shows_results_targets_periods_and_units_at_once(
    campaign, targets, period, unit_a, office_user, build_results, login, django_capture_on_commit_callbacks
):
    """The page's cached HTML (registration card, periods, ranking, matrix): a service, plain saves."""
    client = login(office_user)
    url = reverse("criteria:dashboard", args=[campaign.slug])
    [unit] = build_results(1)
    result = TargetResult.objects.create(
        period=period,
        unit=unit_a,
        target=targets[1],
        numerator=9,
        denominator=10,
        status=ResultStatus.REPORTED,
    )
    Registration.objects.create(campaign=campaign, unit=unit_a)
    body = client.get(url).content.decode()
    assert client.get(url).content.decode().count("1 chờ") == body.count("1 chờ") >= 1  # a hit, the same
    with django_capture_on_commit_callbacks(execute=True):
        services.result_transition(result=result, action="validate", actor=office_user)
    assert "1 chờ" not in client.get(url).content.decode()
    targets[0].label = "TTHC được công khai đầy đủ"
    targets[0].save()
    assert "TTHC được công khai đầy đủ" in client.get(url).content.decode()
    period.name = "Quý IV/2025"
    period.save()
    assert "Quý IV/2025" in client.get(url).content.decode()
    unit.name = "Phòng Tư pháp mới"
    unit.save()
    assert "Phòng Tư pháp mới" in client.get(url).content.decode()
    second = ReportingPeriod.objects.create(
        campaign=campaign,
        name="Quý I năm 2026",
        start=period.end,
        end=period.end,
        due_date=period.due_date,
    )
    page = client.get(url).content.decode()
    assert "Quý I năm 2026" in page and f'value="{second.pk}"' in page
