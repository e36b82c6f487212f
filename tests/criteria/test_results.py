"""Criteria results: counts with validation, the unit's report, the office's validation / question cycle."""

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from anhai_thidua.core.domain import DomainError, IllegalTransition
from anhai_thidua.core.models import AuditEntry
from criteria.enums import Outcome, ResultStatus
from criteria.models import EvidenceFile, TargetResult
from criteria.services import evidence_attach, result_transition, results_report, results_save
from tests.pdf import MINIMAL_PDF

PDF = MINIMAL_PDF


def fill(period, unit, actor, targets, values):
    return results_save(
        period=period, unit=unit, actor=actor, values=dict(zip([t.pk for t in targets], values, strict=False))
    )


def test_results_save_stores_counts_and_computes_outcome(period, targets, unit_a, head_a):
    saved = fill(period, unit_a, head_a, targets, [(12, 12), (79, 100), (0, 0)])
    assert [r.status for r in saved] == [ResultStatus.DRAFT] * 3
    by_code = {r.target.code: r for r in TargetResult.objects.select_related("target")}
    assert by_code["cong-khai"].evaluation[1] == Outcome.MET
    assert by_code["dien-tu"].evaluation == (pytest.approx(79), Outcome.NOT_MET)
    assert by_code["dung-han"].outcome == Outcome.NOT_APPLICABLE


@pytest.mark.parametrize(
    "values, message",
    [
        ((11, 10), "“Số TTHC đã công khai” không được lớn hơn “Tổng số TTHC”"),
        ((-1, 10), "không được âm"),
        ((5, None), "hãy nhập cả hai số"),
    ],
)
def test_results_save_refuses_impossible_counts(period, targets, unit_a, head_a, values, message):
    with pytest.raises(DomainError, match=message):
        results_save(period=period, unit=unit_a, actor=head_a, values={targets[0].pk: values})
    assert not TargetResult.objects.exists()


def test_report_needs_every_target(period, targets, unit_a, head_a):
    fill(period, unit_a, head_a, targets[:2], [(12, 12), (80, 100)])
    with pytest.raises(DomainError, match="Còn chỉ tiêu chưa nhập số liệu: Hồ sơ giải quyết đúng hạn"):
        results_report(period=period, unit=unit_a, actor=head_a)


def test_validation_and_question_cycle(
    period, targets, unit_a, head_a, office_user, django_capture_on_commit_callbacks
):
    head_a.email = "head_a@anhai.example.vn"
    head_a.save()
    fill(period, unit_a, head_a, targets, [(12, 12), (79, 100), (49, 50)])
    reported = results_report(period=period, unit=unit_a, actor=head_a)
    assert {r.status for r in reported} == {ResultStatus.REPORTED}
    first, second, third = (TargetResult.objects.get(target=t) for t in targets)

    # A reported figure is locked for the unit.
    with pytest.raises(DomainError, match="đã gửi báo cáo"):
        results_save(period=period, unit=unit_a, actor=head_a, values={targets[1].pk: (80, 100)})

    validated = result_transition(result=first, action="validate", actor=office_user)
    assert validated.status == ResultStatus.VALIDATED
    assert validated.validated_by == office_user and validated.validated_at is not None

    with pytest.raises(DomainError, match="Hãy ghi rõ nội dung"):
        result_transition(result=second, action="question", actor=office_user, comment="  ")
    with django_capture_on_commit_callbacks(execute=True):
        questioned = result_transition(
            result=second,
            action="question",
            actor=office_user,
            comment="Tổng số hồ sơ chưa khớp Một cửa điện tử.",
        )
    assert questioned.status == ResultStatus.QUESTIONED
    assert questioned.office_comment == "Tổng số hồ sơ chưa khớp Một cửa điện tử."
    # Through the notifications outbox: one row, sent once after commit.
    from notifications.models import OutboundEmail
    from notifications.tasks import send_pending_emails

    subject = f"[Thi đua An Hải] Đề nghị xem lại số liệu: {targets[1].label}"
    assert list(OutboundEmail.objects.values_list("to", "subject", "status")) == [
        ("head_a@anhai.example.vn", subject, "sent")
    ]
    row = OutboundEmail.objects.get()
    assert "Ý kiến: Tổng số hồ sơ chưa khớp Một cửa điện tử." in row.body_text
    assert row.notification.recipient == head_a
    assert [(m.to, m.subject) for m in mail.outbox] == [(["head_a@anhai.example.vn"], subject)]
    assert "Tổng số hồ sơ chưa khớp Một cửa điện tử." in mail.outbox[0].body
    report_url = f"/tieu-chi/{period.campaign.slug}/don-vi/{unit_a.code}/ky/{period.pk}/"
    assert report_url in mail.outbox[0].body and row.notification.link in mail.outbox[0].body
    assert send_pending_emails() == 0 and len(mail.outbox) == 1

    # The unit corrects the questioned figure and reports it again; the validated one stays as it was.
    fill(period, unit_a, head_a, [targets[1]], [(81, 100)])
    again = results_report(period=period, unit=unit_a, actor=head_a)
    assert [r.pk for r in again] == [second.pk]
    second.refresh_from_db()
    assert (second.numerator, second.status, second.outcome) == (81, ResultStatus.REPORTED, Outcome.MET)
    result_transition(result=second, action="validate", actor=office_user)
    result_transition(result=third, action="validate", actor=office_user)
    assert set(TargetResult.objects.values_list("status", flat=True)) == {ResultStatus.VALIDATED}

    with pytest.raises(IllegalTransition):
        result_transition(result=first, action="validate", actor=office_user)
    actions = list(
        AuditEntry.objects.filter(object_id=second.pk, action__startswith="result_").values_list(
            "action", flat=True
        )
    )
    assert {"result_save", "result_report", "result_question", "result_validate"} <= set(actions)


