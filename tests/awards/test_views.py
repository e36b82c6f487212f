import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from anhai_thidua.core.models import FileJob
from anhai_thidua.core.money import dong
from awards.models import Award, Decision, Submission
from notifications.models import Notification
from tests.pdf import pdf_text

from .conftest import TODAY

# ---- permission matrix -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "draft", "edit", "issue", "view"),
    [
        ("office_user", 302, 200, 403, 200),
        ("chairman", 403, 403, 200, 200),
        ("vice_chairman", 403, 403, 200, 200),
        ("head_a", 403, 403, 403, 403),
        ("council_member", 403, 403, 403, 403),
    ],
)
def test_permission_matrix(request, login, submission, voted, office_user, who, draft, edit, issue, view):
    client = login(request.getfixturevalue(who))
    response = client.post(reverse("awards:draft", args=[voted.campaign.slug]))
    assert response.status_code == draft
    decision = Decision.objects.first() or _make_draft(voted, office_user)
    assert client.get(reverse("awards:edit", args=[decision.pk])).status_code == edit
    assert client.get(reverse("awards:issue", args=[decision.pk])).status_code == issue
    assert client.get(reverse("awards:decision", args=[decision.pk])).status_code == view
    assert client.get(reverse("awards:decision_pdf", args=[decision.pk])).status_code == view


def _make_draft(voted, office_user):
    from awards.services import decision_draft

    return decision_draft(campaign=voted.campaign, actor=office_user)


def test_anonymous_is_sent_to_sign_in(client, draft):
    response = client.get(reverse("awards:decision", args=[draft.pk]))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


# ---- drafting, editing, issuing through the pages ----------------------------------------------------------


