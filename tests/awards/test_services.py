import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection

from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.models import AuditEntry
from awards.models import Award, BaseSalary, Decision, DocumentRegister, Submission
from awards.services import decision_draft, decision_issue, decision_update, register_next, submission_create

from .conftest import TODAY


def test_draft_fills_the_quota_collectives_first_with_money(draft, voted):
    awards = list(draft.awards.order_by("order"))
    assert [(a.kind, a.formal_name) for a in awards] == [
        ("collective", "Trung tâm Phục vụ hành chính công"),
        ("individual", "Bà Lê Thị Mỹ Duyên"),
        ("individual", "Ông Trần Ngọc Sơn"),
        ("individual", "Ông Đoàn Văn Quý"),
        ("individual", "Bà Nguyễn Thị Hoa"),
    ]
    assert [a.amount for a in awards] == [1_410_000, 710_000, 710_000, 710_000, 710_000]
    assert draft.status == "draft" and draft.number is None
    assert awards[1].article_line == "Bà Lê Thị Mỹ Duyên, Chuyên viên, Trung tâm Phục vụ hành chính công"
    assert "06/2022/QH15" in draft.legal_bases and "152/2025/NĐ-CP" in draft.legal_bases
    assert "Kế hoạch số 07/KH-UBND ngày 15/08/2025" in draft.legal_bases
    assert "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025" in draft.legal_bases
    assert (
        "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng phường An Hải ngày 02/02/2026;"
        in draft.legal_bases
    )
    assert (
        "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội tại Tờ trình số 01/TTr-VHXH ngày 03/02/2026."
        in draft.legal_bases
    )
    assert draft.meeting_id == voted.meeting.pk and draft.submission.reference == "01/TTr-VHXH"
    assert AuditEntry.objects.filter(action="decision_draft", object_id=draft.pk).count() == 1


def test_draft_refused_twice_and_for_other_roles(draft, voted, office_user, head_a, chairman):
    with pytest.raises(DomainError):
        decision_draft(campaign=voted.campaign, actor=office_user)
    Decision.objects.all().delete()
    for user in (head_a, chairman):
        with pytest.raises(DomainError):
            decision_draft(campaign=voted.campaign, actor=user)


def test_draft_refused_while_the_council_has_not_closed_its_vote(result, unit_a, office_user):
    result.add(unit_a)  # accepted, before the council, which has not met
    with pytest.raises(DomainError, match="chưa kết thúc bỏ phiếu"):
        decision_draft(campaign=result.campaign, actor=office_user)
    assert not Decision.objects.exists()


def test_draft_and_submission_refused_while_a_tie_waits_for_the_chair(result, unit_a, unit_b, office_user):
    # One collective place, two collectives with every vote: the chair must choose.
    result.add(unit_a, agrees=5)
    result.add(unit_b, agrees=5)
    result.close()
    with pytest.raises(DomainError, match="bằng phiếu"):
        decision_draft(campaign=result.campaign, actor=office_user)
    with pytest.raises(DomainError, match="bằng phiếu"):
        submission_create(
            campaign=result.campaign,
            actor=office_user,
            submission_date=TODAY,
            signer_name="Ngô Thị Thanh Hương",
        )
    assert not Decision.objects.exists() and not Submission.objects.exists()


def test_office_edits_the_wording_in_nfc_and_bumps_the_version(draft, office_user):
    decomposed = "Đã có thành tích xuất sắc trong công tác CCHC năm 2025".replace("ấ", "a\u0302\u0301")
    updated = decision_update(
        decision=draft, actor=office_user, fields={"achievement": decomposed}, expected_version=draft.version
    )
    assert updated.achievement == "Đã có thành tích xuất sắc trong công tác CCHC năm 2025"
    assert updated.version == draft.version + 1
    with pytest.raises(DomainError, match="người khác sửa"):
        decision_update(
            decision=draft, actor=office_user, fields={"title": "X"}, expected_version=draft.version
        )