def test_evidence_attach_stores_the_file_and_refuses_after_report(period, targets, unit_a, head_a):
    fill(period, unit_a, head_a, targets, [(12, 12), (80, 100), (49, 50)])
    result = TargetResult.objects.get(target=targets[0])
    evidence = evidence_attach(
        result=result, actor=head_a, upload=SimpleUploadedFile("Báo cáo công khai.pdf", PDF)
    )
    assert evidence.original_name == "Báo cáo công khai.pdf"
    assert evidence.size == len(PDF)
    with pytest.raises(DomainError, match="chương trình chạy được"):
        evidence_attach(
            result=result, actor=head_a, upload=SimpleUploadedFile("gia.pdf", b"MZ\x90\x00 not a pdf")
        )
    results_report(period=period, unit=unit_a, actor=head_a)
    result.refresh_from_db()
    with pytest.raises(DomainError, match="không thể thêm minh chứng"):
        evidence_attach(result=result, actor=head_a, upload=SimpleUploadedFile("b.pdf", PDF))
    assert EvidenceFile.objects.count() == 1


@time_machine.travel("2025-12-20 09:00 +0700", tick=False)
def test_report_form_keeps_what_was_typed_on_errors(period, targets, unit_a, head_a, login):
    client = login(head_a)
    url = reverse("criteria:report", args=[period.campaign.slug, unit_a.code, period.pk])
    data = {
        f"n_{targets[0].pk}": "13",
        f"d_{targets[0].pk}": "12",
        f"n_{targets[1].pk}": "80",
        f"d_{targets[1].pk}": "",
        f"n_{targets[2].pk}": "abc",
        f"d_{targets[2].pk}": "50",
        f"note_{targets[2].pk}": "Giải trình dài",
        "save": "",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "“Số TTHC đã công khai” không được lớn hơn “Tổng số TTHC” (12)." in body
    assert "Hãy nhập cả hai số của chỉ tiêu này" in body
    assert "Hãy nhập một số nguyên." in body
    for typed in ('value="13"', 'value="12"', 'value="80"', 'value="abc"', "Giải trình dài"):
        assert typed in body
    assert not TargetResult.objects.exists()


@time_machine.travel("2025-12-20 09:00 +0700", tick=False)
def test_unit_reports_and_office_validates_in_the_browser(
    period, targets, unit_a, head_a, office_user, login, client
):
    client = login(head_a)
    url = reverse("criteria:report", args=[period.campaign.slug, unit_a.code, period.pk])
    data = {"send": ""}
    for target, (n, d) in zip(targets, [(12, 12), (79, 100), (50, 50)], strict=False):
        data[f"n_{target.pk}"], data[f"d_{target.pk}"] = str(n), str(d)
    response = client.post(url, data, follow=True)
    assert "Đã gửi báo cáo kết quả tiêu chí" in response.content.decode()
    result = TargetResult.objects.get(target=targets[1])
    assert result.status == ResultStatus.REPORTED

    upload = client.post(
        reverse("criteria:evidence_upload", args=[result.pk]),
        {"file": SimpleUploadedFile("a.pdf", PDF)},
        follow=True,
    )
    assert "Số liệu đã gửi báo cáo: không thể thêm minh chứng." in upload.content.decode()

    office = login(office_user)
    unit_url = reverse("criteria:unit", args=[period.campaign.slug, unit_a.code])
    assert "Xác nhận" in office.get(unit_url).content.decode()
    office.post(reverse("criteria:review", args=[result.pk]), {"action": "question", "comment": ""})
    result.refresh_from_db()
    assert result.status == ResultStatus.REPORTED  # no comment, no question
    office.post(
        reverse("criteria:review", args=[result.pk]),
        {"action": "question", "comment": "Kiểm tra lại tổng số."},
    )
    result.refresh_from_db()
    assert result.status == ResultStatus.QUESTIONED
    page = login(head_a).get(url).content.decode()
    assert "Phòng VH-XH đề nghị xem lại" in page and "Kiểm tra lại tổng số." in page
