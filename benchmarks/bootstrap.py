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
