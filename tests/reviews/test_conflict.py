"""The conflict rule in the review (issue 9): an office member who heads the dossier's unit cannot review,
accept or return it (nominations.rules.has_conflict_of_interest, the council's recusal rule), in the
services and on the page, which says why the buttons are missing."""

import datetime as dt

import pytest
from django.urls import reverse

from nominations.models import Dossier
from nominations.rules import conflicting_unit_id, has_conflict_of_interest
from reviews import services
from reviews.errors import DomainError
from reviews.models import DossierReview
from reviews.selectors import review_page
from tests.factories import OfficialFactory, UnitFactory, UserFactory

from .test_views import _form_data

DUE = dt.date(2025, 12, 8)


@pytest.fixture
def office_head(submitted_a, office_unit):
    """An office member who is also head of unit A (the submitted dossier's unit)."""
    official = OfficialFactory(full_name="Đỗ Thị Kim Oanh", gender="female", unit=office_unit)
    return UserFactory(
        username="office-head", official=official, roles=[("office", None), ("unit_head", submitted_a.unit)]
    )


def _decisions(dossier):
    return {b.nominee.pk: {"decision": "accepted"} for b in review_page(dossier).nominee_blocks}


def test_predicate_is_the_councils_recusal_rule(submitted_a, office_head, office_user):
    assert has_conflict_of_interest(office_head, submitted_a)
    assert not has_conflict_of_interest(office_user, submitted_a)
    team = UnitFactory(name="Tổ một cửa", code="to-mot-cua", parent=submitted_a.unit)
    team_dossier = Dossier(campaign=submitted_a.campaign, unit=team)
    # Heading the unit above the dossier's unit is a conflict too; another unit is not.
    assert conflicting_unit_id({submitted_a.unit_id}, team_dossier) == submitted_a.unit_id
    assert conflicting_unit_id({UnitFactory(code="khac").pk}, team_dossier) is None


def test_office_member_heading_the_unit_cannot_review_accept_or_return(submitted_a, office_head, office_user):
    for call in (
        lambda: services.review_save(dossier=submitted_a, actor=office_head, items={}),
        lambda: services.review_return(
            dossier=submitted_a, actor=office_head, reasons=["Thiếu chữ ký."], due_date=DUE
        ),
        lambda: services.review_decide(
            dossier=submitted_a, actor=office_head, decisions=_decisions(submitted_a)
        ),
    ):
        with pytest.raises(DomainError, match="đồng thời là Thủ trưởng Trung tâm Phục vụ hành chính công"):
            call()
    assert Dossier.objects.get(pk=submitted_a.pk).state == submitted_a.state
    assert not DossierReview.objects.filter(dossier=submitted_a, version__gt=1).exists()
    # Another member of the office decides it.
    services.review_decide(dossier=submitted_a, actor=office_user, decisions=_decisions(submitted_a))
    assert Dossier.objects.get(pk=submitted_a.pk).state == "accepted"


def test_review_page_explains_why_the_buttons_are_missing(login, submitted_a, office_head, office_user):
    url = reverse("reviews:review", args=[submitted_a.pk])
    client = login(office_head)
    page = client.get(url).content.decode()
    assert 'id="review-conflict"' in page
    assert "đồng thời là Thủ trưởng Trung tâm Phục vụ hành chính công nên không thẩm định" in page
    assert 'value="return"' not in page and 'value="decide"' not in page
    # A crafted POST is refused by the service, nothing moves.
    data = _form_data(review_page(submitted_a), action="decide")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "đồng thời là Thủ trưởng" in response.content.decode()
    assert Dossier.objects.get(pk=submitted_a.pk).state == submitted_a.state
    other = login(office_user).get(url).content.decode()
    assert 'id="review-conflict"' not in other and 'value="decide"' in other
