"""Dossier services: completeness, deadline and extension, every transition, double submit, e-mail, NFC."""

import datetime as dt
import threading
import unicodedata

import pytest
from django.core import mail
from django.db import connection

from anhai_thidua.core.models import AuditEntry
from campaigns.models import DossierRequirement
from nominations import services
from nominations.enums import DOSSIER_TRANSITIONS, DossierState
from nominations.errors import DomainError, IllegalTransition, IncompleteDossier, StaleDossier
from nominations.models import AchievementReport, Attachment, Dossier, Nominee
from nominations.selectors import dossier_detail
from tests.factories import OfficialFactory

from .conftest import (
    DEADLINE,
    add_collective,
    add_individual,
    complete_dossier,
    fill_report,
    pdf_upload,
    save_minutes,
)


def audit_actions(dossier):
    return list(
        AuditEntry.objects.filter(object_id=dossier.pk, content_type__model="dossier")
        .order_by("id")
        .values_list("action", flat=True)
    )


# ---- completeness ---------------------------------------------------------------------------------------------
def test_empty_dossier_lists_what_is_missing(dossier_a):
    missing = dossier_detail(dossier_a).missing()
    assert missing == [
        "Hồ sơ chưa có tập thể, cá nhân nào được đề nghị khen thưởng.",
        "Chưa có biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị.",
    ]


def test_completeness_lists_every_missing_piece(dossier_a, head_a, unit_a, officials_a):
    collective = add_collective(dossier_a, head_a, unit_a)
    son = add_individual(dossier_a, head_a, officials_a[0])
    duyen = add_individual(dossier_a, head_a, officials_a[1])
    fill_report(collective, head_a)  # complete and confirmed
    fill_report(son, head_a, confirm=False, not_under_inspection=False, results="")
    services.minutes_save(
        dossier=dossier_a,
        actor=head_a,
        fields={
            "meeting_date": dt.date(2025, 11, 25),
            "meeting_place": "Phòng họp",
            "chair_name": "Phạm Văn Tâm",
            "secretary_name": "Cao Thị Phương Thảo",
            "members_total": 9,
            "members_present": 5,
        },
        votes={collective.pk: (5, 5), son.pk: (2, 5)},
    )
    missing = dossier_detail(dossier_a).missing()
    assert "Báo cáo thành tích của Ông Trần Ngọc Sơn còn thiếu: thành tích đạt được." in missing
    assert any("Ông Trần Ngọc Sơn chưa cam kết đủ" in m for m in missing)
    assert "Báo cáo thành tích của Ông Trần Ngọc Sơn chưa có xác nhận của thủ trưởng đơn vị." in missing
    assert "Chưa lập báo cáo thành tích của Bà Lê Thị Mỹ Duyên." in missing
    assert "Biên bản họp: số thành viên có mặt (5/9) chưa đủ hai phần ba." in missing
    assert "Biên bản họp chưa ghi kết quả biểu quyết đối với Bà Lê Thị Mỹ Duyên." in missing
    assert "Ông Trần Ngọc Sơn được 2/5 phiếu đồng ý, chưa quá nửa nên không thể đề nghị." in missing
    assert "Chưa tải lên bản chụp biên bản họp có chữ ký." in missing
    assert not any(unit_a.name in m for m in missing)  # the collective is complete
    assert duyen.pk


def test_required_other_component_must_be_uploaded(complete_a, head_a, campaign):
    requirement = DossierRequirement.objects.create(
        campaign=campaign, kind="khac", text="Bảng tổng hợp kết quả chấm điểm CCHC", order=9
    )
    assert dossier_detail(complete_a).missing() == ["Chưa tải lên: Bảng tổng hợp kết quả chấm điểm CCHC"]
    services.attachment_add(
        dossier=complete_a,
        actor=head_a,
        file=pdf_upload("bang-diem.pdf"),
        kind="khac",
        requirement=requirement,
    )
    assert dossier_detail(complete_a).missing() == []


