"""The app's own error pages (anhai_thidua/core/errors.py): in the layout, in Vietnamese, with a way on."""

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from anhai_thidua.core import errors
from nominations.models import Dossier
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def _page(response) -> str:
    return response.content.decode()


def assert_app_page(response, code: int, heading: str):
    html = _page(response)
    assert response.status_code == code
    assert f'data-error-page="{code}"' in html
    assert heading in html
    assert 'class="navbar' in html  # the site's layout, not Django's bare page
    assert "Về trang chủ" in html
    assert "Forbidden" not in html and "Not Found" not in html


def test_permission_denied_is_the_app_page_in_vietnamese(login, head_a):
    # A unit head may not import officials: PermissionDenied in the view.
    response = login(head_a).get(reverse("organisation:import"))
    assert_app_page(response, 403, "Anh/chị không có quyền thực hiện việc này")
    assert 'lang="vi"' in _page(response)


def test_permission_denied_in_english_when_chosen(login, head_a, settings):
    client = login(head_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("organisation:import"))
    assert response.status_code == 403
    assert 'lang="en"' in _page(response)
    assert 'data-error-page="403"' in _page(response)


def test_not_found_page_says_where_to_go(login, head_a):
    response = login(head_a).get("/khong-co-trang-nay/", HTTP_REFERER="http://testserver/ho-so/")
    assert_app_page(response, 404, "Không tìm thấy trang")
    assert 'href="http://testserver/ho-so/"' in _page(response)  # back to the list the user came from


def test_not_found_offers_sign_in_to_anonymous(client):
    response = client.get("/khong-co-trang-nay/")
    assert_app_page(response, 404, "Không tìm thấy trang")
    assert "/dang-nhap/?next=/khong-co-trang-nay/" in _page(response)


def test_back_link_never_points_off_site(client):
    response = client.get("/khong-co/", HTTP_REFERER="https://evil.example.com/")
    assert "evil.example.com" not in _page(response)


@pytest.mark.parametrize("path", ["/khong-co-trang-nay/", "other-unit"])
def test_debug_on_shows_the_app_404_not_the_url_list(login, head_a, head_b, unit_b, settings, path):
    """make run has DEBUG on: another unit's dossier must not show Django's page listing every URL."""
    settings.DEBUG = True
    if path == "other-unit":
        dossier = Dossier.objects.create(campaign=CampaignFactory(), unit=unit_b, created_by=head_b)
        path = reverse("nominations:detail", args=[dossier.pk])
    response = login(head_a).get(path)
    html = _page(response)
    assert_app_page(response, 404, "Không tìm thấy trang")
    assert "URLconf" not in html and "DEBUG = True" not in html
    assert "phong-trao/" not in html.split("<main", 1)[1]  # no URL patterns listed


def test_debug_on_403_is_the_app_page(login, head_a, settings):
    settings.DEBUG = True
    assert_app_page(login(head_a).get(reverse("organisation:import")), 403, "không có quyền")


def test_csrf_failure_is_the_app_page(head_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(head_a)
    response = client.post(reverse("logout"))
    assert_app_page(response, 403, "Biểu mẫu đã hết hạn, chưa được gửi")
    assert "CSRF" not in _page(response)


def test_bad_request_page():
    request = RequestFactory().get("/x/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert_app_page(errors.bad_request(request), 400, "Yêu cầu không hợp lệ")


def test_server_error_page_needs_no_database_and_no_request(django_assert_num_queries, monkeypatch):
    def no_database(*args, **kwargs):
        raise AssertionError("the 500 page touched the database")

    monkeypatch.setattr(connection, "cursor", no_database)
    with django_assert_num_queries(0):
        response = errors.server_error()
    html = _page(response)
    assert response.status_code == 500
    assert 'data-error-page="500"' in html and "Hệ thống đang gặp sự cố" in html
    assert 'class="navbar' in html and "Về trang chủ" in html


@pytest.mark.urls("tests.core.error_urls")
def test_unhandled_exception_gives_the_500_page(client):
    """With DEBUG off, an exception in a view answers with the app's 500 page, never a traceback."""
    client.raise_request_exception = False
    response = client.get("/boom/")
    html = _page(response)
    assert response.status_code == 500
    assert 'data-error-page="500"' in html
    assert "RuntimeError" not in html and "Traceback" not in html
