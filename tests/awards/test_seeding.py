import datetime as dt

from django.core.management import call_command

from awards.models import Award, Decision
from awards.seeding import awards_seed_decided
from awards.selectors import meeting_day, proposal_nominees


def test_seed_through_decided_issues_a_decision_filling_the_quota(db, capsys):
    call_command("seed_anhai", through="decided", verbosity=0)
    decision = Decision.objects.get()
    assert decision.status == "issued" and decision.reference == "01/QĐ-UBND"
    kinds = list(decision.awards.values_list("kind", flat=True))
    assert kinds.count("collective") == 1 and kinds.count("individual") == 4
    assert decision.signer_capacity == "chairman"
    assert all(a.register_number for a in decision.awards.all())
    assert len(proposal_nominees(decision.campaign)) >= 1
    assert "Quyết định khen thưởng số 01/QĐ-UBND: 5 Giấy khen" in capsys.readouterr().out
    # The tờ trình comes first, and nothing is dated before the council meeting it follows.
    submission = decision.submission
    held = meeting_day(decision.meeting_id)
    assert submission.reference == "01/TTr-VHXH" and submission.signer_name == "Ngô Thị Thanh Hương"
    assert held <= submission.submission_date <= decision.decision_date
    assert f"Tờ trình số 01/TTr-VHXH ngày {submission.submission_date:%d/%m/%Y}" in decision.legal_bases
    assert set(decision.awards.values_list("amount", flat=True)) == {710_000, 1_410_000}
    # Idempotent: a second run changes nothing.
    result = awards_seed_decided(decision.campaign)
    assert result["created"] is False
    assert Decision.objects.count() == 1 and Award.objects.count() == 5


def test_seed_restores_missing_default_rates_and_keeps_the_office_s(db):
    """A flushed or wiped demo database has no money rows: the seed writes the defaults, never over an edit."""
    from awards.models import AwardCoefficient, BaseSalary
    from awards.seeding import awards_seed_rates

    BaseSalary.objects.all().delete()
    AwardCoefficient.objects.all().delete()
    assert awards_seed_rates() == 5
    assert BaseSalary.objects.get(valid_from=dt.date(2024, 7, 1)).amount == 2_340_000
    BaseSalary.objects.filter(valid_from=dt.date(2024, 7, 1)).update(amount=2_350_000)
    assert awards_seed_rates() == 0
    assert BaseSalary.objects.get(valid_from=dt.date(2024, 7, 1)).amount == 2_350_000
