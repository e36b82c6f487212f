"""The permission matrix: every criteria URL for unit head A and B, office, chairman, council member,
publicity and anonymous. 200/302 = allowed, 403 = refused, "login" = sent to the login page."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from criteria.enums import ResultStatus
from criteria.models import Announcement, EvidenceFile, TargetResult
from criteria.services import evidence_attach
from tests.pdf import MINIMAL_PDF

ROLES = ["head_a", "head_b", "office", "chairman", "council", "publicity", "anonymous"]
PDF = MINIMAL_PDF


LEADERS_ONLY = {"office": 200, "chairman": 200}
# url name -> (method, {role: status}); roles not named get 403 (anonymous: the login page).
MATRIX = {
    "dashboard": ("get", {"office": 200, "chairman": 200, "head_a": 302, "head_b": 302}),
    "registrations": ("get", LEADERS_ONLY),
    "register": ("get", {"head_a": 200}),
    "periods": ("get", {"office": 200}),
    "period_edit": ("get", {"office": 200}),
    "unit": ("get", {"head_a": 200, "office": 200, "chairman": 200}),
    "report": ("get", {"head_a": 200}),
    "evidence": ("get", {"head_a": 200, "office": 200, "chairman": 200}),
    "summary_pdf": ("get", LEADERS_ONLY),
    "export_criteria": ("get", LEADERS_ONLY),
    "export_dossiers": ("get", {"office": 200, "chairman": 200}),
    "announcements": ("get", {r: 200 for r in ROLES if r != "anonymous"}),
    "public": ("get", {r: 200 for r in ROLES}),
    "review": ("post", {"office": 302}),
    "evidence_upload": ("post", {"head_a": 302}),
    "evidence_delete": ("post", {"head_a": 302}),
    "announcement_post": ("post", {"publicity": 302, "office": 302}),
    "announcement_delete": ("post", {"publicity": 302, "office": 302}),
    "export_start": ("post", {"office": 302, "chairman": 302}),
}


@pytest.fixture
def cast(head_a, head_b, office_user, chairman, council_member, publicity_user):
    return {
        "head_a": head_a,
        "head_b": head_b,
        "office": office_user,
        "chairman": chairman,
        "council": council_member,
        "publicity": publicity_user,
        "anonymous": None,
    }


@pytest.fixture
def world(campaign, targets, period, unit_a, head_a, publicity_user):
    campaign.registration_deadline = date(2099, 1, 1)
    campaign.save()
    results = [
        TargetResult.objects.create(period=period, unit=unit_a, target=t, numerator=1, denominator=2)
        for t in targets
    ]
    evidence = evidence_attach(
        result=results[0], actor=head_a, upload=SimpleUploadedFile("minh-chung.pdf", PDF)
    )
    reported = results[1]
    reported.status = ResultStatus.REPORTED
    reported.save()
    announcement = Announcement.objects.create(
        campaign=campaign, title="Tin", body="Nội dung", author=publicity_user
    )
    return {"result": results[0], "reported": reported, "evidence": evidence, "announcement": announcement}


def _request(client, name, campaign, unit, period, world):
    slug = campaign.slug
    urls = {
        "dashboard": ("get", reverse("criteria:dashboard", args=[slug]), {}),
        "registrations": ("get", reverse("criteria:registrations", args=[slug]), {}),
        "register": ("get", reverse("criteria:register", args=[slug, unit.code]), {}),
        "periods": ("get", reverse("criteria:periods", args=[slug]), {}),
        "period_edit": ("get", reverse("criteria:period_edit", args=[slug, period.pk]), {}),
        "unit": ("get", reverse("criteria:unit", args=[slug, unit.code]), {}),
        "report": ("get", reverse("criteria:report", args=[slug, unit.code, period.pk]), {}),
        "evidence": ("get", reverse("criteria:evidence", args=[world["evidence"].pk]), {}),
        "summary_pdf": ("get", reverse("criteria:summary_pdf", args=[slug]), {}),
        "export_criteria": ("get", reverse("criteria:export_criteria", args=[slug]), {}),
        "export_dossiers": ("get", reverse("criteria:export_dossiers", args=[slug]), {}),
        "announcements": ("get", reverse("criteria:announcements", args=[slug]), {}),
        "public": ("get", reverse("criteria:public"), {}),
        "review": ("post", reverse("criteria:review", args=[world["reported"].pk]), {"action": "validate"}),
        "evidence_upload": (
            "post",
            reverse("criteria:evidence_upload", args=[world["result"].pk]),
            {"file": SimpleUploadedFile("them.pdf", PDF)},
        ),
        "evidence_delete": ("post", reverse("criteria:evidence_delete", args=[world["evidence"].pk]), {}),
        "announcement_post": (
            "post",
            reverse("criteria:announcements", args=[slug]),
            {"title": "Thông báo mới", "body": "Nội dung"},
        ),
        "announcement_delete": (
            "post",
            reverse("criteria:announcement_delete", args=[world["announcement"].pk]),
            {},
        ),
        "export_start": ("post", reverse("criteria:export_start", args=[slug]), {"kind": "criteria_xlsx"}),
    }
    method, url, data = urls[name]
    return getattr(client, method)(url, data)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(MATRIX))
def test_permission_matrix(name, role, cast, world, campaign, unit_a, period, client):
    user = cast[role]
    if user is not None:
        client.force_login(user)
    _method, allowed = MATRIX[name]
    response = _request(client, name, campaign, unit_a, period, world)
    if role in allowed:
        assert response.status_code == allowed[role], (name, role)
    elif role == "anonymous":
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"], (name, role)
    else:
        assert response.status_code == 403, (name, role)


def test_refused_writes_change_nothing(cast, world, client):
    client.force_login(cast["head_b"])
    client.post(reverse("criteria:review", args=[world["reported"].pk]), {"action": "validate"})
    client.post(reverse("criteria:evidence_delete", args=[world["evidence"].pk]))
    world["reported"].refresh_from_db()
    assert world["reported"].status == ResultStatus.REPORTED
    assert EvidenceFile.objects.filter(pk=world["evidence"].pk).exists()


def test_unit_head_is_sent_to_the_own_unit(cast, world, campaign, client):
    client.force_login(cast["head_b"])
    response = client.get(reverse("criteria:dashboard", args=[campaign.slug]))
    assert response["Location"] == reverse("criteria:unit", args=[campaign.slug, "capt"])
