"""Publicity: announcements on the campaign page and the public page (no login), escaped plain text."""

import pytest
from django.urls import reverse

from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.models import AuditEntry
from criteria.models import Announcement
from criteria.services import announcement_publish
from tests.factories import CampaignFactory


def test_publicity_posts_an_announcement_shown_on_the_campaign_page(campaign, publicity_user, head_a, login):
    client = login(publicity_user)
    response = client.post(
        reverse("criteria:announcements", args=[campaign.slug]),
        {"title": "Phát động thi đua CCHC", "body": "Dòng một\n<script>alert(1)</script>"},
    )
    assert response.status_code == 302
    announcement = Announcement.objects.get()
    assert announcement.author == publicity_user
    assert AuditEntry.objects.filter(action="announcement_publish", object_id=announcement.pk).exists()
    page = login(head_a).get(reverse("campaigns:detail", args=[campaign.slug])).content.decode()
    assert "Phát động thi đua CCHC" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_public_page_lists_published_announcements_without_login(campaign, publicity_user, client):
    announcement_publish(
        campaign=campaign, actor=publicity_user, title="Công khai kết quả", body="Nội dung công khai"
    )
    draft = CampaignFactory(status="draft")
    Announcement.objects.create(campaign=draft, title="Bản nháp nội bộ", body="x")
    body = client.get(reverse("criteria:public")).content.decode()
    assert "Công khai kết quả" in body and "Nội dung công khai" in body
    assert "Bản nháp nội bộ" not in body
    assert publicity_user.official.full_name not in body  # nothing about who posted it


def test_announcement_needs_title_and_body_and_a_launched_campaign(campaign, publicity_user):
    with pytest.raises(DomainError, match="Hãy nhập tiêu đề và nội dung"):
        announcement_publish(campaign=campaign, actor=publicity_user, title=" ", body="x")
    with pytest.raises(DomainError, match="chưa được phát động"):
        announcement_publish(
            campaign=CampaignFactory(status="draft"), actor=publicity_user, title="a", body="b"
        )


def test_campaign_page_links_to_the_criteria_pages(campaign, unit_a, head_a, office_user, login):
    head_page = login(head_a).get(reverse("campaigns:detail", args=[campaign.slug])).content.decode()
    assert reverse("criteria:unit", args=[campaign.slug, unit_a.code]) in head_page
    dashboard_url = reverse("criteria:dashboard", args=[campaign.slug])
    assert f'href="{dashboard_url}"' not in head_page
    office_page = login(office_user).get(reverse("campaigns:detail", args=[campaign.slug])).content.decode()
    assert reverse("criteria:dashboard", args=[campaign.slug]) in office_page
    assert reverse("criteria:periods", args=[campaign.slug]) in office_page


def test_home_links_to_the_dashboard_and_the_unit_page(campaign, unit_a, head_a, office_user, login):
    assert reverse("criteria:dashboard", args=[campaign.slug]) in login(office_user).get("/").content.decode()
    assert (
        reverse("criteria:unit", args=[campaign.slug, unit_a.code]) in login(head_a).get("/").content.decode()
    )


def test_public_and_campaign_announcement_pages_queries_do_not_grow(
    campaign, publicity_user, login, django_assert_num_queries
):
    """20 announcements a page, the author in the same query: 2 or 45 published, the same queries."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    anonymous = Client()

    def publish(first, n):
        Announcement.objects.bulk_create(
            Announcement(campaign=campaign, title=f"Tin số {first + i}", body="x", author=publicity_user)
            for i in range(n)
        )

    staff = login(publicity_user)
    campaign_url = reverse("criteria:announcements", args=[campaign.slug])
    publish(0, 2)
    staff.get(campaign_url)
    with CaptureQueriesContext(connection) as small:
        staff.get(campaign_url)
    with django_assert_num_queries(2):  # the count and the page
        assert anonymous.get(reverse("criteria:public")).content.decode().count("Tin số ") == 2
    publish(2, 43)
    with django_assert_num_queries(2):
        assert anonymous.get(reverse("criteria:public")).content.decode().count("Tin số ") == 20
    with django_assert_num_queries(len(small.captured_queries)):
        assert staff.get(campaign_url).status_code == 200
