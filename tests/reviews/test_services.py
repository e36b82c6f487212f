"""The review services: return with reasons and a due date, per-nominee decisions, the cycle
return → fix → resubmit → accept with its messages, and the concurrent-review conflict."""

import datetime as dt

import pytest
from django.core import mail

from nominations import services as dossier_services
from nominations.errors import StaleDossier
from nominations.models import Dossier
from notifications.models import Notification, OutboundEmail
from notifications.services import outbox_send_pending
from reviews import services
from reviews.errors import DomainError, StaleReview
from reviews.models import DossierReview, NomineeDecision, ReviewItem, ReviewReturn
from reviews.selectors import accepted_nominees, review_page

from .conftest import fill_report

DUE = dt.date(2025, 12, 8)


def _page(dossier):
    return review_page(Dossier.objects.select_related("campaign", "unit").get(pk=dossier.pk))


def _key(page, nominee, aspect):
    return next(r.key for r in page.rows if r.nominee and r.nominee.pk == nominee.pk and r.aspect == aspect)


def _sent():
    """Mail sent by the outbox worker (eager in tests, kicked after commit)."""
    outbox_send_pending()
    return list(mail.outbox)


def test_return_refused_without_any_reason(submitted_a, office_user):
    with pytest.raises(DomainError, match="ít nhất một nội dung"):
        services.review_return(dossier=submitted_a, actor=office_user, reasons=["  ", ""], due_date=DUE)
    submitted_a.refresh_from_db()
    assert submitted_a.state == "submitted"
    assert not ReviewReturn.objects.exists()


def test_return_refused_without_a_due_date_after_today(submitted_a, office_user):
    with pytest.raises(DomainError, match="Hãy chọn hạn"):
        services.review_return(
            dossier=submitted_a, actor=office_user, reasons=["Thiếu số liệu"], due_date=None
        )
    with pytest.raises(DomainError, match="sau hôm nay"):
        services.review_return(
            dossier=submitted_a, actor=office_user, reasons=["Thiếu số liệu"], due_date=dt.date(2025, 12, 1)
        )
    assert Dossier.objects.get(pk=submitted_a.pk).state == "submitted"


def test_item_marked_to_fix_needs_its_comment(submitted_a, office_user):
    page = _page(submitted_a)
    nominee = page.nominee_blocks[1].nominee
    key = _key(page, nominee, "report")
    with pytest.raises(DomainError, match="Hãy ghi rõ đơn vị cần bổ sung gì"):
        services.review_return(
            dossier=submitted_a,
            actor=office_user,
            items={key: {"status": "fix", "comment": ""}},
            due_date=DUE,
        )
    assert not ReviewItem.objects.exists()  # rolled back with the refusal


def test_the_unit_cannot_review(submitted_a, head_a):
    with pytest.raises(DomainError):
        services.review_return(dossier=submitted_a, actor=head_a, reasons=["x"], due_date=DUE)
    with pytest.raises(DomainError):
        services.review_decide(dossier=submitted_a, actor=head_a, decisions={})


