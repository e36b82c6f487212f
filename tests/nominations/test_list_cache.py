"""The dossier list's rows, total and open campaigns come from the cache (nominations/views/listing.py
`_list_part`) until a dossier the viewer sees, a nominee, a campaign or a unit changes: then at once, through a
service or a plain save (as the admin does); never across viewers, filters, pages or languages."""

import html
import re

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from campaigns.models import Campaign
from nominations import services
from nominations.enums import DossierState
from nominations.models import Dossier, Nominee
from tests.factories import CampaignFactory

from .conftest import add_individual, complete_dossier

pytestmark = pytest.mark.usefixtures("page_cache")


def _rows(response) -> list[list[str]]:
    """The list's rows as the viewer reads them: [unit, campaign, nominees, state, submitted]."""
    body = response.content.decode()
    tbody = body[body.index("<tbody>") : body.index("</tbody>")]
    rows = []
    for row in tbody.split("<tr>")[1:]:
        cells = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in row.split("</td>")[:-1]]
        if len(cells) == 5:
            rows.append(cells)
    return rows


def _get(client, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("nominations:list"), params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_dossier_list_reads_its_rows_from_the_cache_at_two_sizes(
    login, office_user, head_a, dossier_a, campaign
):
    client = login(office_user)
    missed, _response = _get(client)
    hit, response = _get(client)
    # A hit: session, user, roles, unread notices (the layout's cache is off in tests), without the counts per
    # campaign, the campaigns' starts, the page's rows and the campaigns of the filter.
    assert (missed, hit) == (8, 4)
    assert [r[0] for r in _rows(response)] == [dossier_a.unit.name]
    for _ in range(3):
        services.dossier_create(campaign=CampaignFactory(), unit=dossier_a.unit, actor=head_a)
    missed_again, response = _get(client)  # the new dossiers made the entry stale
    assert missed_again == missed and len(_rows(response)) == 4
    assert _get(client)[0] == hit


def test_unit_head_list_from_the_cache_follows_the_own_dossiers_and_the_campaigns(
    login, head_a, head_b, unit_a, unit_b, campaign
):
    client = login(head_a)
    _queries, response = _get(client)
    assert _rows(response) == [] and len(response.context["open_pairs"]) == 1
    hit, response = _get(client)
    assert hit == 4 and "Lập hồ sơ" in response.content.decode()

    dossier = services.dossier_create(campaign=campaign, unit=unit_a, actor=head_a)
    _queries, response = _get(client)
    assert [r[0] for r in _rows(response)] == [unit_a.name] and not response.context["open_pairs"]
    assert "Lập hồ sơ" not in response.content.decode()

    other = CampaignFactory(title="Phong trào <mới> & khác", submission_deadline=None)
    response = _get(client)[1]
    assert "Phong trào &lt;mới&gt; &amp; khác" in response.content.decode()  # launched: may be opened
    other.status = "closed"
    other.save()
    assert "Phong trào &lt;mới&gt; &amp; khác" not in _get(client)[1].content.decode()

    services.dossier_create(campaign=campaign, unit=unit_b, actor=head_b)  # another unit's: not shown
    assert [r[0] for r in _rows(_get(client)[1])] == [unit_a.name]
    assert [r[0] for r in _rows(_get(login(head_b))[1])] == [unit_b.name]

    complete_dossier(dossier, head_a, unit_a, list(unit_a.officials.all()))
    assert _rows(_get(login(head_a))[1])[0][3] == "Đang soạn"  # cached again before the submission
    services.dossier_submit(dossier=Dossier.objects.get(pk=dossier.pk), actor=head_a)
    [row] = _rows(_get(login(head_a))[1])
    assert row[3] == "Đã nộp" and row[4] != "—"


def test_dossier_list_shows_plain_saves_and_nominees_at_once(
    login, office_user, head_a, dossier_a, officials_a, campaign
):
    client = login(office_user)
    assert _rows(_get(client)[1])[0][2] == "0"
    nominee = add_individual(dossier_a, head_a, officials_a[0])
    assert _rows(_get(client)[1])[0][2] == "1"
    Nominee.objects.get(pk=nominee.pk).delete()  # a plain delete (the admin's)
    assert _rows(_get(client)[1])[0][2] == "0"

    dossier = Dossier.objects.get(pk=dossier_a.pk)
    dossier.state = DossierState.WITHDRAWN
    dossier.save()
    assert _rows(_get(client)[1])[0][3] == "Đã rút"

    unit = dossier.unit
    unit.name = "Trung tâm đổi tên"
    unit.save()
    assert _rows(_get(client)[1])[0][0] == "Trung tâm đổi tên"
    campaign = Campaign.objects.get(pk=campaign.pk)
    campaign.title = "Phong trào đổi tên"
    campaign.save()
    [row] = _rows(_get(client)[1])
    assert row[:2] == ["Trung tâm đổi tên", "Phong trào đổi tên"]
    assert '<option value="cchc-thu" >Phong trào đổi tên</option>' in _get(client)[1].content.decode()


def test_dossier_list_cache_keeps_viewers_filters_pages_and_languages_apart(
    login, office_user, head_a, head_b, dossier_a, unit_b, campaign
):
    services.dossier_create(campaign=campaign, unit=unit_b, actor=head_b)
    office = login(office_user)
    assert len(_rows(_get(office)[1])) == 2
    assert [r[0] for r in _rows(_get(login(head_a))[1])] == [dossier_a.unit.name]
    office = login(office_user)
    assert _rows(_get(office, {"trang-thai": "submitted"})[1]) == []
    assert len(_rows(_get(office, {"trang-thai": "nonsense"})[1])) == 2
    assert _rows(_get(office, {"phong-trao": "khac"})[1]) == []
    assert len(_rows(_get(office, {"page": "9"})[1])) == 2  # the last page

    with translation.override("en"):
        draft_en = str(DossierState.DRAFT.label)
    assert draft_en != "Đang soạn"
    office.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    assert {r[3] for r in _rows(_get(office)[1])} == {draft_en}
    office.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "vi"
    assert {r[3] for r in _rows(_get(office)[1])} == {"Đang soạn"}


def test_discarding_a_draft_with_nominees_empties_the_lists_without_a_query_per_nominee(
    login, head_a, dossier_a, officials_a
):
    for official in officials_a:
        add_individual(dossier_a, head_a, official)
    client = login(head_a)
    assert [r[2] for r in _rows(_get(client)[1])] == [str(len(officials_a))]
    with CaptureQueriesContext(connection) as ctx:
        services.dossier_discard(dossier=Dossier.objects.get(pk=dossier_a.pk), actor=head_a)
    # the receivers do not look each deleted nominee's dossier up (it goes with them)
    assert not [q for q in ctx.captured_queries if 'SELECT "nominations_dossier"."campaign_id"' in q["sql"]]
    response = _get(client)[1]
    assert _rows(response) == [] and "Lập hồ sơ" in response.content.decode()
