"""The campaign dashboard: figures, ranking, charts with tables, and a constant number of queries."""

import time_machine
from django.urls import reverse

from criteria.enums import ResultStatus
from criteria.models import TargetResult
from criteria.selectors import campaign_dashboard
from tests.factories import UnitFactory


@time_machine.travel("2025-12-20 09:00 +0700", tick=False)
def test_dashboard_counts_registrations_results_and_deadlines(
    campaign, targets, period, unit_a, unit_b, office_user, build_results
):
    [extra] = build_results(1)
    # unit_a: all three validated and met; unit_b: not registered, one figure waiting.
    for target, (n, d) in zip(targets, [(5, 5), (9, 10), (50, 50)], strict=True):
        TargetResult.objects.create(
            period=period,
            unit=unit_a,
            target=target,
            numerator=n,
            denominator=d,
            status=ResultStatus.VALIDATED,
        )
    TargetResult.objects.create(
        period=period,
        unit=unit_b,
        target=targets[0],
        numerator=1,
        denominator=2,
        status=ResultStatus.REPORTED,
    )
    board = campaign_dashboard(campaign)
    assert board.unit_count == 4  # with the office's own unit
    assert board.registered_count == 1
    assert {u.pk for u in board.missing_registrations} == {unit_a.pk, unit_b.pk, office_user.official.unit_id}
    rows = {row.unit.pk: row for row in board.rows}
    assert (rows[unit_a.pk].met, rows[unit_a.pk].not_met, rows[unit_a.pk].rank) == (3, 0, 1)
    assert (
        rows[extra.pk].met,
        rows[extra.pk].not_met,
        rows[extra.pk].not_applicable,
        rows[extra.pk].rank,
    ) == (1, 1, 1, 2)
    assert (rows[unit_b.pk].validated, rows[unit_b.pk].pending, rows[unit_b.pk].rank) == (0, 1, None)
    [progress] = board.periods
    assert (progress.units_reported, progress.units_validated) == (3, 2)
    assert progress.status_counts == {"draft": 0, "reported": 1, "validated": 6, "questioned": 0}
    days = {d.kind: d.days_left for d in board.deadlines}
    assert days["registration"] == -127  # 15/08/2025 has passed
    assert days["criteria_report"] == 21


@time_machine.travel("2025-12-20 09:00 +0700", tick=False)
def test_dashboard_page_shows_chart_and_table(
    campaign, targets, period, unit_a, office_user, build_results, login
):
    build_results(2)
    body = login(office_user).get(reverse("criteria:dashboard", args=[campaign.slug])).content.decode()
    assert '<svg class="w-100 h-auto"' in body and 'role="img"' in body
    assert "Số chỉ tiêu đạt theo đơn vị" in body  # the chart's accessible title
    assert "Xếp hạng các đơn vị theo số chỉ tiêu đạt" in body  # the table beside it
    assert "1/3 đạt" in body
    assert "Chưa đăng ký" in body and unit_a.name in body
    assert "21 ngày" in body


def _dashboard_queries(django_assert_num_queries, client, campaign, expected):
    url = reverse("criteria:dashboard", args=[campaign.slug])
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_dashboard_query_count_is_constant(
    campaign, targets, period, office_user, build_results, login, django_assert_num_queries
):
    client = login(office_user)
    build_results(2)
    client.get(reverse("criteria:dashboard", args=[campaign.slug]))  # warm caches (content types, session)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("criteria:dashboard", args=[campaign.slug]))
    build_results(8)
    UnitFactory.create_batch(3)  # units with nothing reported
    response = _dashboard_queries(django_assert_num_queries, client, campaign, len(small.captured_queries))
    assert response.content.decode().count("/don-vi/") >= 13


def test_unit_page_query_count_is_constant(
    campaign, targets, period, office_user, build_results, login, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from criteria.models import EvidenceFile, ReportingPeriod

    client = login(office_user)
    [unit] = build_results(1)
    url = reverse("criteria:unit", args=[campaign.slug, unit.code])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    other = ReportingPeriod.objects.create(
        campaign=campaign, name="Kỳ 2", start=period.start, end=period.end, due_date=period.due_date
    )
    for target in targets:
        result = TargetResult.objects.create(
            period=other, unit=unit, target=target, numerator=1, denominator=2
        )
        EvidenceFile.objects.bulk_create(
            EvidenceFile(result=result, file_path=f"x/{i}.pdf", original_name=f"{i}.pdf") for i in range(3)
        )
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count(".pdf</a>") == 9