def test_complete_dossier_has_nothing_missing(complete_a):
    detail = dossier_detail(complete_a)
    assert detail.missing() == []
    assert detail.blockers() == []
    assert [n.display_name for n in detail.nominees] == [
        "Trung tâm Phục vụ hành chính công",
        "Trần Ngọc Sơn",
        "Lê Thị Mỹ Duyên",
    ]


def test_submit_incomplete_dossier_lists_problems_and_changes_nothing(dossier_a, head_a):
    with pytest.raises(IncompleteDossier) as exc:
        services.dossier_submit(dossier=dossier_a, actor=head_a)
    assert len(exc.value.problems) == 2
    assert "Hồ sơ chưa thể nộp" in str(exc.value)
    dossier_a.refresh_from_db()
    assert dossier_a.state == DossierState.DRAFT
    assert audit_actions(dossier_a) == ["dossier_create"]
    assert mail.outbox == []


def test_report_change_after_confirmation_needs_new_confirmation(complete_a, head_a):
    nominee = complete_a.nominees.filter(kind="individual").first()
    services.report_save(nominee=nominee, actor=head_a, fields={"results": "Kết quả mới."})
    report = AchievementReport.objects.get(nominee=nominee)
    assert not report.is_confirmed
    assert any("chưa có xác nhận" in m for m in dossier_detail(complete_a).missing())


def test_report_confirm_refused_while_incomplete(dossier_a, head_a, officials_a):
    nominee = add_individual(dossier_a, head_a, officials_a[0])
    fill_report(nominee, head_a, confirm=False, duties="", no_pending_complaint=False)
    with pytest.raises(DomainError, match="còn thiếu: nhiệm vụ được giao; chưa cam kết đủ"):
        services.report_confirm(nominee=nominee, actor=head_a)


