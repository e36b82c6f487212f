"""Deployment: `manage.py check --deploy --fail-level WARNING` passes with production settings (and fails
when one of them is weakened), HTTPS is enforced, and `next` addresses are checked by one helper."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from anhai_thidua.core.redirects import safe_next_url

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k7Yq2-pZr9Lw4vXt8Nc1Bm6Hs3Jd0Fg5Qe_Ua2Wi7Oy4Rb9Tl1Kx6Mz3Pn8Vc5Sa",
    "ALLOWED_HOSTS": "thidua.anhai.example.vn",
    "SITE_URL": "https://thidua.anhai.example.vn",
    "BEHIND_TLS_PROXY": "true",
    "CSRF_TRUSTED_ORIGINS": "https://thidua.anhai.example.vn",
}


def check_deploy(tmp_path, **env):
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "VAR_DIR": str(tmp_path),
        "PYTHONDONTWRITEBYTECODE": "1",
        "DJANGO_SETTINGS_MODULE": "anhai_thidua.settings",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = check_deploy(tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("weakened", "check_id"),
    [
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"SECURE_SSL_REDIRECT": "false"}, "security.W008"),
        ({"SESSION_COOKIE_SECURE": "false"}, "security.W012"),
        ({"CSRF_COOKIE_SECURE": "false"}, "security.W016"),
        ({"SECRET_KEY": "short"}, "security.W009"),
    ],
)
def test_check_deploy_fails_when_a_setting_is_weakened(tmp_path, weakened, check_id):
    result = check_deploy(tmp_path, **{**PRODUCTION, **weakened})
    assert result.returncode != 0
    assert check_id in result.stderr + result.stdout


def test_production_security_settings(tmp_path):
    probe = (
        "import json; from anhai_thidua import settings as s; print(json.dumps([s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_AGE, s.SESSION_IDLE_MINUTES, s.AXES_FAILURE_LIMIT,"
        " s.OTP_REQUIRED_ROLES, s.DEMO]))"
    )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "VAR_DIR": str(tmp_path),
        **PRODUCTION,
    }
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    import json

    assert json.loads(result.stdout) == [
        True,
        31536000,
        True,
        True,
        True,
        ["HTTP_X_FORWARDED_PROTO", "https"],
        12 * 3600,
        30,
        5,
        ["office", "chairman", "vice_chairman", "admin"],
        False,
    ]


# ---- HTTPS in the running app (production values set on the test's settings) -------------------------------


@pytest.fixture
def production_https(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def test_plain_http_is_redirected_to_https(client, db, production_https):
    response = client.get("/dang-nhap/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/dang-nhap/"


def test_https_through_the_proxy_gets_hsts(client, db, production_https):
    response = client.get("/dang-nhap/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_container_health_check_is_not_redirected(client, db, production_https):
    """compose's health check calls http://127.0.0.1:8000/healthz without the proxy."""
    assert client.get("/healthz").status_code in (200, 503)


# ---- one helper for `next` ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/ho-so/3/", "/ho-so/3/"),
        ("/ho-so/?trang=2", "/ho-so/?trang=2"),
        ("https://evil.example/", "/mac-dinh/"),
        ("//evil.example/", "/mac-dinh/"),
        ("/\\evil.example/", "/mac-dinh/"),
        ("javascript:alert(1)", "/mac-dinh/"),
        ("https://testserver/ho-so/", "https://testserver/ho-so/"),
        ("", "/mac-dinh/"),
    ],
)
def test_safe_next_url(next_url, expected):
    request = RequestFactory().post("/", {"next": next_url})
    assert safe_next_url(request, "/mac-dinh/") == expected


def test_safe_next_url_refuses_plain_http_on_an_https_site():
    request = RequestFactory().post("/", {"next": "http://testserver/ho-so/"}, secure=True)
    assert safe_next_url(request, "/mac-dinh/") == "/mac-dinh/"


def test_no_view_redirects_to_a_raw_next():
    """Every view that reads `next` goes through safe_next_url (grep, so a new view cannot slip by)."""
    offenders = []
    for path in BASE_DIR.glob("*/**/*.py"):
        if any(part in {".venv", "node_modules", "tests", "migrations"} for part in path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ('POST.get("next")', "POST.get('next')", 'GET.get("next")', "GET.get('next')"):
            for line in text.splitlines():
                if needle in line and "redirect(" in line:
                    offenders.append(f"{path.relative_to(BASE_DIR)}: {line.strip()}")
    assert not offenders, offenders
