"""Database triggers that refuse any change to a closed poll's ballots, voter records and items, and to the
closed poll row itself (council/dbguard.py). SQLite and PostgreSQL; a no-op on other vendors."""

from django.db import migrations


def install(apps, schema_editor):
    from council import dbguard

    dbguard.install(schema_editor.connection)


def drop(apps, schema_editor):
    from council import dbguard

    dbguard.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("council", "0001_initial")]

    operations = [migrations.RunPython(install, drop)]
