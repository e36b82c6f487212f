"""Start Django under benchmarks.settings from a script run as `.venv/bin/python benchmarks/<script>.py`."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(sqlite: str | None = None) -> None:
    """`sqlite`: the benchmark's SQLite file (ignored when DATABASE_URL is set)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    if sqlite:
        os.environ["BENCH_SQLITE"] = str(Path(sqlite).resolve())
    import django

    django.setup()


def describe_database() -> str:
    from django.db import connection

    vendor = connection.vendor
    if vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version} ({os.path.relpath(connection.settings_dict['NAME'], ROOT)})"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return f"PostgreSQL {version} ({connection.settings_dict['NAME']})"


def sign_in(client, user) -> None:
    """client.force_login(user) as a finished sign-in: the account step the sign-in set (verify the TOTP
    code, organisation.accounts.steps) done, and the user's confirmed TOTP device verified (django-otp), as
    after the code was typed. Without it the office's and the chairman's pages are redirects to the code page."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from organisation.accounts import steps

    client.force_login(user)
    session = client.session
    session[steps.SESSION_KEY] = ""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
