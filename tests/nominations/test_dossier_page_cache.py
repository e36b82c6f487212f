"""The dossier page's sections (nominees, minutes, files, history) and what they lack come from the cache
until something they show changes: then at once, through a service or a plain save (as the admin does)."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from campaigns.models import AwardForm, DossierRequirement, Standard
from nominations import services
from nominations.models import AchievementReport, Attachment, DeadlineExtension, MinutesVote, Nominee
from tests.pagecache import get_counting, without_tokens

from .conftest import add_individual, fill_report

pytestmark = pytest.mark.usefixtures("page_cache")


# A hit skips the nominees, their standards, the files, the requirements, the award forms, the extension
# and the history.
SKIPPED_ON_A_HIT = 7


def test_the_sections_come_from_the_cache_at_two_sizes(login, office_user, head_a, complete_a, officials_a):
    client = login(office_user)
    url = reverse("nominations:detail", args=[complete_a.pk])
    missed, first = get_counting(client, url)
    hit, again = get_counting(client, url)
    assert hit == missed - SKIPPED_ON_A_HIT
    assert without_tokens(again) == without_tokens(first)
    # A bigger dossier: the same numbers.
    fill_report(add_individual(complete_a, head_a, officials_a[2]), head_a)
    missed_big, body = get_counting(client, url)
    assert "Cao Thị Phương Thảo" in body
    assert missed_big == missed
    hit_big, again = get_counting(client, url)
    assert hit_big == hit
    assert without_tokens(again) == without_tokens(body)


def test_a_write_through_the_services_shows_at_once(
    login, office_user, head_a, dossier_a, officials_a, campaign
):
    client = login(office_user)
    url = reverse("nominations:detail", args=[dossier_a.pk])
    assert "Trần Ngọc Sơn" not in get_counting(client, url)[1]
    nominee = add_individual(dossier_a, head_a, officials_a[0])
    body = get_counting(client, url)[1]
    assert "Trần Ngọc Sơn" in body and "Chưa lập" in body
    fill_report(nominee, head_a)
    body = get_counting(client, url)[1]
    assert "Đã xác nhận" in body and "Chưa lập báo cáo thành tích" not in body
    assert "đã gia hạn" not in body
    services.extension_grant(
        campaign=campaign,
        unit=dossier_a.unit,
        actor=office_user,
        new_deadline=dt.date(2026, 1, 15),
        reason="Ốm",
    )
    body = get_counting(client, url)[1]
    assert "15/01/2026 (đã gia hạn)" in body


def _name_of_first_official(complete_a, officials_a):
    official = officials_a[0]
    official.full_name = "Trần Ngọc Sơn Mới"
    official.save()
    return "Trần Ngọc Sơn Mới"


def _standard_text(complete_a, officials_a):
    standard = Standard.objects.get(campaign=complete_a.campaign, nominee_kind="individual", order=1)
    standard.text = "Tiêu chuẩn viết lại"
    standard.save()
    return "Tiêu chuẩn viết lại"


def _evidence_cleared(complete_a, officials_a):
    nominee = Nominee.objects.filter(dossier=complete_a, kind="individual").first()
    nominee.evidence = ""
    nominee.save()
    return "Chưa ghi minh chứng, thành tích tiêu biểu"


def _report_unconfirmed(complete_a, officials_a):
    report = AchievementReport.objects.filter(nominee__dossier=complete_a).first()
    report.confirmed_at = None
    report.save()
    return "chưa có xác nhận của thủ trưởng đơn vị"


def _vote_changed(complete_a, officials_a):
    vote = MinutesVote.objects.filter(nominee__dossier=complete_a).first()
    vote.votes_for = 3
    vote.save()
    return "3/7"


def _file_renamed(complete_a, officials_a):
    attachment = Attachment.objects.filter(dossier=complete_a).first()
    attachment.original_name = "ban-chup-moi.pdf"
    attachment.save()
    return "ban-chup-moi.pdf"


def _file_removed(complete_a, officials_a):
    Attachment.objects.filter(dossier=complete_a).first().delete()
    return "Chưa tải lên bản chụp biên bản họp có chữ ký."


def _requirement_added(complete_a, officials_a):
    DossierRequirement.objects.create(
        campaign=complete_a.campaign, kind="khac", text="Bảng tự chấm điểm", order=9
    )
    return "Chưa tải lên: Bảng tự chấm điểm"


def _award_form_dropped(complete_a, officials_a):
    AwardForm.objects.filter(campaign=complete_a.campaign, kind="giay_khen").get().delete()
    return "không có trong kế hoạch"


def _extension_created(complete_a, officials_a):
    DeadlineExtension.objects.create(
        campaign=complete_a.campaign, unit=complete_a.unit, new_deadline=dt.date(2026, 2, 1), reason="Ốm"
    )
    return "01/02/2026 (đã gia hạn)"


@pytest.mark.parametrize(
    "change",
    [
        _name_of_first_official,
        _standard_text,
        _evidence_cleared,
        _report_unconfirmed,
        _vote_changed,
        _file_renamed,
        _file_removed,
        _requirement_added,
        _award_form_dropped,
        _extension_created,
    ],
)
def test_a_plain_save_shows_at_once(login, office_user, complete_a, officials_a, change):
    client = login(office_user)
    url = reverse("nominations:detail", args=[complete_a.pk])
    get_counting(client, url)
    before = get_counting(client, url)[1]
    shown = change(complete_a, officials_a)
    assert shown not in before
    assert shown in get_counting(client, url)[1]


def test_the_head_of_an_editable_dossier_gets_his_forms_built_for_him(login, head_a, dossier_a, officials_a):
    add_individual(dossier_a, head_a, officials_a[0])
    client = login(head_a)
    url = reverse("nominations:detail", args=[dossier_a.pk])
    first, _body = get_counting(client, url)
    again, body = get_counting(client, url)
    assert again == first  # never kept: the rows carry the viewer's forms
    nominee = dossier_a.nominees.get()
    remove = reverse("nominations:nominee_remove", args=[dossier_a.pk, nominee.pk])
    assert re.search(
        rf'action="{remove}"[^>]*><input type="hidden" name="csrfmiddlewaretoken" value="\w+"', body
    )
