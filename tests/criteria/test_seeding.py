"""seed_anhai adds registrations and one reporting period of results for every unit; running it again adds nothing."""

from django.core.management import call_command

from criteria.enums import Outcome, ResultStatus
from criteria.models import Registration, ReportingPeriod, TargetResult
from criteria.selectors import campaign_dashboard, participating_units, units_without_registration


def test_seed_registers_every_unit_and_reports_one_period(seeded):
    units = list(participating_units())
    assert len(units) == 6
    assert not units_without_registration(seeded).exists()
    assert Registration.objects.filter(campaign=seeded).count() == 6
    [period] = ReportingPeriod.objects.filter(campaign=seeded)
    targets = 8
    assert TargetResult.objects.filter(period=period).count() == 6 * targets
    outcomes = {r.outcome for r in TargetResult.objects.filter(period=period, status=ResultStatus.VALIDATED)}
    assert {Outcome.MET, Outcome.NOT_MET} <= outcomes
    statuses = set(TargetResult.objects.values_list("status", flat=True))
    assert statuses == {ResultStatus.VALIDATED, ResultStatus.REPORTED, ResultStatus.QUESTIONED}
    board = campaign_dashboard(seeded)
    assert [row.rank for row in board.rows][:1] == [1]


def test_seed_is_idempotent(seeded):
    before = (Registration.objects.count(), ReportingPeriod.objects.count(), TargetResult.objects.count())
    call_command("seed_anhai", verbosity=0)
    assert (
        Registration.objects.count(),
        ReportingPeriod.objects.count(),
        TargetResult.objects.count(),
    ) == before