# ---- deadline and extension -----------------------------------------------------------------------------------
def test_submit_on_deadline_day_is_accepted(complete_a, head_a, time_machine):
    time_machine.move_to(
        dt.datetime(2025, 12, 15, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False
    )
    services.dossier_submit(dossier=complete_a, actor=head_a)
    complete_a.refresh_from_db()
    assert complete_a.state == DossierState.SUBMITTED


def test_submit_after_deadline_refused_until_extension(complete_a, head_a, office_user, campaign, unit_a):
    late = DEADLINE + dt.timedelta(days=2)
    with pytest.raises(IncompleteDossier) as exc:
        services.dossier_submit(dossier=complete_a, actor=head_a, today=late)
    assert exc.value.problems == [
        "Đã quá hạn nộp hồ sơ (15/12/2025). Đơn vị chỉ nộp được khi Phòng Văn hóa - Xã hội gia hạn cho đơn vị."
    ]
    services.extension_grant(
        campaign=campaign,
        unit=unit_a,
        actor=office_user,
        new_deadline=DEADLINE + dt.timedelta(days=5),
        reason="Đơn vị họp Hội đồng muộn do bão.",
        today=late,
    )
    services.dossier_submit(dossier=complete_a, actor=head_a, today=late)
    complete_a.refresh_from_db()
    assert complete_a.state == DossierState.SUBMITTED
    assert "extension_grant" in audit_actions(complete_a)


def test_extension_expires_too(complete_a, head_a, office_user, campaign, unit_a):
    services.extension_grant(
        campaign=campaign, unit=unit_a, actor=office_user, new_deadline=dt.date(2025, 12, 20), reason="Lý do"
    )
    with pytest.raises(IncompleteDossier, match="Đã quá hạn nộp hồ sơ được gia hạn"):
        services.dossier_submit(dossier=complete_a, actor=head_a, today=dt.date(2025, 12, 21))


def test_extension_of_other_unit_does_not_help(complete_a, head_a, office_user, campaign, unit_b):
    services.extension_grant(
        campaign=campaign, unit=unit_b, actor=office_user, new_deadline=dt.date(2025, 12, 31), reason="Lý do"
    )
    with pytest.raises(IncompleteDossier, match="Đã quá hạn"):
        services.dossier_submit(dossier=complete_a, actor=head_a, today=dt.date(2025, 12, 20))


def test_extension_only_by_office_and_with_reason(campaign, unit_a, head_a, office_user):
    with pytest.raises(DomainError, match="Chỉ Phòng Văn hóa - Xã hội"):
        services.extension_grant(
            campaign=campaign, unit=unit_a, actor=head_a, new_deadline=dt.date(2025, 12, 31), reason="x"
        )
    with pytest.raises(DomainError, match="lý do"):
        services.extension_grant(
            campaign=campaign, unit=unit_a, actor=office_user, new_deadline=dt.date(2025, 12, 31), reason=" "
        )
    with pytest.raises(DomainError, match="sau hạn nộp"):
        services.extension_grant(
            campaign=campaign, unit=unit_a, actor=office_user, new_deadline=DEADLINE, reason="x"
        )


def test_returned_dossier_may_come_back_after_deadline(complete_a, head_a, office_user):
    services.dossier_submit(dossier=complete_a, actor=head_a)
    services.dossier_return(dossier=complete_a, actor=office_user, note="Bổ sung bản chụp báo cáo.")
    services.dossier_submit(dossier=complete_a, actor=head_a, today=DEADLINE + dt.timedelta(days=10))
    complete_a.refresh_from_db()
    assert complete_a.state == DossierState.RESUBMITTED


def test_submit_refused_when_campaign_not_launched(complete_a, head_a, campaign):
    campaign.status = "closed"
    campaign.save()
    with pytest.raises(IncompleteDossier, match="chỉ nộp hồ sơ khi phong trào đã phát động"):
        services.dossier_submit(dossier=complete_a, actor=head_a)


# ---- transitions, table-driven ---------------------------------------------------------------------------------
CASES = [(action, state) for action in DOSSIER_TRANSITIONS for state in DossierState.values]


@pytest.mark.parametrize(("action", "from_state"), CASES)
def test_every_transition_legal_or_refused(complete_a, head_a, office_user, action, from_state):
    # Submitted once before, so a draft here is a reopened one (a never-submitted draft is discarded instead:
    # test_never_submitted_draft_is_discarded_not_withdrawn).
    Dossier.objects.filter(pk=complete_a.pk).update(state=from_state, submission_count=1)
    complete_a.refresh_from_db()
    who, moves = DOSSIER_TRANSITIONS[action]
    actor = head_a if who == "unit" else office_user
    service = getattr(services, f"dossier_{action}")
    kwargs = {"dossier": complete_a, "actor": actor}
    if action in {"return", "reject"}:
        kwargs["note"] = "Thiếu bản chụp có chữ ký."
    before = audit_actions(complete_a)
    if from_state in moves:
        result = service(**kwargs)
        assert result.state == moves[from_state]
        complete_a.refresh_from_db()
        assert complete_a.state == moves[from_state]
        assert audit_actions(complete_a) == [*before, f"dossier_{action}"]
        entry = AuditEntry.objects.order_by("-id").first()
        assert (entry.from_state, entry.to_state, entry.actor) == (from_state, moves[from_state], actor)
    else:
        with pytest.raises(IllegalTransition):
            service(**kwargs)
        complete_a.refresh_from_db()
        assert complete_a.state == from_state
        assert audit_actions(complete_a) == before


def test_transition_table_covers_the_issue():
    assert DOSSIER_TRANSITIONS["submit"][1] == {"draft": "submitted", "returned": "resubmitted"}
    assert "accepted" not in DOSSIER_TRANSITIONS["withdraw"][1]
    assert DOSSIER_TRANSITIONS["reopen"][1] == {"withdrawn": "draft"}


@pytest.mark.parametrize("action", ["submit", "withdraw", "reopen"])
def test_unit_actions_refused_to_office_and_other_head(complete_a, office_user, head_b, action):
    if action == "reopen":
        Dossier.objects.filter(pk=complete_a.pk).update(state="withdrawn")
    for actor in (office_user, head_b):
        with pytest.raises(DomainError, match="Chỉ thủ trưởng"):
            getattr(services, f"dossier_{action}")(dossier=complete_a, actor=actor)


@pytest.mark.parametrize("action", ["return", "accept", "reject"])
def test_office_actions_refused_to_unit_head(complete_a, head_a, action):
    services.dossier_submit(dossier=complete_a, actor=head_a)
    with pytest.raises(DomainError, match="Chỉ Phòng Văn hóa - Xã hội"):
        getattr(services, f"dossier_{action}")(dossier=complete_a, actor=head_a, note="x")


@pytest.mark.parametrize("action", ["return", "reject"])
def test_return_and_reject_need_reasons(complete_a, head_a, office_user, action):
    services.dossier_submit(dossier=complete_a, actor=head_a)
    with pytest.raises(DomainError, match="lý do"):
        getattr(services, f"dossier_{action}")(dossier=complete_a, actor=office_user, note="  ")


def test_return_keeps_reason_and_allows_editing_again(complete_a, head_a, office_user, officials_a):
    services.dossier_submit(dossier=complete_a, actor=head_a)
    with pytest.raises(DomainError, match="chỉ sửa được khi đang soạn"):
        add_individual(complete_a, head_a, officials_a[2])
    services.dossier_return(dossier=complete_a, actor=office_user, note="Bổ sung minh chứng cho tập thể.")
    complete_a.refresh_from_db()
    assert complete_a.last_note == "Bổ sung minh chứng cho tập thể."
    add_individual(complete_a, head_a, officials_a[2])
    assert complete_a.nominees.count() == 4


# ---- double submit --------------------------------------------------------------------------------------------
def test_double_submit_with_stale_version_makes_one_submission(
    complete_a, head_a, django_capture_on_commit_callbacks
):
    seen_version = complete_a.version
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(dossier=complete_a, actor=head_a, expected_version=seen_version)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(StaleDossier, match="Đã nộp"):
        services.dossier_submit(dossier=complete_a, actor=head_a, expected_version=seen_version)
    complete_a.refresh_from_db()
    assert complete_a.state == DossierState.SUBMITTED
    assert complete_a.submission_count == 1
    assert audit_actions(complete_a).count("dossier_submit") == 1
    # One mail to the office (here only the receiving unit's mailbox: no office user).
    assert [(m.to, m.subject) for m in mail.outbox] == [(["vhxh@anhai.example.vn"], OFFICE_SUBJECT)]


@pytest.mark.django_db(transaction=True)
def test_double_submit_from_two_threads_makes_one_submission(
    campaign, unit_a, head_a, officials_a, django_capture_on_commit_callbacks
):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite has no row locks; the sequential stale-version test covers it")
    dossier = services.dossier_create(campaign=campaign, unit=unit_a, actor=head_a)
    complete_dossier(dossier, head_a, unit_a, officials_a)
    version = Dossier.objects.get(pk=dossier.pk).version
    results = []
    barrier = threading.Barrier(2)

    def click():
        from django.db import connections

        barrier.wait()
        try:
            services.dossier_submit(dossier=dossier, actor=head_a, expected_version=version)
            results.append("ok")
        except DomainError:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused"]
    dossier.refresh_from_db()
    assert dossier.submission_count == 1
    assert audit_actions(dossier).count("dossier_submit") == 1
    assert len(mail.outbox) == 1


# ---- the e-mail to the office (through the notifications outbox) ----------------------------------------------
OFFICE_SUBJECT = "[Thi đua An Hải] Hồ sơ đề nghị khen thưởng: Trung tâm Phục vụ hành chính công"
RESUBMITTED_SUBJECT = "[Thi đua An Hải] Hồ sơ nộp lại: Trung tâm Phục vụ hành chính công"


def office_email():
    from organisation.models import User

    return User.objects.get(username="office").email


def outbox_rows():
    from notifications.models import OutboundEmail

    return list(OutboundEmail.objects.order_by("pk").values_list("to", "subject", "status"))


def test_submit_writes_the_office_mail_to_the_outbox_and_it_is_sent_once_after_commit(
    complete_a, head_a, office_user, django_capture_on_commit_callbacks
):
    from notifications.models import OutboundEmail
    from notifications.tasks import send_pending_emails

    office_user.email = "thu.ha@anhai.example.vn"
    office_user.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.dossier_submit(dossier=complete_a, actor=head_a)
    # In the submission's transaction: one outbox row per recipient, nothing sent yet.
    assert outbox_rows() == [
        ("thu.ha@anhai.example.vn", OFFICE_SUBJECT, "pending"),
        ("vhxh@anhai.example.vn", OFFICE_SUBJECT, "pending"),
    ]
    assert mail.outbox == []
    for callback in callbacks:
        callback()  # after commit: the outbox sender runs
    assert outbox_rows() == [
        ("thu.ha@anhai.example.vn", OFFICE_SUBJECT, "sent"),
        ("vhxh@anhai.example.vn", OFFICE_SUBJECT, "sent"),
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["thu.ha@anhai.example.vn"], OFFICE_SUBJECT),
        (["vhxh@anhai.example.vn"], OFFICE_SUBJECT),
    ]
    user_mail, mailbox = mail.outbox
    assert user_mail.body.startswith("Kính gửi Bà Lê Thị Thu Hà,\n")
    assert mailbox.body.startswith("Kính gửi Phòng Văn hóa - Xã hội,\n")
    for message in mail.outbox:
        assert "Trung tâm Phục vụ hành chính công đã nộp hồ sơ đề nghị khen thưởng." in message.body
        assert "1. Trung tâm Phục vụ hành chính công — Giấy khen của Chủ tịch UBND phường" in message.body
        assert "2. Ông Trần Ngọc Sơn" in message.body
        assert "3. Bà Lê Thị Mỹ Duyên" in message.body
        # The office acts on the review page, not the unit's dossier page.
        assert f"https://thidua.anhai.example.vn/tham-dinh/ho-so/{complete_a.pk}/" in message.body
        assert "01/12/2025 09:00" in message.body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert f'href="https://thidua.anhai.example.vn/tham-dinh/ho-so/{complete_a.pk}/"' in html
        assert "<strong>Trung tâm Phục vụ hành chính công</strong>" in html
        assert "Xem và thẩm định hồ sơ" in html
    # Running the sender again (beat, a redelivered task) sends nothing more.
    assert send_pending_emails() == 0
    assert len(mail.outbox) == 2
    assert OutboundEmail.objects.filter(recipient=office_user).get().notification.link == (
        f"/tham-dinh/ho-so/{complete_a.pk}/"
    )


