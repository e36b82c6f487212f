"""The public pages can be found: the sign-in page and every page's footer link to them."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC = ["/tieu-chi/cong-khai/", "/khen-thuong/cong-khai/", "/xac-minh/"]


def test_sign_in_page_links_to_the_public_pages(client):
    html = client.get(reverse("login")).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    for url in PUBLIC:
        assert f'href="{url}"' in main


def test_footer_links_to_the_public_pages(login, head_a):
    html = login(head_a).get(reverse("home")).content.decode()
    footer = html.split("<footer", 1)[1]
    for url in PUBLIC:
        assert f'href="{url}"' in footer


def test_public_pages_open_without_signing_in(client):
    for url in PUBLIC:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'id="footer-public"' in response.content.decode()
