"""The request-size cap and the app's own error pages (no traceback, no database needed)."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

from anhai_thidua import urls as project_urls


def test_a_body_over_the_cap_is_refused_before_it_is_read(client, settings, db):
    settings.REQUEST_MAX_BYTES = 1000
    response = client.post(
        "/ho-so/", data=b"x" * 1001, content_type="application/octet-stream", HTTP_CONTENT_LENGTH="1001"
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "Dữ liệu gửi lên quá lớn" in page and "1000\xa0byte" in page


def _boom(request):
    raise RuntimeError("secret detail of the failure")


def _db_gone(request):
    raise OperationalError("server closed the connection unexpectedly")


urlpatterns = [
    *project_urls.urlpatterns,
    path("test-boom/", _boom),
    path("test-db-gone/", _db_gone),
]
handler500 = project_urls.handler500


@pytest.mark.urls("tests.core.test_error_pages")
def test_an_unexpected_error_gets_our_own_500_page(settings, db):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/test-boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Hệ thống đang gặp sự cố" in page and "Mã lỗi 500" in page
    assert "secret detail" not in page and "Traceback" not in page


@pytest.mark.urls("tests.core.test_error_pages")
def test_a_lost_database_gets_our_own_503_page(settings, db):
    response = Client(raise_request_exception=False).get("/test-db-gone/")
    assert response.status_code == 503 and response["Retry-After"] == "10"
    page = response.content.decode()
    assert "Hệ thống tạm thời gián đoạn" in page and "server closed" not in page
