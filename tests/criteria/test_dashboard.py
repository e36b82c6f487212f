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
    # session, user, campaign, roles, criteria, targets, periods, the counts per unit, the units, the page's
    # figures, the dossiers by state, unread notices (the selected period's progress comes from the counts)
    assert len(small.captured_queries) == 12
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
    assert f'href="{reverse("criteria:dashboard", args=[campaign.slug])}"' in response.content.decode()


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_dashboard_page_queries_do_not_grow_from_3_to_40_units(
    campaign, targets, period, office_user, build_results, login
):
    """The ranking and the charts come from aggregates; the matrix shows one page of 25 units."""
    client = login(office_user)
    url = reverse("criteria:dashboard", args=[campaign.slug])
    build_results(3)
    client.get(url)
    small, _body = _count_queries(client, url)
    build_results(37)
    UnitFactory.create_batch(10)  # not registered, nothing reported
    large, body = _count_queries(client, url)
    assert large == small
    assert body.count('class="page-link" rel="next"') == 2  # ranking and matrix: 51 units on 3 pages
    assert "1 / 3" in body
    assert "và 1 đơn vị khác" in body  # 11 units not registered (with the office's own), 10 named
    last, body = _count_queries(client, url + "?page=3")
    assert last == small
    assert body.count("/don-vi/") < 2 * 25 + 10


def test_dashboard_search_filters_units_but_keeps_the_overall_rank(
    campaign, targets, period, office_user, build_results, login
):
    client = login(office_user)
    units = build_results(30)
    loser = UnitFactory(name="Ban Kiểm tra Đặc biệt")
    TargetResult.objects.create(
        period=period,
        unit=loser,
        target=targets[0],
        numerator=1,
        denominator=10,
        status=ResultStatus.VALIDATED,
    )
    url = reverse("criteria:dashboard", args=[campaign.slug])
    body = client.get(url, {"q": "kiểm tra đặc"}).content.decode()
    assert "Ban Kiểm tra Đặc biệt" in body
    assert units[0].name not in body
    # 30 units share rank 1 (1 met, 1 not met); the office's unit (nothing) sorts next; the searched one,
    # 0 met and 1 not met, is 32nd overall, not 1st among the units found.
    assert "<tr><td>32</td>" in body
    assert "1 đơn vị khớp" in body


def test_aggregated_outcomes_match_target_evaluate_at_the_threshold_edges(campaign, criteria, period):
    """The database judges 'met' in whole numbers exactly as Target.evaluate does on fractions."""
    from decimal import Decimal

    from criteria.selectors import ranked_unit_counts
    from tests.factories import TargetFactory

    cases = [
        (Decimal("33.33"), 3333, 10000),
        (Decimal("33.33"), 3332, 10000),
        (Decimal("33.34"), 1, 3),
        (Decimal("33.33"), 1, 3),
        (Decimal("98"), 49, 50),
        (Decimal("98"), 48, 50),
        (Decimal("100"), 9, 10),
        (Decimal("100"), 7, 7),
        (Decimal("80"), 0, 0),
        (Decimal("0"), 0, 5),
    ]
    unit = UnitFactory()
    targets = []
    for i, (threshold, num, den) in enumerate(cases):
        target = TargetFactory(criterion=criteria[0], code=f"t{i}", threshold=threshold, order=i)
        targets.append(target)
        TargetResult.objects.create(
            period=period,
            unit=unit,
            target=target,
            numerator=num,
            denominator=den,
            status=ResultStatus.VALIDATED,
        )
    expected = [t.evaluate(n, d)[1] for t, (_th, n, d) in zip(targets, cases, strict=True)]
    [row] = [r for r in ranked_unit_counts(campaign, period, targets) if r.unit.pk == unit.pk]
    assert (row.met, row.not_met, row.not_applicable) == (
        expected.count("met"),
        expected.count("not_met"),
        expected.count("n_a"),
    )
    assert (row.met, row.not_met, row.not_applicable) == (5, 4, 1)


def test_aggregated_outcome_does_not_overflow_on_large_counts(campaign, criteria, period):
    from decimal import Decimal

    from criteria.selectors import ranked_unit_counts
    from tests.factories import TargetFactory

    unit = UnitFactory()
    target = TargetFactory(criterion=criteria[0], code="lon", threshold=Decimal("99.99"), order=9)
    TargetResult.objects.create(
        period=period,
        unit=unit,
        target=target,
        numerator=2_000_000_000,
        denominator=2_000_100_000,
        status=ResultStatus.VALIDATED,
    )
    [row] = [r for r in ranked_unit_counts(campaign, period, [target]) if r.unit.pk == unit.pk]
    assert (row.met, row.not_met) == (1, 0)  # 99.995 % ≥ 99.99 %
    assert target.evaluate(2_000_000_000, 2_000_100_000)[1] == "met"