def test_office_edits_the_draft_and_keeps_input_on_error(login, draft, office_user):
    client = login(office_user)
    url = reverse("awards:edit", args=[draft.pk])
    data = {
        "title": draft.title,
        "legal_bases": draft.legal_bases,
        "achievement": "Đã có thành tích xuất sắc năm 2025",
        "article1_intro": draft.article1_intro,
        "article2_text": draft.article2_text,
        "article3_text": "",
        "recipients": draft.recipients,
        "version": draft.version,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Đã có thành tích xuất sắc năm 2025" in response.content.decode()  # nothing typed is lost
    data["article3_text"] = "Văn phòng HĐND và UBND phường thi hành Quyết định này."
    response = client.post(url, data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.achievement == "Đã có thành tích xuất sắc năm 2025"


def test_chairman_issues_and_units_are_told_once(
    login, draft, chairman, voted, django_capture_on_commit_callbacks
):
    client = login(chairman)
    url = reverse("awards:issue", args=[draft.pk])
    refused = client.post(url, {"decision_date": "2026-02-05"})
    assert refused.status_code == 200  # confirmation required, explained in its own words
    body = refused.content.decode()
    assert (
        "Hãy đánh dấu ô xác nhận: Quyết định chỉ được ban hành khi người ký xác nhận đã đọc dự thảo" in body
    )
    assert "Trường này là bắt buộc" not in body and "This field is required" not in body
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision_date": "2026-02-05", "confirm": "on"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "issued" and draft.reference == "01/QĐ-UBND"
    # Units told: A (awarded + proposed), B (awarded + outside quota + below threshold), C (rejected).
    by_to = {m.to[0]: m for m in mail.outbox}
    assert len(mail.outbox) == 3
    a = by_to[_email_of("head_a")]
    assert a.subject == "[Thi đua An Hải] Kết quả khen thưởng: Phong trào thi đua CCHC 6 tháng cuối năm 2025"
    assert "Quyết định số 01/QĐ-UBND ngày 05/02/2026" in a.body
    assert (
        "Được tặng Giấy khen:\n- Trung tâm Phục vụ hành chính công\n- Bà Lê Thị Mỹ Duyên\n- Ông Trần Ngọc Sơn"
        in a.body
    )
    assert "Được đề nghị Chủ tịch UBND thành phố tặng Bằng khen:\n- Bà Cao Thị Phương Thảo" in a.body
    b = by_to[_email_of("head_b")]
    assert "- Công an phường: Đạt số phiếu nhưng ngoài số lượng khen thưởng theo Kế hoạch" in b.body
    assert "- Ông Phan Văn Út: Không đạt số phiếu đồng ý cần thiết của Hội đồng" in b.body
    c = by_to[_email_of("head_c")]
    assert "- Ông Võ Minh Khang: Hồ sơ không được tiếp nhận khi thẩm định" in c.body
    assert (
        Notification.objects.filter(dedupe_key__startswith=f"awards:decision:{draft.pk}:results").count() == 3
    )
    # Sending again (a retried task) tells nobody twice.
    from awards.services import results_notify

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        results_notify(decision=draft)
    assert mail.outbox == []


def _email_of(username):
    from organisation.models import User

    user = User.objects.get(username=username)
    return user.email or user.official.email


def test_issued_decision_page_offers_no_edit(login, issued, office_user):
    client = login(office_user)
    refused = client.get(reverse("awards:edit", args=[issued.pk]))
    assert refused.status_code == 403
    # the app's page in the site's layout, in Vietnamese, not a bare English "403 Forbidden"
    assert "Anh/chị không có quyền thực hiện việc này" in refused.content.decode()
    assert "Forbidden" not in refused.content.decode()
    page = client.get(reverse("awards:decision", args=[issued.pk])).content.decode()
    assert "01/QĐ-UBND" in page and "Sửa nội dung dự thảo" not in page


# ---- certificates job, verification, public page ----------------------------------------------------------


def test_certificates_job_runs_and_downloads(login, issued, office_user, django_capture_on_commit_callbacks):
    client = login(office_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("awards:certificates", args=[issued.pk]), {"phoi": "0"})
    job = FileJob.objects.get()
    assert response["Location"] == reverse("core:file_job", args=[job.pk])
    assert (job.kind, job.params, job.state, job.progress, job.filename) == (
        "awards.certificates",
        {"decision_id": issued.pk},
        "done",
        100,
        "giay-khen-01-2026.pdf",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Tệp đã sẵn sàng" in page and "In Giấy khen" in page
    assert reverse("awards:decision", args=[issued.pk]) in page
    download = client.get(reverse("core:file_job_download", args=[job.pk]))
    text = pdf_text(b"".join(download.streaming_content))
    assert text.count("GIẤY KHEN") == 5 and "Ông Trần Ngọc Sơn" in text


def test_large_bundles_go_to_the_worker(
    issued, office_user, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from anhai_thidua.core import tasks
    from awards.services import certificate_job_request

    sent = []
    monkeypatch.setattr(tasks.run_file_job_task, "delay", lambda job_id: sent.append(job_id))
    settings.CERTIFICATE_SYNC_LIMIT = 2
    with django_capture_on_commit_callbacks(execute=True):
        job = certificate_job_request(decision=issued, actor=office_user, blank_mode=False)
    assert sent == [job.pk] and FileJob.objects.get(pk=job.pk).state == "queued"
    # Asking again while it waits reuses the job, whoever asks.
    assert certificate_job_request(decision=issued, actor=office_user, blank_mode=False).pk == job.pk


@pytest.mark.parametrize(
    ("url_name", "kind", "text"),
    [
        ("awards:decision_pdf", "awards.decision_pdf", "QUYẾT ĐỊNH"),
        ("awards:payment_list_pdf", "awards.payment_list_pdf", "DANH SÁCH CHI TIỀN THƯỞNG"),
    ],
)
def test_a_large_decisions_pdf_is_made_in_the_background_once_per_version(
    login,
    issued,
    office_user,
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
    url_name,
    kind,
    text,
):
    """Above DOCUMENT_SYNC_LIMIT awards the link opens the job page (the worker makes the file); asked again,
    the finished file is given again; small decisions answer with the PDF at once."""
    from anhai_thidua.core import tasks
    from anhai_thidua.core.jobs import run_file_job

    client = login(office_user)
    url = reverse(url_name, args=[issued.pk])
    settings.DOCUMENT_SYNC_LIMIT = 5  # the decision has 5 awards: at once
    direct = client.get(url)
    assert direct["Content-Type"] == "application/pdf" and not FileJob.objects.exists()

    settings.DOCUMENT_SYNC_LIMIT = 4
    sent = []
    monkeypatch.setattr(tasks.run_file_job_task, "delay", lambda job_id: sent.append(job_id))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    job = FileJob.objects.get()
    assert response["Location"] == reverse("core:file_job", args=[job.pk]) and sent == [job.pk]
    assert (job.kind, job.params, job.state) == (
        kind,
        {"decision_id": issued.pk, "version": issued.version},
        "queued",
    )
    assert client.get(url)["Location"] == response["Location"]  # waiting: the same job

    assert run_file_job(job.pk) == "done"  # the worker
    with django_capture_on_commit_callbacks(execute=True):
        again = client.get(url)
    assert again["Location"] == response["Location"] and sent == [job.pk]  # done: given again, not made again
    download = client.get(reverse("core:file_job_download", args=[job.pk]))
    assert text in pdf_text(b"".join(download.streaming_content)).upper()


def test_a_unit_head_cannot_ask_for_the_payment_list(login, issued, head_a, settings):
    settings.DOCUMENT_SYNC_LIMIT = 1
    response = login(head_a).get(reverse("awards:payment_list_pdf", args=[issued.pk]))
    assert response.status_code in (403, 404) and not FileJob.objects.exists()


def test_certificate_task_is_idempotent(issued, office_user):
    from anhai_thidua.core.jobs import run_file_job

    job = FileJob.objects.create(
        kind="awards.certificates", owner=office_user, params={"decision_id": issued.pk}
    )
    assert run_file_job(job.pk) == "done"
    name = FileJob.objects.get(pk=job.pk).file.name
    assert run_file_job(job.pk) == "done"  # a second delivery does nothing
    assert FileJob.objects.get(pk=job.pk).file.name == name


def test_old_certificate_job_links_redirect(login, issued, office_user):
    job = FileJob.objects.create(
        kind="awards.certificates",
        owner=office_user,
        params={"decision_id": issued.pk},
        legacy_ref="awards.certificatejob:3",
    )
    client = login(office_user)
    assert client.get(reverse("awards:certificate_job", args=[3]))["Location"] == reverse(
        "core:file_job", args=[job.pk]
    )
    assert client.get(reverse("awards:certificate_download", args=[3]))["Location"] == reverse(
        "core:file_job_download", args=[job.pk]
    )


def test_certificates_need_an_issued_decision(login, draft, office_user):
    client = login(office_user)
    assert client.post(reverse("awards:certificates", args=[draft.pk])).status_code == 403


def test_verification_page_shows_only_name_award_number_and_date(client, issued):
    award = Award.objects.get(decision=issued, name="Lê Thị Mỹ Duyên")
    response = client.get(reverse("award_verify", args=[award.verify_token]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bà Lê Thị Mỹ Duyên" in body and "01/QĐ-UBND" in body and "05/02/2026" in body
    assert "Giấy khen của Chủ tịch UBND phường" in body
    for private in (
        "702.000",
        "702000",
        "Chuyên viên",
        "Trung tâm Phục vụ hành chính công",
        award.unit_name,
        "Số vào sổ",
    ):
        assert private not in body.split('id="verification"')[1].split("</dl>")[0]
    assert "@" not in body.split('id="verification"')[1].split("</dl>")[0]


def test_verification_unknown_or_draft_token_is_not_found(client, draft):
    token = draft.awards.first().verify_token
    assert client.get(reverse("award_verify", args=[token])).status_code == 404  # not issued yet
    assert client.get(reverse("award_verify", args=["khong-co"])).status_code == 404


def test_public_page_lists_issued_decisions_without_private_data(client, issued):
    body = client.get(reverse("awards:public")).content.decode()
    assert "Quyết định số 01/QĐ-UBND ngày 05/02/2026" in body
    assert "Bà Lê Thị Mỹ Duyên" in body and "Công an phường" in body
    assert "702.000" not in body and "canbo" not in body and "@anhai" not in body


# ---- exports ------------------------------------------------------------------------------------------------


def test_register_workbook_cell_by_cell(login, issued, office_user):
    response = login(office_user).get(reverse("awards:register_xlsx", args=[issued.campaign.slug]))
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value == "SỔ KHEN THƯỞNG"
    assert [c.value for c in ws[2]] == [
        "Số vào sổ",
        "Năm",
        "Tập thể, cá nhân",
        "Đối tượng",
        "Chức vụ",
        "Đơn vị",
        "Hình thức",
        "Quyết định số",
        "Ngày quyết định",
        "Tiền thưởng (đồng)",
        "Bằng chữ",
    ]
    row = [c.value for c in ws[3]]
    assert row[:4] == [1, 2026, "Trung tâm Phục vụ hành chính công", "Tập thể"]
    assert row[6:8] == ["Giấy khen", "01/QĐ-UBND"]
    assert row[8].date() == TODAY and row[9] == 1_410_000
    assert row[10] == "Một triệu bốn trăm mười nghìn đồng"
    assert [c.value for c in ws[4]][9:11] == [710_000, "Bảy trăm mười nghìn đồng"]
    assert [c.value for c in ws[4]][:6] == [
        2,
        2026,
        "Bà Lê Thị Mỹ Duyên",
        "Cá nhân",
        "Chuyên viên",
        "Trung tâm Phục vụ hành chính công",
    ]
    assert ws.max_row == 8
    assert [c.value for c in ws[8]][2] == "Tổng cộng" and ws["J8"].value == 4_250_000
    assert ws["K8"].value == "Bốn triệu hai trăm năm mươi nghìn đồng"


def test_proposal_downloads(login, issued, office_user, head_a):
    client = login(office_user)
    pdf = client.get(reverse("awards:proposal_pdf", args=[issued.campaign.slug]))
    assert "Bà Cao Thị Phương Thảo" in pdf_text(pdf.content)
    archive = client.get(reverse("awards:proposal_archive", args=[issued.campaign.slug]))
    assert archive["Content-Type"] == "application/zip" and archive.content[:2] == b"PK"
    assert login(head_a).get(reverse("awards:proposal_pdf", args=[issued.campaign.slug])).status_code == 403


# ---- query counts -------------------------------------------------------------------------------------------


def _grow(decision, n):
    Award.objects.bulk_create(
        [
            Award(decision=decision, kind="individual", name=f"Người thứ {i}", honorific="Ông", order=100 + i)
            for i in range(n)
        ]
    )


@pytest.mark.parametrize("extra", [0, 80])
def test_decision_page_queries_do_not_grow(login, issued, office_user, django_assert_num_queries, extra):
    """The awards a page at a time (50), the number and total from one aggregate over all of them."""
    _grow(issued, extra)
    client = login(office_user)
    url = reverse("awards:decision", args=[issued.pk])
    client.get(url)
    with django_assert_num_queries(7):
        response = client.get(url)
    body = response.content.decode()
    assert body.count("<tr><td>") == min(5 + extra, 50)
    assert f"được tặng Giấy khen ({5 + extra})" in body
    assert "cá nhân bằng 0,3 lần mức lương cơ sở, là 710.000 đồng (Bảy trăm mười nghìn đồng)" in body
    total = sum(Award.objects.filter(decision=issued).values_list("amount", flat=True))
    assert f'id="total">{dong(total)}' in body
    if extra:
        rest = client.get(url, {"page": 2}).content.decode()
        assert rest.count("<tr><td>") == 5 + extra - 50
        assert "<tr><td>51</td>" in rest and "Người thứ 79" in rest


@pytest.mark.parametrize("extra", [0, 80])
def test_decision_page_keeps_its_awards_table_until_an_award_or_the_decision_changes(
    login, draft, office_user, settings, django_assert_num_queries, extra
):
    """With the versioned cache on (PAGE_CACHE_SECONDS), the table is read from it: no award query, whatever the
    size; a renamed award (a plain save, as the admin does on a draft) and another page show at once."""
    settings.PAGE_CACHE_SECONDS = 600
    _grow(draft, extra)
    client = login(office_user)
    url = reverse("awards:decision", args=[draft.pk])
    first = client.get(url).content.decode()
    with django_assert_num_queries(5):  # session, user, the decision, the layout's roles and unread count
        warm = client.get(url).content.decode()
    table = lambda body: body.split('id="awards-table"')[1].split('aria-labelledby="docs-h"')[0]  # noqa: E731
    assert table(warm) == table(first) and table(warm).count("<tr><td>") == min(5 + extra, 50)
    award = Award.objects.get(decision=draft, name="Lê Thị Mỹ Duyên")
    award.name = "Lê Thị Mỹ Duyên (đã sửa)"
    award.save(update_fields=["name"])
    assert "Lê Thị Mỹ Duyên (đã sửa)" in client.get(url).content.decode()
    if extra:
        assert "<tr><td>51</td>" in client.get(url, {"page": 2}).content.decode()


@pytest.mark.parametrize(("extra", "queries"), [(0, 3), (20, 2)])
def test_public_page_queries_do_not_grow(client, issued, django_assert_num_queries, extra, queries):
    """A decision of up to 10 awardees lists them on the public page; a larger one links to its own page."""
    _grow(issued, extra)
    with django_assert_num_queries(queries):
        response = client.get(reverse("awards:public"))
    body = response.content.decode()
    link = reverse("awards:public_decision", args=[issued.pk])
    if extra:
        assert "Lê Thị Mỹ Duyên" not in body and f'href="{link}"' in body
    else:
        assert "Bà Lê Thị Mỹ Duyên" in body and link not in body


def test_public_decision_page_pages_its_awardees(client, issued, django_assert_num_queries):
    _grow(issued, 60)
    url = reverse("awards:public_decision", args=[issued.pk])
    with django_assert_num_queries(3):
        body = client.get(url).content.decode()
    assert body.count("<tr><td>") == 50 and "Tập thể, cá nhân được tặng Giấy khen: 65" in body
    rest = client.get(url, {"page": 2}).content.decode()
    assert rest.count("<tr><td>") == 15 and "Người thứ 59" in rest


def test_public_decision_page_is_only_for_issued_decisions(client, draft):
    assert client.get(reverse("awards:public_decision", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("extra", [0, 20])
def test_verification_page_queries_do_not_grow(client, issued, django_assert_num_queries, extra):
    _grow(issued, extra)
    award = Award.objects.get(decision=issued, name="Lê Thị Mỹ Duyên")
    url = reverse("award_verify", args=[award.verify_token])
    client.get(url)
    with django_assert_num_queries(1):
        response = client.get(url)
    assert response.status_code == 200 and "Bà Lê Thị Mỹ Duyên" in response.content.decode()
    with django_assert_num_queries(1):
        assert client.get(reverse("award_verify", args=["khong-co"])).status_code == 404


def test_the_public_announcements_page_links_the_decisions(client, db):
    body = client.get(reverse("criteria:public")).content.decode()
    assert f'href="{reverse("awards:public")}"' in body


def test_office_home_links_the_award_page(login, office_user, campaign):
    body = login(office_user).get(reverse("home")).content.decode()
    assert reverse("awards:campaign", args=[campaign.slug]) in body


@pytest.mark.parametrize("extra", [0, 15])
def test_campaign_award_page_queries_do_not_grow(
    login, result, unit_a, unit_b, head_a, head_b, office_user, django_assert_num_queries, extra
):
    from tests.factories import OfficialFactory, UnitFactory

    from .conftest import fill_plan

    fill_plan(result, unit_a, unit_b)
    for i in range(extra):
        official = OfficialFactory(full_name=f"Người đề nghị {i}", unit=UnitFactory())
        result.add(official.unit, official=official, approved=False)
    result.close()
    client = login(office_user)
    url = reverse("awards:campaign", args=[result.campaign.slug])
    client.get(url)
    # The layout, the campaign, its decision and tờ trình, and the council's result: 14 at both sizes.
    with django_assert_num_queries(14):
        response = client.get(url)
    body = response.content.decode()
    assert body.count("Không khen thưởng") == 2 + extra  # outside quota and below threshold, plus the extra
    # No decision before the office's tờ trình: the page offers the tờ trình first.
    assert "Lập Tờ trình đề nghị khen thưởng" in body and "Lập dự thảo Quyết định khen thưởng" not in body


# ---- dates, the office's tờ trình, the payment list, the money rows -------------------------------------------


def test_issue_before_the_meeting_is_refused_on_the_form_with_the_input_kept(login, draft, chairman):
    response = login(chairman).post(
        reverse("awards:issue", args=[draft.pk]), {"decision_date": "2026-02-01", "confirm": "on"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        "Ngày ban hành không được trước ngày họp Hội đồng Thi đua - Khen thưởng mà Quyết định căn cứ (02/02/2026)."
        in body
    )
    assert 'value="2026-02-01"' in body
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_issue_before_the_first_base_salary_is_refused_on_the_form(login, draft, chairman):
    from awards.models import BaseSalary

    BaseSalary.objects.all().delete()
    response = login(chairman).post(
        reverse("awards:issue", args=[draft.pk]), {"decision_date": "2026-02-05", "confirm": "on"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Chưa có mức lương cơ sở áp dụng cho ngày 05/02/2026" in body
    assert 'value="2026-02-05"' in body


def test_office_makes_the_submission_in_the_browser(login, voted, office_user):
    client = login(office_user)
    url = reverse("awards:submission", args=[voted.campaign.slug])
    page = client.get(url).content.decode()
    assert "Lập Tờ trình đề nghị khen thưởng" in page and "Quỹ thi đua, khen thưởng" in page
    bad = client.post(
        url,
        {"submission_date": "2026-02-01", "signer_name": "Ngô Thị Thanh Hương", "funding_source": "Quỹ TĐKT"},
    )
    body = bad.content.decode()
    assert bad.status_code == 200
    assert "Ngày Tờ trình không được trước ngày họp Hội đồng Thi đua - Khen thưởng (02/02/2026)." in body
    assert 'value="Ngô Thị Thanh Hương"' in body and 'value="Quỹ TĐKT"' in body
    assert not Submission.objects.exists()
    empty = client.post(
        url, {"submission_date": "", "signer_name": "", "funding_source": ""}
    ).content.decode()
    assert "Hãy nhập ngày Tờ trình." in empty and "Hãy nhập họ tên Trưởng phòng ký Tờ trình." in empty
    ok = client.post(
        url,
        {"submission_date": "2026-02-03", "signer_name": "Ngô Thị Thanh Hương", "funding_source": "Quỹ TĐKT"},
    )
    assert ok.status_code == 302
    submission = Submission.objects.get()
    assert (submission.reference, submission.submission_date) == ("01/TTr-VHXH", dt.date(2026, 2, 3))
    page = client.get(reverse("awards:campaign", args=[voted.campaign.slug])).content.decode()
    assert "Tờ trình số 01/TTr-VHXH ngày 03/02/2026." in page and "Lập dự thảo Quyết định khen thưởng" in page
    pdf = client.get(reverse("awards:submission_pdf", args=[voted.campaign.slug]))
    text = pdf_text(pdf.content)
    assert "Số: 01/TTr-VHXH" in text and "Nguồn kinh phí: Quỹ TĐKT." in text


def test_the_submission_page_is_the_office_s(login, voted, chairman, head_a):
    url = reverse("awards:submission", args=[voted.campaign.slug])
    assert login(chairman).get(url).status_code == 403
    assert login(head_a).get(url).status_code == 403


def test_payment_list_downloads_for_an_issued_decision(login, issued, draft, office_user, head_a):
    url = reverse("awards:payment_list_pdf", args=[issued.pk])
    response = login(office_user).get(url)
    text = pdf_text(response.content)
    assert "DANH SÁCH CHI TIỀN THƯỞNG" in text and "Ký nhận" in text
    assert login(head_a).get(url).status_code == 403


def test_rates_page_lists_and_adds_rows_with_vietnamese_validation(login, office_user):
    from awards.models import AwardCoefficient, BaseSalary

    client = login(office_user)
    page = client.get(reverse("awards:rates")).content.decode()
    assert "Nghị định số 73/2024/NĐ-CP" in page and "Nghị định số 152/2025/NĐ-CP" in page
    assert "2.340.000" in page
    add = reverse("awards:base_salary_add")
    bad = client.post(
        add, {"valid_from": "2024-07-01", "amount": "2530000", "decree": "Nghị định số 1/2026/NĐ-CP"}
    )
    body = bad.content.decode()
    assert bad.status_code == 200 and "Đã có mức lương cơ sở áp dụng từ ngày 01/07/2024." in body
    assert 'value="Nghị định số 1/2026/NĐ-CP"' in body
    zero = client.post(add, {"valid_from": "2026-07-01", "amount": "0", "decree": "X"}).content.decode()
    assert "Mức lương cơ sở phải lớn hơn 0." in zero
    ok = client.post(
        add, {"valid_from": "01/07/2026", "amount": "2530000", "decree": "Nghị định số 1/2026/NĐ-CP"}
    )
    assert ok.status_code == 302
    assert BaseSalary.objects.get(valid_from=dt.date(2026, 7, 1)).amount == 2_530_000
    coef = reverse("awards:coefficient_add")
    data = {
        "award_kind": "giay_khen",
        "subject": "individual",
        "value": "0,35",
        "valid_from": "2026-07-01",
        "decree": "NĐ mới",
    }
    assert client.post(coef, data).status_code == 302
    assert AwardCoefficient.objects.get(valid_from=dt.date(2026, 7, 1)).value == Decimal("0.35")
    again = client.post(coef, data).content.decode()
    assert "Đã có hệ số cho hình thức, đối tượng và ngày áp dụng này." in again
    row = AwardCoefficient.objects.get(valid_from=dt.date(2026, 7, 1))
    edit = client.post(reverse("awards:coefficient_edit", args=[row.pk]), {**data, "value": "0,4"})
    assert edit.status_code == 302
    row.refresh_from_db()
    assert row.value == Decimal("0.4")


def test_rates_pages_are_for_the_office_and_admin_only(login, chairman, head_a, admin_user):
    assert login(chairman).get(reverse("awards:rates")).status_code == 403
    assert login(head_a).get(reverse("awards:base_salary_add")).status_code == 403
    assert login(admin_user).get(reverse("awards:rates")).status_code == 200


@pytest.mark.parametrize("extra", [0, 12])
def test_rates_page_queries_do_not_grow(login, office_user, django_assert_num_queries, extra):
    from awards.models import AwardCoefficient, BaseSalary

    for i in range(extra):
        BaseSalary.objects.create(valid_from=dt.date(2030 + i, 1, 1), amount=3_000_000 + i, decree=f"NĐ {i}")
        AwardCoefficient.objects.create(
            valid_from=dt.date(2030 + i, 1, 1), subject="individual", value=Decimal("0.3"), decree=f"NĐ {i}"
        )
    client = login(office_user)
    url = reverse("awards:rates")
    client.get(url)
    with django_assert_num_queries(6):
        response = client.get(url)
    body = response.content.decode()
    assert body.count("/muc-tien-thuong/luong-co-so/") - body.count("luong-co-so/them/") == 2 + extra


def test_decision_page_writes_money_like_the_documents(login, draft, office_user):
    """Amounts, the total and the base salary read "1.410.000 đồng" on the page, as in the PDF."""
    page = login(office_user).get(reverse("awards:decision", args=[draft.pk])).content.decode()
    amounts = sorted({a.amount for a in draft.awards.all()})
    assert 710000 in amounts and 1410000 in amounts
    assert ">710.000 đồng<" in page and ">1.410.000 đồng<" in page
    total = sum(a.amount for a in draft.awards.all())
    assert f'id="total">{total:,} đồng<'.replace(",", ".") in page
    assert "mức lương cơ sở 2.340.000 đồng/tháng" in page
    assert f">{total}<" not in page and "2340000" not in page


def test_verification_by_typing_the_code_or_the_address(client, issued):
    award = issued.awards.first()
    page = client.get(reverse("award_verify_lookup")).content.decode()
    assert 'name="ma"' in page and "Không tìm thấy" not in page
    for typed in (award.verify_token, f" https://thidua.anhai.example.vn/xac-minh/{award.verify_token}/ "):
        response = client.get(reverse("award_verify_lookup"), {"ma": typed})
        assert response.status_code == 302
        assert response["Location"] == reverse("award_verify", args=[award.verify_token])
    assert client.get(reverse("award_verify", args=["sai-ma"])).status_code == 404


def test_campaign_award_page_pages_the_council_result_and_keeps_it_until_a_vote_changes(
    login, voted, office_user, settings, monkeypatch, django_assert_max_num_queries
):
    """The result a page at a time (awarded first); with the versioned cache on a warm page reads no outcome,
    and an awardee's new name (a plain save of the official) shows at once."""
    from awards import fragments
    from nominations.models import Nominee

    monkeypatch.setattr(fragments, "RESULT_PER_PAGE", 2)
    settings.PAGE_CACHE_SECONDS = 600
    client = login(office_user)
    url = reverse("awards:campaign", args=[voted.campaign.slug])
    first = client.get(url).content.decode()
    rows = first.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 2 and "Tặng Giấy khen" in rows and "?page=2" in first
    with django_assert_max_num_queries(8):
        assert client.get(url).content.decode().split("<tbody>")[1] == first.split("<tbody>")[1]
    shown = [n for n in Nominee.objects.filter(kind="individual") if n.formal_name in rows][0]
    shown.official.full_name = "Tên Đã Sửa Trong Kết Quả"
    shown.official.save(update_fields=["full_name"])
    assert "Tên Đã Sửa Trong Kết Quả" in client.get(url).content.decode()