def test_submit_with_the_broker_down_succeeds_and_the_beat_sender_mails_once(
    complete_a, head_a, office_user, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from anhai_thidua.core import broker
    from notifications.tasks import send_pending_emails

    def broker_down(*args, **kwargs):
        raise OperationalError("broker unreachable")

    monkeypatch.setattr(send_pending_emails, "apply_async", broker_down)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.dossier_submit(dossier=complete_a, actor=head_a)
    finally:
        broker.reset()
    complete_a.refresh_from_db()
    assert complete_a.state == DossierState.SUBMITTED  # the unit's action stands
    assert mail.outbox == []
    assert outbox_rows() == [  # nothing is lost: the mail waits in the database
        (office_email(), OFFICE_SUBJECT, "pending"),
        ("vhxh@anhai.example.vn", OFFICE_SUBJECT, "pending"),
    ]
    assert send_pending_emails() == 2  # the broker is back: beat sends it
    assert send_pending_emails() == 0  # and only once
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([office_email()], OFFICE_SUBJECT),
        (["vhxh@anhai.example.vn"], OFFICE_SUBJECT),
    ]


def test_a_resubmission_is_a_new_mail_that_says_so(
    complete_a, head_a, office_user, django_capture_on_commit_callbacks
):
    from notifications.tasks import send_pending_emails

    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(dossier=complete_a, actor=head_a)
        services.dossier_return(dossier=complete_a, actor=office_user, note="Bổ sung.")
        services.dossier_submit(dossier=complete_a, actor=head_a)
    to_office = [(m.to, m.subject) for m in mail.outbox if "Hồ sơ" in m.subject and head_a.email not in m.to]
    assert to_office == [
        ([office_email()], OFFICE_SUBJECT),
        (["vhxh@anhai.example.vn"], OFFICE_SUBJECT),
        ([office_email()], RESUBMITTED_SUBJECT),
        (["vhxh@anhai.example.vn"], RESUBMITTED_SUBJECT),
    ]
    resubmitted = [m for m in mail.outbox if m.subject == RESUBMITTED_SUBJECT]
    assert all("đã nộp lại hồ sơ đề nghị khen thưởng sau khi bổ sung." in m.body for m in resubmitted)
    sent = len(mail.outbox)
    assert send_pending_emails() == 0  # a repeated sender run sends nothing
    assert len(mail.outbox) == sent