def test_unit_page_for_its_head_reads_no_permission_tables(
    campaign, targets, period, head_a, unit_a, login, django_assert_num_queries
):
    """The breadcrumb asks the rules predicate as the views do, not user.has_perm (whose model backend reads
    the user's and the groups' permissions for every refused predicate); one period or two, the same count."""
    from criteria.models import Registration, ReportingPeriod

    Registration.objects.create(campaign=campaign, unit=unit_a)
    for target in targets:
        TargetResult.objects.create(period=period, unit=unit_a, target=target, numerator=1, denominator=2)
    client = login(head_a)
    url = reverse("criteria:unit", args=[campaign.slug, unit_a.code])
    client.get(url)
    # session, user, campaign, roles, unit, criteria, targets, periods, figures, evidence, registration,
    # commitments, unread notices
    with django_assert_num_queries(13):
        body = client.get(url).content.decode()
    assert f'href="{reverse("criteria:dashboard", args=[campaign.slug])}"' not in body  # no breadcrumb
    other = ReportingPeriod.objects.create(
        campaign=campaign, name="Kỳ 2", start=period.start, end=period.end, due_date=period.due_date
    )
    for target in targets:
        TargetResult.objects.create(period=other, unit=unit_a, target=target, numerator=1, denominator=2)
    with django_assert_num_queries(13):
        client.get(url)


def test_dashboard_counts_the_selected_period_as_the_database_does(campaign, targets, period, build_results):
    """The selected period's progress comes from the counts per unit; it equals period_progress's aggregate
    (teams and inactive units left out, every state counted), and other periods still come from the database."""
    from criteria.models import ReportingPeriod
    from criteria.selectors import dashboard_page, period_progress

    build_results(3)
    build_results(2, status=ResultStatus.REPORTED)
    [partial] = build_results(1, status=ResultStatus.QUESTIONED)
    TargetResult.objects.filter(unit=partial, target=targets[0]).update(status=ResultStatus.DRAFT)
    parent = UnitFactory()
    team = UnitFactory(parent=parent)
    gone = UnitFactory(is_active=False)
    for unit in (team, gone):
        TargetResult.objects.create(
            period=period,
            unit=unit,
            target=targets[0],
            numerator=1,
            denominator=1,
            status=ResultStatus.VALIDATED,
        )
    later = ReportingPeriod.objects.create(
        campaign=campaign, name="Kỳ 2", start=period.start, end=period.end, due_date=period.due_date
    )
    TargetResult.objects.create(
        period=later, unit=parent, target=targets[1], numerator=1, denominator=2, status=ResultStatus.REPORTED
    )
    periods = [period, later]

    board = dashboard_page(campaign, period_id=period.pk)
    expected = period_progress(campaign, periods, len(targets))

    def figures(progress):
        return [
            (p.period.pk, p.units_total, p.units_reported, p.units_validated, p.status_counts)
            for p in progress
        ]

    assert figures(board.periods) == figures(expected)
    first = board.periods[0]
    assert (first.units_reported, first.units_validated) == (6, 3)
    assert first.status_counts == {"draft": 1, "reported": 6, "validated": 9, "questioned": 2}


def test_dashboard_matrix_and_chart_segments_are_drawn_per_row(
    campaign, targets, period, office_user, build_results, login
):
    """The matrix's cells and the charts' bars are built in Python, one call per row (criteria_tags)."""
    build_results(1)
    body = login(office_user).get(reverse("criteria:dashboard", args=[campaign.slug])).content.decode()
    assert (
        '<td>100% <span class="badge text-bg-success"><i class="bi bi-check-lg" aria-hidden="true"></i> Đạt'
        '</span></td><td>70% <span class="badge text-bg-danger"><i class="bi bi-x-lg" aria-hidden="true"></i>'
        ' Chưa đạt</span></td><td>— <span class="badge text-bg-secondary">Không phát sinh</span></td>'
    ) in body
    assert '<td><span class="text-body-secondary">—</span></td>' in body  # the office's unit: nothing
    assert (
        '<rect class="s-not_met" fill="url(#chart-units-hatch)" x="366.67" y="6" width="126.67" height="18">'
        "<title>Chưa đạt: 1</title></rect>"
    ) in body
