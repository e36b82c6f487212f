"""Settings fail loudly on a bad environment; .env.example documents every variable settings.py reads.

Each case imports the settings in a fresh interpreter with a controlled environment (nothing inherited
from the shell or from the test run), so what is checked is exactly what a server would do at start-up.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
SETTINGS = BASE_DIR / "anhai_thidua" / "settings.py"

PROBE = """
import json
from anhai_thidua import settings as s
print(json.dumps({
    "DEBUG": s.DEBUG,
    "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
    "ENGINE": s.DATABASES["default"]["ENGINE"],
    "BROKER": s.CELERY_BROKER_URL,
    "STATIC": s.STORAGES["staticfiles"]["BACKEND"],
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "EMAIL_PORT": s.EMAIL_PORT,
}))
"""


def import_settings(tmp_path, **env):
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "VAR_DIR": str(tmp_path),
        "PYTHONDONTWRITEBYTECODE": "1",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_improperly_configured(result, *words):
    assert result.returncode != 0, result.stdout
    assert "django.core.exceptions.ImproperlyConfigured" in result.stderr, result.stderr
    last_line = result.stderr.strip().splitlines()[-1]
    for word in words:
        assert word in last_line, last_line


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "thidua.anhai.example.vn",
    "SITE_URL": "https://thidua.anhai.example.vn",
}


def test_no_environment_means_production_and_refuses_to_start(tmp_path):
    """DEBUG defaults to off: a server started with nothing set never shows debug pages."""
    result = import_settings(tmp_path)
    assert_improperly_configured(result, "SECRET_KEY", "DEBUG is off")


def test_development_defaults_need_only_debug(tmp_path):
    result = import_settings(tmp_path, DEBUG="true")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is True
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["BROKER"] == f"sqla+sqlite:///{tmp_path / 'celery-broker.sqlite3'}"
    assert "127.0.0.1" in values["ALLOWED_HOSTS"]


def test_debug_off_without_secret_key_refuses_to_start(tmp_path):
    result = import_settings(tmp_path, DEBUG="false", ALLOWED_HOSTS="thidua.example.vn")
    assert_improperly_configured(result, "SECRET_KEY")


@pytest.mark.parametrize("missing", ["ALLOWED_HOSTS", "SITE_URL"])
def test_debug_off_without_hosts_or_site_url_refuses_to_start(tmp_path, missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = import_settings(tmp_path, **env)
    assert_improperly_configured(result, missing, "required when DEBUG is off")


@pytest.mark.parametrize(
    "site_url",
    [
        "http://127.0.0.1:8000",
        "https://127.1.2.3",
        "http://localhost:8000/",
        "https://LOCALHOST",
        "http://[::1]:8000",
        "http://0.0.0.0:8000",
    ],
)
def test_debug_off_with_a_loopback_site_url_refuses_to_start(tmp_path, site_url):
    result = import_settings(tmp_path, **{**PRODUCTION, "SITE_URL": site_url})
    assert_improperly_configured(result, "SITE_URL", "loopback")


def test_debug_off_with_a_site_url_that_is_no_address_refuses_to_start(tmp_path):
    result = import_settings(tmp_path, **{**PRODUCTION, "SITE_URL": "thidua.anhai.example.vn"})
    assert_improperly_configured(result, "SITE_URL", "http(s)")


def test_debug_off_with_a_public_site_url_starts(tmp_path):
    result = import_settings(tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["DEBUG"] is False


def test_debug_off_with_empty_secret_key_refuses_to_start(tmp_path):
    result = import_settings(tmp_path, DEBUG="0", SECRET_KEY="", ALLOWED_HOSTS="thidua.example.vn")
    assert_improperly_configured(result, "SECRET_KEY")


@pytest.mark.parametrize("name", ["DEBUG", "EMAIL_USE_TLS", "SESSION_COOKIE_SECURE", "BEHIND_TLS_PROXY"])
def test_a_bad_boolean_refuses_to_start(tmp_path, name):
    result = import_settings(tmp_path, **{"DEBUG": "true", name: "maybe"})
    assert_improperly_configured(result, name, "'maybe'")


def test_a_bad_number_refuses_to_start(tmp_path):
    result = import_settings(tmp_path, DEBUG="true", EMAIL_PORT="twenty-five")
    assert_improperly_configured(result, "EMAIL_PORT", "'twenty-five'")


def test_a_pkcs11_module_that_is_missing_or_without_key_label_refuses_to_start(tmp_path):
    missing = import_settings(
        tmp_path, DEBUG="true", AGENCY_PKCS11_MODULE=str(tmp_path / "no.so"), AGENCY_PKCS11_KEY_LABEL="k"
    )
    assert_improperly_configured(missing, "AGENCY_PKCS11_MODULE", "no such file")
    module = tmp_path / "vendor-pkcs11.so"
    module.write_bytes(b"")
    unlabelled = import_settings(tmp_path, DEBUG="true", AGENCY_PKCS11_MODULE=str(module))
    assert_improperly_configured(unlabelled, "AGENCY_PKCS11_KEY_LABEL")
    labelled = import_settings(
        tmp_path, DEBUG="true", AGENCY_PKCS11_MODULE=str(module), AGENCY_PKCS11_KEY_LABEL="k"
    )
    assert labelled.returncode == 0, labelled.stderr


def test_production_settings(tmp_path):
    result = import_settings(
        tmp_path,
        DEBUG="false",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="thidua.anhai.example.vn, localhost",
        SITE_URL="https://thidua.anhai.example.vn",
        DATABASE_URL="postgres://anhai:secret@db:5432/anhai",
        REDIS_URL="redis://redis:6379/0",
        EMAIL_PORT="587",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "DEBUG": False,
        "ALLOWED_HOSTS": ["thidua.anhai.example.vn", "localhost"],
        "ENGINE": "django.db.backends.postgresql",
        "BROKER": "redis://redis:6379/0",
        "STATIC": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "SESSION_COOKIE_SECURE": True,
        "EMAIL_PORT": 587,
    }


def settings_variables() -> set[str]:
    source = SETTINGS.read_text(encoding="utf-8")
    pattern = r'(?:os\.environ\.get|os\.getenv|os\.environ\[|env_\w+)\(?\s*"([A-Z][A-Z0-9_]*)"'
    return set(re.findall(pattern, source))


def test_env_example_documents_every_variable_settings_reads():
    names = settings_variables()
    assert {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"} <= names  # the regex works
    documented = {}
    previous = ""
    for line in (BASE_DIR / ".env.example").read_text(encoding="utf-8").splitlines():
        match = re.match(r"#?\s*([A-Z][A-Z0-9_]*)=", line)
        if match:
            documented[match.group(1)] = previous
        previous = line
    missing = sorted(names - documented.keys())
    assert not missing, f".env.example does not document: {', '.join(missing)}"
    undocumented = sorted(name for name, comment in documented.items() if not comment.startswith("#"))
    assert not undocumented, f"no comment line above: {', '.join(undocumented)}"


def test_env_example_as_is_is_a_working_environment(tmp_path):
    """`make run` sources .env (copied from .env.example) with bash: quoting must survive that."""
    script = 'set -a; . ./.env.example; set +a; exec "$0" -c "$1"'
    result = subprocess.run(
        ["bash", "-c", script, sys.executable, PROBE],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["DEBUG"] is True
