"""The review page's checklist facts, nominees, returns and history come from the cache until something
they show changes: then at once, through the page, a service or a plain save (as the admin does). The form
is built for each request: the saved findings it shows are the current ones, and what was typed stays."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from anhai_thidua.core.audit import audit_record
from nominations.models import Attachment, Dossier
from reviews.models import DossierReview, NomineeDecision, ReviewItem, ReviewReturn
from reviews.selectors import review_page
from tests.pagecache import get_counting, without_tokens

from .conftest import make_submitted
from .test_views import PEOPLE, _form_data

pytestmark = pytest.mark.usefixtures("page_cache")


# A hit skips the nominees, their standards, the files, the requirements, the award forms, the extension,
# the history, the checklist's findings, the decisions and the returns.
SKIPPED_ON_A_HIT = 10


def test_the_checklist_comes_from_the_cache_at_two_sizes(login, office_user, campaign, submitted_a):
    client = login(office_user)
    url = reverse("reviews:review", args=[submitted_a.pk])
    client.get(url)  # creates the review row once
    cache.clear()
    missed, first = get_counting(client, url)
    hit, again = get_counting(client, url)
    assert hit == missed - SKIPPED_ON_A_HIT
    assert without_tokens(again) == without_tokens(first)
    big, _head = make_submitted(
        campaign, name="Phòng lớn", code="phong-lon", head_name="Trưởng phòng lớn", nominee_names=PEOPLE[:4]
    )
    url = reverse("reviews:review", args=[big.pk])
    client.get(url)
    cache.clear()
    assert get_counting(client, url)[0] == missed
    hit_big, body = get_counting(client, url)
    assert hit_big == hit
    assert body.count('class="card mb-3" id="nominee-') == 3


def test_a_saved_finding_shows_in_the_form_at_once(login, office_user, submitted_a):
    client = login(office_user)
    url = reverse("reviews:review", args=[submitted_a.pk])
    client.get(url)
    page = review_page(Dossier.objects.get(pk=submitted_a.pk))
    key = page.requirement_rows[0].key
    response = client.post(
        url, _form_data(page, action="save", **{f"{key}-status": "fix", f"{key}-comment": "Thiếu chữ ký"})
    )
    assert response.status_code == 302
    body = get_counting(client, url)[1]
    assert re.search(rf'name="{key}-comment"[^>]*>\s*Thiếu chữ ký</textarea>', body)
    assert re.search(rf'name="{key}-status".*?<option value="fix" selected>', body, re.S)


def test_a_return_through_the_page_shows_at_once(login, office_user, submitted_a):
    client = login(office_user)
    url = reverse("reviews:review", args=[submitted_a.pk])
    page = review_page(Dossier.objects.get(pk=submitted_a.pk))
    get_counting(client, url)
    assert "Các lần yêu cầu bổ sung" not in get_counting(client, url)[1]
    data = _form_data(page, action="return", reasons="Thiếu minh chứng năm 2025.", due_date="2025-12-08")
    assert client.post(url, data).status_code == 302
    body = get_counting(client, url)[1]
    assert "Các lần yêu cầu bổ sung" in body and "Thiếu minh chứng năm 2025." in body


def _finding_saved(dossier, officials_a):
    review = DossierReview.objects.get(dossier=dossier)
    requirement = dossier.campaign.dossier_requirements.first()
    ReviewItem.objects.create(
        review=review, aspect="requirement", requirement=requirement, comment="Ghi chú mới"
    )
    return "Ghi chú mới"


def _decision_saved(dossier, officials_a):
    nominee = dossier.nominees.filter(kind="individual").first()
    NomineeDecision.objects.create(
        nominee=nominee,
        dossier=dossier,
        decision="rejected",
        reason="Chưa đủ năm công tác",
        decided_at=timezone.now(),
    )
    return "Chưa đủ năm công tác"


def _return_written(dossier, officials_a):
    ReviewReturn.objects.create(
        dossier=dossier,
        submission=1,
        reasons=[{"item": "", "text": "Bổ sung tờ trình"}],
        due_date="2025-12-10",
    )
    return "Bổ sung tờ trình"


def _official_renamed(dossier, officials_a):
    official = officials_a[0]
    official.full_name = "Trần Ngọc Sơn Mới"
    official.save()
    return "Trần Ngọc Sơn Mới"


def _scan_removed(dossier, officials_a):
    Attachment.objects.filter(dossier=dossier, kind="bien_ban").delete()
    return "Bản chụp có chữ ký: 0 tệp."


def _history_written(dossier, officials_a):
    audit_record(actor=None, action="review_save", target=dossier, note="Ghi chú lịch sử mới")
    return "Ghi chú lịch sử mới"


@pytest.mark.parametrize(
    "change",
    [_finding_saved, _decision_saved, _return_written, _official_renamed, _scan_removed, _history_written],
)
def test_a_plain_save_shows_at_once(login, office_user, submitted_a, officials_a, change):
    client = login(office_user)
    url = reverse("reviews:review", args=[submitted_a.pk])
    get_counting(client, url)
    before = get_counting(client, url)[1]
    shown = change(Dossier.objects.get(pk=submitted_a.pk), officials_a)
    assert shown not in before
    assert shown in get_counting(client, url)[1]


def test_typed_values_stay_when_the_page_is_refused(login, office_user, submitted_a):
    client = login(office_user)
    url = reverse("reviews:review", args=[submitted_a.pk])
    get_counting(client, url)
    get_counting(client, url)  # cached
    page = review_page(Dossier.objects.get(pk=submitted_a.pk))
    key = page.requirement_rows[0].key
    data = _form_data(
        page, action="return", reasons="  ", due_date="2025-12-08", **{f"{key}-comment": "Gõ dở"}
    )
    response = client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hãy ghi ít nhất một nội dung đơn vị cần bổ sung" in body
    assert re.search(rf'name="{key}-comment"[^>]*>\s*Gõ dở</textarea>', body)
    assert "Gõ dở" not in get_counting(client, url)[1]  # never kept
