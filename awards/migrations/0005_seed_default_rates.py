"""Default rows of the dated money figures (awards/defaults.py); the office edits them in the browser afterwards."""

from django.db import migrations

from awards.defaults import ensure_default_rates


def seed(apps, schema_editor):
    ensure_default_rates(apps.get_model("awards", "BaseSalary"), apps.get_model("awards", "AwardCoefficient"))


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_dated_rates_and_office_submission")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