def test_return_fix_resubmit_accept_cycle_with_its_emails(
    submitted_a, office_user, head_a, officials_a, django_capture_on_commit_callbacks, settings, time_machine
):
    son = officials_a[0]  # Trần Ngọc Sơn
    page = _page(submitted_a)
    nominee = next(b.nominee for b in page.nominee_blocks if b.nominee.official_id == son.pk)
    key = _key(page, nominee, "report")
    from notifications.tasks import send_pending_emails

    send_pending_emails()  # the fixture's submission mail (its commit callbacks never ran)
    mail.outbox.clear()

    # 1. The office returns it with two reasons: a checklist item and a free line.
    with django_capture_on_commit_callbacks(execute=True):
        returned = services.review_return(
            dossier=submitted_a,
            actor=office_user,
            items={key: {"status": "fix", "comment": "Bổ sung số hồ sơ giải quyết trước hạn năm 2025."}},
            reasons=["Biên bản họp thiếu chữ ký của thư ký."],
            due_date=DUE,
            dossier_version=submitted_a.version,
            review_version=1,
        )
    dossier = Dossier.objects.get(pk=submitted_a.pk)
    assert dossier.state == "returned"
    assert returned.reasons == [
        {
            "item": "Báo cáo thành tích đầy đủ, có xác nhận – Ông Trần Ngọc Sơn",
            "text": "Bổ sung số hồ sơ giải quyết trước hạn năm 2025.",
        },
        {"item": "", "text": "Biên bản họp thiếu chữ ký của thư ký."},
    ]
    assert DossierReview.objects.get(dossier=dossier).supplement_due == DUE
    # The unit's dossier page shows the office's note: every reason and the due date.
    assert (
        "1. Báo cáo thành tích đầy đủ, có xác nhận – Ông Trần Ngọc Sơn: Bổ sung số hồ sơ" in dossier.last_note
    )
    assert "2. Biên bản họp thiếu chữ ký của thư ký." in dossier.last_note
    assert "Hạn nộp lại hồ sơ: 08/12/2025." in dossier.last_note
    # The unit head is told, in the app and by e-mail (outbox, sent by the worker).
    note = Notification.objects.get(recipient=head_a)
    assert note.subject == "Hồ sơ đề nghị khen thưởng cần bổ sung: Trung tâm Phục vụ hành chính công"
    assert "Biên bản họp thiếu chữ ký của thư ký." in note.body
    sent = _sent()
    assert [m.to for m in sent] == [[head_a.email]]
    message = sent[0]
    assert message.subject == "[Thi đua An Hải] " + note.subject
    assert "Kính gửi Ông Phạm Văn Tâm," in message.body
    assert (
        "1. Báo cáo thành tích đầy đủ, có xác nhận – Ông Trần Ngọc Sơn: Bổ sung số hồ sơ giải quyết trước hạn"
        in message.body
    )
    assert "2. Biên bản họp thiếu chữ ký của thư ký." in message.body
    assert "Hạn nộp lại hồ sơ: 08/12/2025." in message.body
    assert f"https://thidua.anhai.example.vn/ho-so/{dossier.pk}/" in message.body
    html = message.alternatives[0][0]
    assert "<br>2. Biên bản họp thiếu chữ ký của thư ký.<br>" in html

    # 2. The unit fixes the report and resubmits: the office gets the resubmission.
    time_machine.move_to(
        dt.datetime(2025, 12, 3, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False
    )
    fill_report(nominee, head_a, results="Giải quyết 100% hồ sơ đúng hạn, 96% trước hạn năm 2025.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_services.dossier_submit(dossier=dossier, actor=head_a)
    assert dossier.state == "resubmitted" and dossier.submission_count == 2
    send_pending_emails()  # the beat sender (the after-commit kick may have sent them already)
    # One outbox row per office address (the office user, the receiving unit's mailbox), each sent once.
    office_mail = [m for m in mail.outbox if office_user.email in m.to or "vhxh@anhai.example.vn" in m.to]
    assert sorted(m.to for m in office_mail) == sorted([[office_user.email], ["vhxh@anhai.example.vn"]])
    for message in office_mail:
        assert message.subject == "[Thi đua An Hải] Hồ sơ nộp lại: Trung tâm Phục vụ hành chính công"
        assert "Trung tâm Phục vụ hành chính công đã nộp lại hồ sơ đề nghị khen thưởng" in message.body

    # 3. The office marks the item done and accepts: every nominee accepted, the unit head told.
    page = _page(dossier)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_decide(
            dossier=dossier,
            actor=office_user,
            items={key: {"status": "ok", "comment": "Đã bổ sung."}},
            decisions={b.nominee.pk: {"decision": "accepted"} for b in page.nominee_blocks},
            dossier_version=dossier.version,
            review_version=page.review.version,
        )
    dossier.refresh_from_db()
    assert dossier.state == "accepted"
    assert NomineeDecision.objects.filter(dossier=dossier, decision="accepted").count() == 3
    assert accepted_nominees(dossier.campaign).count() == 3
    sent = _sent()
    assert [m.to for m in sent] == [[head_a.email]]
    assert sent[0].subject == (
        "[Thi đua An Hải] Hồ sơ đề nghị khen thưởng đã được tiếp nhận: Trung tâm Phục vụ hành chính công"
    )
    for name in ("Trung tâm Phục vụ hành chính công", "Ông Trần Ngọc Sơn", "Bà Lê Thị Mỹ Duyên"):
        assert f"- {name}" in sent[0].body
    assert "Không tiếp nhận" not in sent[0].body


def test_accept_some_nominees_reject_another_with_a_reason(
    submitted_a, office_user, head_a, django_capture_on_commit_callbacks
):
    page = _page(submitted_a)
    collective, son, duyen = (b.nominee for b in page.nominee_blocks)
    decisions = {
        collective.pk: {"decision": "accepted"},
        son.pk: {"decision": "accepted"},
        duyen.pk: {"decision": "rejected", "reason": ""},
    }
    with pytest.raises(DomainError, match="Hãy ghi lý do không tiếp nhận Bà Lê Thị Mỹ Duyên"):
        services.review_decide(dossier=submitted_a, actor=office_user, decisions=decisions)
    assert Dossier.objects.get(pk=submitted_a.pk).state == "submitted"

    decisions[duyen.pk]["reason"] = "Chưa đủ 12 tháng công tác trong kỳ thi đua."
    with django_capture_on_commit_callbacks(execute=True):
        services.review_decide(dossier=submitted_a, actor=office_user, decisions=decisions)
    dossier = Dossier.objects.get(pk=submitted_a.pk)
    assert dossier.state == "accepted"
    assert (
        "Không tiếp nhận:\n- Bà Lê Thị Mỹ Duyên: Chưa đủ 12 tháng công tác trong kỳ thi đua."
        in dossier.last_note
    )
    assert set(accepted_nominees(dossier.campaign)) == {collective, son}
    body = Notification.objects.get(recipient=head_a).body
    assert "- Bà Lê Thị Mỹ Duyên: Chưa đủ 12 tháng công tác trong kỳ thi đua." in body


def test_every_nominee_rejected_rejects_the_dossier(submitted_a, office_user, head_a):
    page = _page(submitted_a)
    services.review_decide(
        dossier=submitted_a,
        actor=office_user,
        decisions={
            b.nominee.pk: {"decision": "rejected", "reason": "Không đạt tiêu chuẩn."}
            for b in page.nominee_blocks
        },
    )
    assert Dossier.objects.get(pk=submitted_a.pk).state == "rejected"
    assert not accepted_nominees(submitted_a.campaign).exists()
    note = Notification.objects.get(recipient=head_a)
    assert note.subject == "Hồ sơ đề nghị khen thưởng không được tiếp nhận: Trung tâm Phục vụ hành chính công"
    assert "- Ông Trần Ngọc Sơn: Không đạt tiêu chuẩn." in note.body


def test_accept_refused_while_an_item_is_marked_to_fix(submitted_a, office_user):
    page = _page(submitted_a)
    requirement_key = page.requirement_rows[2].key
    with pytest.raises(DomainError, match="đang được đánh dấu cần bổ sung"):
        services.review_decide(
            dossier=submitted_a,
            actor=office_user,
            items={requirement_key: {"status": "fix", "comment": "Biên bản chưa ký."}},
            decisions={b.nominee.pk: {"decision": "accepted"} for b in page.nominee_blocks},
        )
    assert Dossier.objects.get(pk=submitted_a.pk).state == "submitted"
    # A nominee marked to fix can still be rejected while the others are accepted.
    nominee = page.nominee_blocks[2].nominee
    key = _key(page, nominee, "standard")
    decisions = {b.nominee.pk: {"decision": "accepted"} for b in page.nominee_blocks}
    decisions[nominee.pk] = {"decision": "rejected", "reason": "Không đạt tiêu chuẩn."}
    services.review_decide(
        dossier=submitted_a,
        actor=office_user,
        items={key: {"status": "fix", "comment": "Minh chứng chưa rõ."}},
        decisions=decisions,
    )
    assert Dossier.objects.get(pk=submitted_a.pk).state == "accepted"


def test_two_reviewers_at_once_the_second_is_told_and_nothing_is_overwritten(
    submitted_a, office_user, admin_user
):
    page = _page(submitted_a)  # both reviewers opened the page now
    versions = {"dossier_version": page.dossier.version, "review_version": page.review.version}
    services.review_return(
        dossier=submitted_a, actor=office_user, reasons=["Thiếu minh chứng."], due_date=DUE, **versions
    )
    with pytest.raises(StaleReview, match="vừa lưu kết quả thẩm định"):
        services.review_decide(
            dossier=submitted_a,
            actor=admin_user,
            decisions={b.nominee.pk: {"decision": "accepted"} for b in page.nominee_blocks},
            **versions,
        )
    # Only the dossier's version stale (e.g. the unit withdrew meanwhile): refused as well.
    with pytest.raises(StaleDossier):
        services.review_decide(
            dossier=submitted_a,
            actor=admin_user,
            decisions={},
            dossier_version=versions["dossier_version"],
            review_version=DossierReview.objects.get(dossier=submitted_a).version,
        )
    dossier = Dossier.objects.get(pk=submitted_a.pk)
    assert dossier.state == "returned"
    assert not NomineeDecision.objects.exists()
    assert ReviewReturn.objects.count() == 1


def test_checklist_save_keeps_findings_and_bumps_the_version(submitted_a, office_user):
    page = _page(submitted_a)
    key = page.requirement_rows[0].key
    review = services.review_save(
        dossier=submitted_a,
        actor=office_user,
        items={key: {"status": "ok", "comment": "Đủ."}},
        review_version=1,
    )
    assert review.version == 2
    item = ReviewItem.objects.get()
    assert (item.status, item.comment, item.requirement_id) == (
        "ok",
        "Đủ.",
        page.requirement_rows[0].requirement.pk,
    )
    with pytest.raises(StaleReview):
        services.review_save(dossier=submitted_a, actor=office_user, items={}, review_version=1)


def test_mark_received_once_per_submission(submitted_a, office_user, head_a):
    assert services.review_mark_received(dossiers=[submitted_a], actor=office_user) == 1
    assert services.review_mark_received(dossiers=[submitted_a], actor=office_user) == 0
    note = Notification.objects.get(recipient=head_a)
    assert note.subject == "Phòng Văn hóa - Xã hội đã nhận hồ sơ của Trung tâm Phục vụ hành chính công"
    # 10 working days after Monday 01/12/2025.
    assert "Thời hạn thẩm định: đến ngày 15/12/2025." in note.body
    assert OutboundEmail.objects.filter(to=head_a.email).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_in_two_threads_one_wins(
    campaign, unit_a, head_a, officials_a, office_user, admin_user
):
    import threading

    from django.db import connection

    from .conftest import complete_dossier

    if connection.vendor == "sqlite":
        pytest.skip("SQLite has no row locks; the sequential conflict test covers it")
    dossier = dossier_services.dossier_create(campaign=campaign, unit=unit_a, actor=head_a)
    complete_dossier(dossier, head_a, unit_a, officials_a)
    dossier = dossier_services.dossier_submit(dossier=Dossier.objects.get(pk=dossier.pk), actor=head_a)
    page = _page(dossier)
    versions = {"dossier_version": page.dossier.version, "review_version": page.review.version}
    barrier = threading.Barrier(2)
    results = []

    def act(action):
        from django.db import connections

        barrier.wait()
        try:
            if action == "return":
                services.review_return(
                    dossier=dossier,
                    actor=office_user,
                    reasons=["Thiếu minh chứng."],
                    due_date=DUE,
                    **versions,
                )
            else:
                services.review_decide(
                    dossier=dossier,
                    actor=admin_user,
                    decisions={b.nominee.pk: {"decision": "accepted"} for b in page.nominee_blocks},
                    **versions,
                )
            results.append(action)
        except DomainError:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(a,)) for a in ("return", "decide")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) in (["refused", "return"], ["decide", "refused"])
    dossier.refresh_from_db()
    winner = next(r for r in results if r != "refused")
    assert dossier.state == ("returned" if winner == "return" else "accepted")
    assert ReviewReturn.objects.count() == (1 if winner == "return" else 0)
    assert NomineeDecision.objects.count() == (0 if winner == "return" else 3)
