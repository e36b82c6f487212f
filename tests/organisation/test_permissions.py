import pytest
from django.urls import reverse

from organisation import services

from .conftest import build_xlsx

IMPORT_PAGES = ["organisation:import", "organisation:import_template"]


@pytest.mark.parametrize("name", IMPORT_PAGES)
def test_import_pages_send_anonymous_visitors_to_sign_in(client, db, name):
    url = reverse(name)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=" in response["Location"]


@pytest.mark.parametrize("name", IMPORT_PAGES)
def test_import_pages_are_forbidden_to_a_unit_head(login, head_a, name):
    assert login(head_a).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("who", ["office_user", "admin_user"])
def test_import_pages_open_for_the_office_and_the_administrator(login, request, who):
    client = login(request.getfixturevalue(who))

    page = client.get(reverse("organisation:import"))
    template = client.get(reverse("organisation:import_template"))

    assert page.status_code == 200
    assert "Tải lên và xem trước" in page.content.decode()
    assert template.status_code == 200
    assert template.content.startswith(b"PK\x03\x04")


def test_a_unit_head_cannot_upload_preview_or_confirm(login, head_a, office_user):
    organisation_import = services.organisation_import_create(
        actor=office_user, data=build_xlsx([("x", "Phòng X")], None), filename="x.xlsx"
    )
    client = login(head_a)
    token = {"token": organisation_import.token}

    assert client.post(reverse("organisation:import"), {}).status_code == 403
    assert client.get(reverse("organisation:import_preview", kwargs=token)).status_code == 403
    assert (
        client.post(reverse("organisation:import_confirm", kwargs=token), {"digest": "0" * 64}).status_code
        == 403
    )
    assert client.post(reverse("organisation:import_discard", kwargs=token)).status_code == 403


def test_the_import_permission_follows_the_roles(head_a, office_user, admin_user, council_member):
    assert office_user.has_perm("organisation.import_officials")
    assert admin_user.has_perm("organisation.import_officials")
    assert not head_a.has_perm("organisation.import_officials")
    assert not council_member.has_perm("organisation.import_officials")


def test_confirm_only_accepts_post(login, office_user):
    organisation_import = services.organisation_import_create(
        actor=office_user, data=build_xlsx([("x", "Phòng X")], None), filename="x.xlsx"
    )
    client = login(office_user)

    response = client.get(reverse("organisation:import_confirm", kwargs={"token": organisation_import.token}))

    assert response.status_code == 405


def test_directory_needs_sign_in(client, db):
    response = client.get(reverse("organisation:directory"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
