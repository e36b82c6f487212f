"""Every main page, as the role that uses it, on the demo played through the decision: at most 15 queries
(issue 13). The per-app tests prove each count does not grow with rows (two sizes); this one keeps the
ceiling for all pages in one place, so a page that grows past it is caught whatever app it lives in."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CEILING = 15
SLUG = "cchc-2025-h2"


@pytest.fixture
def demo(monkeypatch):
    from django.core.management import call_command

    monkeypatch.setenv("DEMO", "true")
    call_command("seed_anhai", through="decided", verbosity=0)


def _pages():
    """(who, url) for every main page; ids looked up in the demo (they differ on PostgreSQL)."""
    from awards.models import Award, Decision
    from council.models import Meeting
    from nominations.models import Dossier
    from organisation.models import User

    head = User.objects.get(username="truongphong.kthtdt")
    dossier = Dossier.objects.filter(unit_id__in=head.headed_unit_ids()).first()
    any_dossier = Dossier.objects.exclude(state="draft").order_by("pk").first()
    unit_code = dossier.unit.code
    meeting = Meeting.objects.order_by("pk").first()
    decision = Decision.objects.order_by("pk").first()
    award = Award.objects.filter(decision=decision).first()
    return [
        ("vhxh", reverse("home")),
        ("truongphong.kthtdt", reverse("home")),
        ("hoidong", reverse("home")),
        ("chutich", reverse("home")),
        ("tuyentruyen", reverse("home")),
        ("vhxh", reverse("campaigns:list")),
        ("vhxh", reverse("campaigns:detail", args=[SLUG])),
        ("vhxh", reverse("nominations:list")),
        ("truongphong.kthtdt", reverse("nominations:list")),
        ("truongphong.kthtdt", reverse("nominations:detail", args=[dossier.pk])),
        ("vhxh", reverse("nominations:detail", args=[any_dossier.pk])),
        ("vhxh", reverse("reviews:inbox", args=[SLUG])),
        ("vhxh", reverse("reviews:review", args=[any_dossier.pk])),
        ("vhxh", reverse("criteria:dashboard", args=[SLUG])),
        ("truongphong.kthtdt", reverse("criteria:unit", args=[SLUG, unit_code])),
        ("chutich", reverse("council:list")),
        ("chutich", reverse("council:detail", args=[meeting.pk])),
        ("chutich", reverse("awards:decision", args=[decision.pk])),
        ("vhxh", reverse("notifications:list")),
        ("vhxh", reverse("organisation:directory")),
        (None, reverse("awards:public")),
        (None, reverse("criteria:public")),
        (None, reverse("award_verify", args=[award.verify_token])),
    ]


def test_every_main_page_stays_under_the_ceiling(demo, client, django_assert_max_num_queries):
    from organisation.models import User

    over = []
    for who, url in _pages():
        client.logout()
        if who:
            client.force_login(User.objects.get(username=who))
        first = client.get(url)  # warm the session and the per-user cache
        assert first.status_code == 200, f"{who} {url}: {first.status_code}"
        try:
            with django_assert_max_num_queries(CEILING):
                response = client.get(url)
        except pytest.fail.Exception as exc:
            over.append(f"{who} {url}: {str(exc).splitlines()[0]}")
            continue
        assert response.status_code == 200
    assert not over, "\n".join(over)