def test_issue_numbers_dates_signs_and_registers(issued, chairman):
    issued.refresh_from_db()
    assert (issued.status, issued.number, issued.year, issued.decision_date) == ("issued", 1, 2026, TODAY)
    assert issued.reference == "01/QĐ-UBND"
    assert (issued.signer_id, issued.signer_name, issued.signer_capacity) == (
        chairman.pk,
        "Trần Quốc Bảo",
        "chairman",
    )
    refs = list(issued.awards.order_by("order").values_list("register_number", flat=True))
    assert refs == [1, 2, 3, 4, 5]
    assert issued.awards.first().register_reference == "01/2026"
    assert AuditEntry.objects.filter(action="decision_issue", to_state="issued").count() == 1


def test_issue_uses_the_rows_in_force_on_the_decision_date(draft, chairman):
    BaseSalary.objects.create(
        valid_from=dt.date(2026, 7, 1), amount=2_530_000, decree="Nghị định số 1/2026/NĐ-CP"
    )
    decision = decision_issue(decision=draft, actor=chairman, decision_date=dt.date(2026, 7, 2))
    assert decision.base_salary == 2_530_000
    assert decision.base_salary_decree == "Nghị định số 1/2026/NĐ-CP"
    assert (decision.individual_coefficient, decision.collective_coefficient) == (
        Decimal("0.3"),
        Decimal("0.6"),
    )
    # 759,000 → 760,000 and 1,518,000 → 1,520,000
    assert sorted(set(decision.awards.values_list("amount", flat=True))) == [760_000, 1_520_000]


def test_issue_refuses_a_date_before_the_first_base_salary(draft, chairman):
    BaseSalary.objects.all().delete()
    with pytest.raises(DomainError, match="Chưa có mức lương cơ sở áp dụng cho ngày 05/02/2026"):
        decision_issue(decision=draft, actor=chairman, decision_date=TODAY)
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.number is None


def test_issue_refuses_a_date_before_the_council_meeting(draft, chairman):
    with pytest.raises(DomainError) as exc:
        decision_issue(decision=draft, actor=chairman, decision_date=dt.date(2026, 2, 1))
    assert str(exc.value) == (
        "Ngày ban hành không được trước ngày họp Hội đồng Thi đua - Khen thưởng mà Quyết định căn cứ (02/02/2026)."
    )
    draft.refresh_from_db()
    assert draft.status == "draft" and not DocumentRegister.objects.filter(symbol="QĐ-UBND").exists()


def test_issue_refuses_a_date_before_the_office_submission(draft, chairman):
    with pytest.raises(DomainError) as exc:
        decision_issue(decision=draft, actor=chairman, decision_date=dt.date(2026, 2, 2))
    assert (
        str(exc.value)
        == "Ngày ban hành không được trước ngày Tờ trình của Phòng Văn hóa - Xã hội (03/02/2026)."
    )
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_draft_needs_the_office_submission(voted, office_user):
    with pytest.raises(DomainError, match="chưa lập Tờ trình"):
        decision_draft(campaign=voted.campaign, actor=office_user)
    assert not Decision.objects.exists()


def test_submission_numbered_per_year_and_dated_not_before_the_meeting(voted, office_user):
    with pytest.raises(DomainError) as exc:
        submission_create(
            campaign=voted.campaign, actor=office_user, submission_date=dt.date(2026, 2, 1), signer_name="X"
        )
    assert str(exc.value) == (
        "Ngày Tờ trình không được trước ngày họp Hội đồng Thi đua - Khen thưởng (02/02/2026)."
    )
    assert not Submission.objects.exists()
    register_next(year=2026, symbol="TTr-VHXH")  # a tờ trình of another campaign took number 01
    submission = submission_create(
        campaign=voted.campaign, actor=office_user, submission_date=TODAY, signer_name="Ngô Thị Thanh Hương"
    )
    assert (submission.reference, submission.year, submission.meeting_id) == (
        "02/TTr-VHXH",
        2026,
        voted.meeting.pk,
    )
    with pytest.raises(DomainError, match="đã có Tờ trình"):
        submission_create(campaign=voted.campaign, actor=office_user, submission_date=TODAY, signer_name="X")
    assert AuditEntry.objects.filter(action="submission_create").count() == 1


