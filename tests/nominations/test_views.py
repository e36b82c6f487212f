"""Dossier pages: the permission matrix, constant queries, no lost work, escaping, downloads, submitting."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Standard
from nominations import services
from nominations.models import AchievementReport, Attachment, Dossier, UnitMinutes
from tests.factories import OfficialFactory, UnitFactory, UserFactory

from .conftest import (
    PDF,
    add_collective,
    add_individual,
    complete_dossier,
    fill_report,
    pdf_upload,
    save_minutes,
)


@pytest.fixture
def urls(complete_a):
    """Every dossier URL of unit A's dossier: (name, url, method)."""
    d = complete_a
    nominee = d.nominees.filter(kind="individual").first()
    attachment = Attachment.objects.filter(dossier=d).first()
    return [
        ("detail", reverse("nominations:detail", args=[d.pk]), "get"),
        ("minutes", reverse("nominations:minutes", args=[d.pk]), "get"),
        ("report", reverse("nominations:report", args=[d.pk, nominee.pk]), "get"),
        ("nominee_add", reverse("nominations:nominee_add", args=[d.pk, "ca-nhan"]), "get"),
        ("nominee_edit", reverse("nominations:nominee_edit", args=[d.pk, nominee.pk]), "get"),
        ("attachment_add", reverse("nominations:attachment_add", args=[d.pk]), "get"),
        ("download", reverse("nominations:attachment_download", args=[d.pk, attachment.pk]), "get"),
        ("cover_letter_pdf", reverse("nominations:cover_letter_pdf", args=[d.pk]), "get"),
        ("report_pdf", reverse("nominations:report_pdf", args=[d.pk, nominee.pk]), "get"),
        ("minutes_pdf", reverse("nominations:minutes_pdf", args=[d.pk]), "get"),
        ("submit", reverse("nominations:transition", args=[d.pk, "submit"]), "post"),
        ("withdraw", reverse("nominations:transition", args=[d.pk, "withdraw"]), "post"),
        ("return", reverse("nominations:transition", args=[d.pk, "return"]), "post"),
        ("nominee_remove", reverse("nominations:nominee_remove", args=[d.pk, nominee.pk]), "post"),
        ("report_confirm", reverse("nominations:report_confirm", args=[d.pk, nominee.pk]), "post"),
        ("attachment_remove", reverse("nominations:attachment_remove", args=[d.pk, attachment.pk]), "post"),
    ]


PDF_NAMES = {"cover_letter_pdf", "report_pdf", "minutes_pdf"}
# Expected status per role: what unit head B, a council member and anonymous get (never data), and the
# office (reads everything, edits nothing of the unit's).
OFFICE_EXPECTED = {
    "detail": 200,
    "minutes": 200,
    "report": 200,
    "nominee_add": 403,
    "nominee_edit": 403,
    "attachment_add": 403,
    "download": 200,
    "submit": 403,
    "withdraw": 403,
    "return": 404,  # the office decides only on its review page (reviews), not on the dossier page
    "nominee_remove": 403,
    "report_confirm": 403,
    "attachment_remove": 403,
}