def test_office_decision_notifies_unit_heads_with_reasons(
    complete_a, head_a, office_user, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_submit(dossier=complete_a, actor=head_a)
    review = f"/tham-dinh/ho-so/{complete_a.pk}/"
    assert Notification.objects.filter(recipient=office_user, link=review).count() == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_return(
            dossier=complete_a, actor=office_user, note="Bổ sung bản chụp báo cáo của Ông Sơn."
        )
    notice = Notification.objects.get(recipient=head_a)
    assert notice.subject == "Hồ sơ đề nghị khen thưởng cần bổ sung: Trung tâm Phục vụ hành chính công"
    assert notice.link == f"/ho-so/{complete_a.pk}/"
    assert [m.to for m in mail.outbox] == [[head_a.email]]
    assert "Bổ sung bản chụp báo cáo của Ông Sơn." in mail.outbox[0].body


# ---- nominees, text, files -----------------------------------------------------------------------------------------
def test_text_is_stored_in_nfc(dossier_a, head_a, officials_a):
    decomposed = unicodedata.normalize("NFD", "Ứng dụng công nghệ số trong tiếp nhận hồ sơ")
    nominee = add_individual(dossier_a, head_a, officials_a[0], evidence=decomposed)
    services.report_save(
        nominee=nominee, actor=head_a, fields={"results": decomposed, "cv_hometown": decomposed}
    )
    nominee.refresh_from_db()
    report = AchievementReport.objects.get(nominee=nominee)
    for value in (nominee.evidence, report.results, report.cv_hometown):
        assert value == "Ứng dụng công nghệ số trong tiếp nhận hồ sơ"
        assert unicodedata.is_normalized("NFC", value)


def test_only_own_officials_and_teams_can_be_nominated(dossier_a, head_a, unit_b, team_a):
    stranger = OfficialFactory(full_name="Hà Thị Thanh Thủy", unit=unit_b)
    with pytest.raises(DomainError, match="cán bộ, công chức của đơn vị mình"):
        add_individual(dossier_a, head_a, stranger)
    with pytest.raises(DomainError, match="chính đơn vị mình hoặc tổ"):
        add_collective(dossier_a, head_a, unit_b)
    add_collective(dossier_a, head_a, team_a)
    with pytest.raises(DomainError, match="đã có trong hồ sơ"):
        add_collective(dossier_a, head_a, team_a)


def test_other_head_cannot_edit(dossier_a, head_b, officials_a):
    with pytest.raises(DomainError, match="Chỉ thủ trưởng Trung tâm Phục vụ hành chính công"):
        add_individual(dossier_a, head_b, officials_a[0])


def test_dossier_create_once_per_unit(campaign, unit_a, head_a, head_b, team_a):
    first = services.dossier_create(campaign=campaign, unit=unit_a, actor=head_a)
    assert services.dossier_create(campaign=campaign, unit=unit_a, actor=head_a) == first
    assert Dossier.objects.count() == 1
    with pytest.raises(DomainError):
        services.dossier_create(campaign=campaign, unit=unit_a, actor=head_b)
    with pytest.raises(DomainError, match="không lập riêng cho tổ"):
        services.dossier_create(campaign=campaign, unit=team_a, actor=head_a)


def test_attachment_refuses_bad_files_and_writes_nothing(dossier_a, head_a, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    exe = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with pytest.raises(DomainError, match="chương trình chạy được"):
        services.attachment_add(dossier=dossier_a, actor=head_a, file=exe, kind="bien_ban")
    with pytest.raises(DomainError, match="rỗng"):
        services.attachment_add(
            dossier=dossier_a, actor=head_a, file=SimpleUploadedFile("a.pdf", b""), kind="bien_ban"
        )
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(DomainError, match="vượt quá"):
        services.attachment_add(dossier=dossier_a, actor=head_a, file=pdf_upload(), kind="bien_ban")
    assert Attachment.objects.count() == 0
    media = tmp_path / "media"
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_attachment_refused_past_the_dossier_total(dossier_a, head_a, settings, tmp_path):
    size = len(pdf_upload().read())
    settings.DOSSIER_UPLOAD_MAX_BYTES = size * 2
    services.attachment_add(dossier=dossier_a, actor=head_a, file=pdf_upload("mot.pdf"), kind="bien_ban")
    services.attachment_add(dossier=dossier_a, actor=head_a, file=pdf_upload("hai.pdf"), kind="to_trinh")
    with pytest.raises(DomainError) as exc:
        services.attachment_add(dossier=dossier_a, actor=head_a, file=pdf_upload("ba.pdf"), kind="khac")
    assert "Không tải lên được tệp “ba.pdf”" in str(exc.value)
    assert "tổng dung lượng tối đa của một hồ sơ là" in str(exc.value)
    assert sorted(Attachment.objects.values_list("original_name", flat=True)) == ["hai.pdf", "mot.pdf"]
    assert len([p for p in (tmp_path / "media").rglob("*") if p.is_file()]) == 2
    # Replacing a file of the same kind frees its room first.
    services.attachment_add(
        dossier=dossier_a, actor=head_a, file=pdf_upload("mot-moi.pdf"), kind="bien_ban", replace=True
    )
    assert sorted(Attachment.objects.values_list("original_name", flat=True)) == ["hai.pdf", "mot-moi.pdf"]


def test_attachment_replace_and_remove_delete_files(
    dossier_a, head_a, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.attachment_add(dossier=dossier_a, actor=head_a, file=pdf_upload(), kind="bien_ban")
        second = services.attachment_add(
            dossier=dossier_a, actor=head_a, file=pdf_upload("ban-moi.pdf"), kind="bien_ban", replace=True
        )
    media = tmp_path / "media"
    assert not (media / first.file_path).exists()
    assert (media / second.file_path).exists()
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["ban-moi.pdf"]
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_remove(attachment=second, actor=head_a)
    assert not (media / second.file_path).exists()
    assert Attachment.objects.count() == 0


def test_nominee_remove_takes_report_and_vote(complete_a, head_a):
    nominee = complete_a.nominees.filter(kind="individual").first()
    services.nominee_remove(nominee=nominee, actor=head_a)
    assert not Nominee.objects.filter(pk=nominee.pk).exists()
    assert not AchievementReport.objects.filter(nominee_id=nominee.pk).exists()
    assert dossier_detail(complete_a).missing() == []


def test_minutes_votes_validated(dossier_a, head_a, unit_a):
    collective = add_collective(dossier_a, head_a, unit_a)
    with pytest.raises(DomainError, match="lớn hơn tổng số phiếu"):
        save_minutes(dossier_a, head_a, votes={collective.pk: (8, 7)}, scan=False)
    with pytest.raises(DomainError, match="lớn hơn số thành viên có mặt"):
        save_minutes(dossier_a, head_a, votes={collective.pk: (8, 8)}, scan=False)


def test_every_write_bumps_version(dossier_a, head_a, unit_a):
    v = Dossier.objects.get(pk=dossier_a.pk).version
    add_collective(dossier_a, head_a, unit_a)
    assert Dossier.objects.get(pk=dossier_a.pk).version == v + 1