def test_submission_refused_to_other_roles(voted, head_a, chairman):
    for actor in (head_a, chairman):
        with pytest.raises(DomainError, match="không có quyền"):
            submission_create(campaign=voted.campaign, actor=actor, submission_date=TODAY, signer_name="X")


def test_vice_chairman_signs_for_the_chairman(draft, vice_chairman):
    decision = decision_issue(decision=draft, actor=vice_chairman, decision_date=TODAY)
    assert decision.signer_capacity == "vice_chairman"


def test_issued_decision_is_locked(issued, office_user, chairman):
    with pytest.raises(DomainError, match="đã ban hành"):
        decision_update(decision=issued, actor=office_user, fields={"title": "Khác"})
    with pytest.raises(DomainError):
        decision_issue(decision=issued, actor=chairman, decision_date=TODAY)
    issued.refresh_from_db()
    assert issued.number == 1


def test_database_refuses_an_issued_decision_without_number(draft):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=draft.pk).update(status="issued")


def test_only_the_chairman_or_vice_chairman_issues(draft, office_user, head_a, council_member, admin_user):
    for user in (office_user, head_a, council_member, admin_user):
        with pytest.raises(DomainError, match="không có quyền"):
            decision_issue(decision=draft, actor=user, decision_date=TODAY)


def test_register_numbers_run_per_year_and_symbol(db):
    assert [register_next(year=2026, symbol="QĐ-UBND") for _ in range(3)] == [1, 2, 3]
    assert register_next(year=2027, symbol="QĐ-UBND") == 1
    assert register_next(year=2026, symbol="SKT") == 1
    assert DocumentRegister.objects.get(year=2026, symbol="QĐ-UBND").last_number == 3


def test_two_decisions_get_distinct_numbers_in_order(submission, voted, office_user, chairman, campaign):
    from tests.factories import CampaignFactory

    first = decision_draft(campaign=campaign, actor=office_user)
    other = CampaignFactory(slug="khac")
    second = Decision.objects.create(
        campaign=other,
        title="T",
        legal_bases="C",
        achievement="A",
        article1_intro="1",
        article2_text="2",
        article3_text="3",
        recipients="Lưu: VT, VHXH.",
    )
    Award.objects.create(decision=second, kind="collective", name="Phòng Kinh tế")
    a = decision_issue(decision=first, actor=chairman, decision_date=TODAY)
    b = decision_issue(decision=second, actor=chairman, decision_date=TODAY)
    assert (a.reference, b.reference) == ("01/QĐ-UBND", "02/QĐ-UBND")
    assert set(Award.objects.values_list("register_number", flat=True)) == {1, 2, 3, 4, 5, 6}


@pytest.mark.django_db(transaction=True)
def test_concurrent_register_numbers_are_distinct():
    """Two threads take numbers at once: the locked counter row gives each a different one (PostgreSQL; on
    SQLite the database lock serialises the writers)."""
    import threading

    from django.db import connections

    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    register_next(year=2026, symbol="QĐ-UBND")  # the row exists
    numbers, barrier = [], threading.Barrier(2)

    def take():
        barrier.wait()
        numbers.append(register_next(year=2026, symbol="QĐ-UBND"))
        connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(numbers) == [2, 3]


def test_database_refuses_changing_an_issued_decision_or_its_awards(issued):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=issued.pk).update(title="Sửa lén")
    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.filter(decision=issued).update(amount=1)
    issued.refresh_from_db()
    assert issued.title.startswith("Về việc tặng Giấy khen")
    assert set(issued.awards.values_list("amount", flat=True)) == {710_000, 1_410_000}