@pytest.mark.parametrize("role", ["head_b", "council_member", "anonymous"])
def test_outsiders_get_no_dossier_data(client, urls, role, request, complete_a):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    before = (Dossier.objects.get(pk=complete_a.pk).version, Attachment.objects.count())
    for name, url, method in urls:
        response = getattr(client, method)(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/dang-nhap/" in response["Location"], name
        else:
            assert response.status_code == 404, name
            assert b"Tr\xe1\xba\xa7n Ng\xe1\xbb\x8dc S\xc6\xa1n" not in response.content  # "Trần Ngọc Sơn"
    assert (Dossier.objects.get(pk=complete_a.pk).version, Attachment.objects.count()) == before


def test_office_reads_every_page_but_edits_nothing(login, office_user, urls, complete_a):
    client = login(office_user)
    before = Dossier.objects.get(pk=complete_a.pk).version
    for name, url, method in urls:
        if name in PDF_NAMES:
            continue  # rendered in test_documents
        response = getattr(client, method)(url)
        assert response.status_code == OFFICE_EXPECTED[name], name
    assert Dossier.objects.get(pk=complete_a.pk).version == before


def test_own_head_opens_every_page(login, head_a, urls):
    client = login(head_a)
    for name, url, method in urls:
        if method == "get" and name not in PDF_NAMES:
            response = client.get(url)
            assert response.status_code == 200, name
            if name != "download":
                assert "Trung tâm Phục vụ hành chính công" in response.content.decode()


def test_list_scoped_per_role(
    login, head_a, head_b, office_user, council_member, complete_a, campaign, unit_b
):
    services.dossier_create(campaign=campaign, unit=unit_b, actor=head_b)
    page = login(head_a).get(reverse("nominations:list")).content.decode()
    assert "Trung tâm Phục vụ hành chính công" in page and "Công an phường" not in page
    page = login(head_b).get(reverse("nominations:list")).content.decode()
    assert "Công an phường" in page and "Trung tâm Phục vụ hành chính công" not in page
    page = login(office_user).get(reverse("nominations:list")).content.decode()
    assert "Công an phường" in page and "Trung tâm Phục vụ hành chính công" in page
    assert login(council_member).get(reverse("nominations:list")).status_code == 403


def test_unit_head_creates_dossier_from_list(login, head_a, campaign, unit_a, unit_b):
    client = login(head_a)
    page = client.get(reverse("nominations:list")).content.decode()
    assert "Lập hồ sơ" in page
    response = client.post(reverse("nominations:create"), {"campaign": campaign.pk, "unit": unit_a.pk})
    dossier = Dossier.objects.get(campaign=campaign, unit=unit_a)
    assert response["Location"] == reverse("nominations:detail", args=[dossier.pk])
    client.post(reverse("nominations:create"), {"campaign": campaign.pk, "unit": unit_a.pk})
    assert Dossier.objects.count() == 1
    assert (
        client.post(reverse("nominations:create"), {"campaign": campaign.pk, "unit": unit_b.pk}).status_code
        == 403
    )


def test_other_units_officials_not_offered(login, head_a, dossier_a, officials_a, unit_b):
    OfficialFactory(full_name="Hà Thị Thanh Thủy", unit=unit_b)
    page = (
        login(head_a).get(reverse("nominations:nominee_add", args=[dossier_a.pk, "ca-nhan"])).content.decode()
    )
    assert "Trần Ngọc Sơn" in page and "Cao Thị Phương Thảo" in page
    assert "Hà Thị Thanh Thủy" not in page


# ---- queries --------------------------------------------------------------------------------------------------
def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# The dossier page, whoever opens it, in at most this many queries (issue 13), at any number of nominees.
DOSSIER_PAGE_MAX_QUERIES = 15


@pytest.mark.parametrize("viewer", ["head_a", "office_user"])
def test_dossier_page_queries_do_not_grow(
    login,
    head_a,
    dossier_a,
    unit_a,
    officials_a,
    team_a,
    viewer,
    request,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    client = login(request.getfixturevalue(viewer))
    url = reverse("nominations:detail", args=[dossier_a.pk])
    fill_report(add_individual(dossier_a, head_a, officials_a[0]), head_a)
    save_minutes(dossier_a, head_a)
    small = count_queries(client, url)
    assert small <= DOSSIER_PAGE_MAX_QUERIES
    for unit in (unit_a, team_a):
        fill_report(add_collective(dossier_a, head_a, unit), head_a)
    for official in officials_a[1:]:
        fill_report(add_individual(dossier_a, head_a, official), head_a)
    save_minutes(dossier_a, head_a)
    services.attachment_add(dossier=dossier_a, actor=head_a, file=pdf_upload("khac.pdf"), kind="khac")
    other = UserFactory(roles=[("unit_head", unit_a)])
    services.attachment_add(dossier=dossier_a, actor=other, file=pdf_upload("khac-2.pdf"), kind="khac")
    with django_assert_max_num_queries(DOSSIER_PAGE_MAX_QUERIES), django_assert_num_queries(small):
        response = client.get(url)
    assert response.context["sections"].nominee_count == 1 + 2 + len(officials_a[1:])
    assert "Trần Ngọc Sơn" in response.content.decode()


def test_dossier_list_queries_do_not_grow(login, office_user, campaign, head_a, django_assert_num_queries):
    client = login(office_user)
    url = reverse("nominations:list")
    units = [UnitFactory() for _ in range(6)]
    heads = [UserFactory(roles=[("unit_head", u)]) for u in units]
    services.dossier_create(campaign=campaign, unit=units[0], actor=heads[0])
    small = count_queries(client, url)
    for unit, head in zip(units[1:], heads[1:], strict=True):
        services.dossier_create(campaign=campaign, unit=unit, actor=head)
    with django_assert_num_queries(small):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 6


# ---- no lost work ---------------------------------------------------------------------------------------------
def test_report_form_with_errors_keeps_typed_text_and_uploaded_scan(login, head_a, dossier_a, officials_a):
    nominee = add_individual(dossier_a, head_a, officials_a[0])
    client = login(head_a)
    url = reverse("nominations:report", args=[dossier_a.pk, nominee.pk])
    data = {
        "cv_full_name": "Trần Ngọc Sơn",
        "cv_birth_date": "không-phải-ngày",
        "cv_years_of_service": "mười",
        "results": "Giải quyết 1.250 hồ sơ trực tuyến, 100% đúng hạn.",
        "awards-TOTAL_FORMS": "2",
        "awards-INITIAL_FORMS": "0",
        "awards-0-year": "2024",
        "awards-0-form": "Giấy khen của Chủ tịch UBND phường",
        "action": "save",
        "scan": SimpleUploadedFile("Báo cáo đã ký.pdf", PDF),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Giải quyết 1.250 hồ sơ trực tuyến, 100% đúng hạn." in page
    assert 'value="mười"' in page
    assert "Giấy khen của Chủ tịch UBND phường" in page
    assert "Báo cáo đã ký.pdf" in page  # the scan is kept
    scan = Attachment.objects.get(dossier=dossier_a, nominee=nominee)
    assert scan.kind == "bao_cao_thanh_tich" and scan.original_name == "Báo cáo đã ký.pdf"
    assert not AchievementReport.objects.filter(nominee=nominee).exists()  # nothing half-saved


def test_report_draft_save_then_confirm(login, head_a, dossier_a, officials_a):
    nominee = add_individual(dossier_a, head_a, officials_a[0])
    client = login(head_a)
    url = reverse("nominations:report", args=[dossier_a.pk, nominee.pk])
    base = {"awards-TOTAL_FORMS": "0", "awards-INITIAL_FORMS": "0"}
    response = client.post(url, {**base, "results": "Nháp thành tích", "action": "save"})
    assert response.status_code == 302
    assert AchievementReport.objects.get(nominee=nominee).results == "Nháp thành tích"
    response = client.post(url, {**base, "results": "Nháp thành tích", "action": "confirm"}, follow=True)
    assert "Chưa thể xác nhận báo cáo" in response.content.decode()
    assert not AchievementReport.objects.get(nominee=nominee).is_confirmed
    full = {
        **base,
        "cv_full_name": "Trần Ngọc Sơn",
        "cv_birth_date": "1991-02-20",
        "cv_gender": "male",
        "cv_hometown": "Đà Nẵng",
        "cv_position": "Tổ trưởng",
        "cv_unit_name": "Trung tâm Phục vụ hành chính công",
        "cv_qualification": "Cử nhân Luật",
        "cv_years_of_service": "10",
        "duties": "Tiếp nhận hồ sơ.",
        "results": "Đúng hạn 100%.",
        "not_under_discipline": "on",
        "not_under_investigation": "on",
        "not_under_inspection": "on",
        "no_pending_complaint": "on",
        "action": "confirm",
    }
    response = client.post(url, full)
    assert response.status_code == 302
    report = AchievementReport.objects.get(nominee=nominee)
    assert report.is_confirmed and report.confirmed_by_name == "Phạm Văn Tâm"


def test_minutes_form_with_errors_keeps_values_and_scan(login, head_a, dossier_a, unit_a):
    collective = add_collective(dossier_a, head_a, unit_a)
    client = login(head_a)
    url = reverse("nominations:minutes", args=[dossier_a.pk])
    response = client.post(
        url,
        {
            "meeting_date": "2025-11-25",
            "start_time": "14:00",
            "end_time": "16:00",
            "meeting_place": "Hội trường tầng 2",
            "chair_name": "Phạm Văn Tâm",
            "secretary_name": "Cao Thị Phương Thảo",
            "members_total": "5",
            "members_present": "7",
            f"for_{collective.pk}": "5",
            f"total_{collective.pk}": "5",
            "scan": SimpleUploadedFile("bien-ban.pdf", PDF),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Hội trường tầng 2" in page and "Số thành viên có mặt không thể lớn hơn tổng số thành viên." in page
    )
    assert "bien-ban.pdf" in page
    assert Attachment.objects.filter(dossier=dossier_a, kind="bien_ban").count() == 1
    assert not UnitMinutes.objects.exists()


def test_upload_refuses_renamed_executable_with_message(login, head_a, dossier_a):
    client = login(head_a)
    response = client.post(
        reverse("nominations:attachment_add", args=[dossier_a.pk]),
        {
            "kind": "khac",
            "description": "Bảng điểm",
            "file": SimpleUploadedFile("bang-diem.pdf", b"MZ" + b"\0" * 99),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "là chương trình chạy được" in page
    assert 'value="Bảng điểm"' in page
    assert Attachment.objects.count() == 0


def test_download_sends_original_name(login, head_a, dossier_a):
    attachment = services.attachment_add(
        dossier=dossier_a, actor=head_a, file=pdf_upload("Biên bản họp đã ký.pdf"), kind="bien_ban"
    )
    response = login(head_a).get(
        reverse("nominations:attachment_download", args=[dossier_a.pk, attachment.pk])
    )
    assert b"".join(response.streaming_content) == PDF
    assert (
        "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp%20%C4%91%C3%A3%20k%C3%BD.pdf"
        in (response["Content-Disposition"])
    )
    assert response["Content-Disposition"].startswith("attachment;")


# ---- escaping -------------------------------------------------------------------------------------------------
HOSTILE = '<script>alert("x")</script><b>đậm</b>'


def test_html_typed_into_fields_is_shown_as_text(login, head_a, dossier_a, officials_a):
    nominee = add_individual(dossier_a, head_a, officials_a[0], evidence=HOSTILE)
    fill_report(nominee, head_a, confirm=False, results=HOSTILE, cv_hometown=HOSTILE)
    client = login(head_a)
    for url in (
        reverse("nominations:detail", args=[dossier_a.pk]),
        reverse("nominations:report", args=[dossier_a.pk, nominee.pk]),
        reverse("nominations:nominee_edit", args=[dossier_a.pk, nominee.pk]),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<b>đậm</b>" not in page
    page = client.get(reverse("nominations:report", args=[dossier_a.pk, nominee.pk])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;đậm&lt;/b&gt;" in page


# ---- submitting from the page ---------------------------------------------------------------------------------
def test_double_click_on_submit_makes_one_submission(
    login, head_a, office_user, complete_a, django_capture_on_commit_callbacks
):
    client = login(head_a)
    url = reverse("nominations:transition", args=[complete_a.pk, "submit"])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"version": complete_a.version}, follow=True)
        second = client.post(url, {"version": complete_a.version}, follow=True)
    assert "Đã nộp hồ sơ" in first.content.decode()
    assert "Hồ sơ vừa được thay đổi ở nơi khác" in second.content.decode()
    complete_a.refresh_from_db()
    assert complete_a.state == "submitted" and complete_a.submission_count == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([office_user.email, "vhxh@anhai.example.vn"])


@pytest.mark.parametrize("action", ["return", "accept", "reject"])
def test_office_decides_only_through_the_review_not_the_dossier_page(
    login, head_a, office_user, complete_a, action
):
    services.dossier_submit(dossier=complete_a, actor=head_a)
    complete_a.refresh_from_db()
    client = login(office_user)
    response = client.post(
        reverse("nominations:transition", args=[complete_a.pk, action]),
        {"version": complete_a.version, "note": "Bổ sung số liệu."},
    )
    assert response.status_code == 404
    after = Dossier.objects.get(pk=complete_a.pk)
    assert (after.state, after.version) == ("submitted", complete_a.version)
    page = client.get(reverse("nominations:detail", args=[complete_a.pk])).content.decode()
    assert reverse("reviews:review", args=[complete_a.pk]) in page
    assert "/thao-tac/" not in page


def test_incomplete_submit_shows_missing_panel(login, head_a, dossier_a):
    response = login(head_a).post(
        reverse("nominations:transition", args=[dossier_a.pk, "submit"]),
        {"version": dossier_a.version},
        follow=True,
    )
    page = response.content.decode()
    assert "Hồ sơ chưa thể nộp: còn 2 nội dung chưa đạt" in page
    assert "Còn thiếu" in page and "Chưa có biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị." in page


def test_history_shows_who_when_what_note(login, head_a, office_user, complete_a):
    services.dossier_submit(dossier=complete_a, actor=head_a)
    services.dossier_return(
        dossier=complete_a, actor=office_user, note="Bổ sung bản chụp báo cáo của Ông Sơn."
    )
    for user in (head_a, office_user):
        page = login(user).get(reverse("nominations:detail", args=[complete_a.pk])).content.decode()
        assert "Yêu cầu bổ sung" in page
        assert "Bổ sung bản chụp báo cáo của Ông Sơn." in page
        assert "Lê Thị Thu Hà" in page and "01/12/2025 09:00" in page


def test_editing_refused_after_submission(login, head_a, complete_a):
    services.dossier_submit(dossier=complete_a, actor=head_a)
    response = login(head_a).get(
        reverse("nominations:nominee_add", args=[complete_a.pk, "ca-nhan"]), follow=True
    )
    assert "chỉ sửa được khi đang soạn hoặc được yêu cầu bổ sung" in response.content.decode()


def test_office_grants_extension(login, office_user, campaign, unit_a, head_a, complete_a):
    client = login(office_user)
    url = reverse("nominations:extensions", args=[campaign.slug])
    response = client.post(
        url, {"unit": unit_a.pk, "new_deadline": "2025-12-20", "reason": "Bão số 13"}, follow=True
    )
    assert (
        "Đã gia hạn nộp hồ sơ cho Trung tâm Phục vụ hành chính công đến 20/12/2025."
        in response.content.decode()
    )
    assert login(head_a).get(url).status_code == 403
    services.dossier_submit(dossier=complete_a, actor=head_a, today=dt.date(2025, 12, 18))


def test_standards_offered_match_kind(login, head_a, dossier_a):
    page = (
        login(head_a).get(reverse("nominations:nominee_add", args=[dossier_a.pk, "tap-the"])).content.decode()
    )
    assert "Dẫn đầu phong trào" in page and "Có sáng kiến" not in page
    assert Standard.objects.count() == 3


def test_complete_dossier_helper_is_complete(complete_a):
    assert complete_dossier  # imported for other modules
    assert complete_a.nominees.count() == 3


def test_unit_head_list_queries_do_not_grow(login, head_a, campaign, unit_a, django_assert_num_queries):
    from tests.factories import CampaignFactory

    client = login(head_a)
    url = reverse("nominations:list")
    services.dossier_create(campaign=campaign, unit=unit_a, actor=head_a)
    small = count_queries(client, url)
    for _ in range(3):
        other = CampaignFactory()
        services.dossier_create(campaign=other, unit=unit_a, actor=head_a)
    CampaignFactory()  # one more launched campaign: offered as "Lập hồ sơ"
    with django_assert_num_queries(small):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 4
    assert len(response.context["open_pairs"]) == 1


def test_hostile_upload_on_the_dossier_page_shows_why_and_keeps_what_was_typed(login, head_a, dossier_a):
    """End to end through the page: a PDF with /OpenAction JavaScript is refused with its reason, the
    description typed next to it and the kind chosen come back, and nothing is stored."""
    from tests.core import hostile

    client = login(head_a)
    url = reverse("nominations:attachment_add", args=[dossier_a.pk])
    page = client.get(url).content.decode()
    assert 'maxlength="300"' in page and "Tối đa 300 ký tự." in page
    response = client.post(
        url,
        {
            "kind": "bien_ban",
            "description": "Biên bản họp Hội đồng ngày 20/11 (bản ký)",
            "file": SimpleUploadedFile("bien-ban-ky.pdf", hostile.pdf_with_open_action_javascript()),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tệp “bien-ban-ky.pdf” không được nhận: tệp PDF chứa mã JavaScript." in page
    assert 'value="Biên bản họp Hội đồng ngày 20/11 (bản ký)"' in page
    assert '<option value="bien_ban" selected>' in page
    assert Attachment.objects.count() == 0


def test_free_text_fields_get_the_form_level_maximum(settings):
    from nominations.forms import NoteForm

    settings.TEXT_FIELD_MAX_LENGTH = 50
    form = NoteForm({"note": "x" * 51})
    assert 'maxlength="50"' in str(form["note"]) and form.fields["note"].help_text.endswith(
        "Tối đa 50 ký tự."
    )
    assert not form.is_valid() and "note" in form.errors
    assert NoteForm({"note": "x" * 50}).is_valid()


def test_an_empty_upload_is_refused_in_our_words_naming_the_file(login, head_a, dossier_a):
    client = login(head_a)
    response = client.post(
        reverse("nominations:attachment_add", args=[dossier_a.pk]),
        {"kind": "khac", "description": "Ảnh khen thưởng", "file": SimpleUploadedFile("anh-khen.png", b"")},
    )
    page = response.content.decode()
    assert "Tệp “anh-khen.png” rỗng (0 byte). Hãy chọn lại tệp có nội dung." in page
    assert 'value="Ảnh khen thưởng"' in page
    assert Attachment.objects.count() == 0


def test_dossier_list_counts_without_the_nominees_and_shows_each_dossier_s_nominee_count(
    login, office_user, dossier_a, head_a, officials_a
):
    add_individual(dossier_a, head_a, officials_a[0])
    add_individual(dossier_a, head_a, officials_a[1])
    client = login(office_user)
    sqls = []

    def record(execute, sql, params, many, context):
        sqls.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(reverse("nominations:list"))
    # The paginator's total comes from a count of dossiers per campaign (nominations.selectors.dossier_list_page).
    paginator_count = [
        sql
        for sql in sqls
        if 'COUNT("nominations_dossier"."id")' in sql
        or (sql.startswith("SELECT COUNT(*)") and "nominations_dossier" in sql)
    ]
    assert paginator_count and all("nominations_nominee" not in sql for sql in paginator_count)
    [row] = [d for d in response.context["page"] if d.pk == dossier_a.pk]
    assert row.nominee_count == 2
    assert f'text-bg-{row.state_badge}">{row.get_state_display()}</span>' in response.content.decode()


def test_dossier_list_pages_across_campaigns_match_the_full_ordering(db, office_user):
    """nominations.selectors.dossier_list_page sorts only the campaigns a page falls in: every page equals
    the same slice of the whole list's ordering, across campaigns sharing a start and an older one."""
    from campaigns.models import Campaign
    from nominations.selectors import dossier_list_for_user, dossier_list_page
    from tests.factories import CampaignFactory

    units = [UnitFactory(name=f"Đơn vị {i:02d}") for i in range(12)]
    newer_a, newer_b = CampaignFactory(), CampaignFactory()
    older = CampaignFactory(period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 6, 30))
    for campaign, chosen in ((newer_a, units[:6]), (newer_b, units[6:]), (older, units)):
        for unit in chosen:
            Dossier.objects.create(campaign=campaign, unit=unit)
    qs = dossier_list_for_user(office_user)
    everything = list(qs.values_list("pk", flat=True))
    assert len(everything) == 24 and Campaign.objects.count() == 3
    for per_page in (5, 7, 24, 30):
        pages = -(-24 // per_page)
        for number in range(1, pages + 1):
            page = dossier_list_page(qs, number, per_page=per_page)
            assert page.paginator.count == 24
            assert [d.pk for d in page] == everything[(number - 1) * per_page : number * per_page]
    state_filtered = qs.filter(state="submitted")
    assert (
        list(dossier_list_page(state_filtered, 1)) == [] and dossier_list_page(state_filtered, 1).number == 1
    )
