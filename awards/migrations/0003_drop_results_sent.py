from django.db import migrations

from awards import dbguard


class Migration(migrations.Migration):
    dependencies = [("awards", "0002_issued_guard")]

    operations = [
        migrations.RemoveField(model_name="decision", name="results_sent"),
        # SQLite may rebuild a table on ALTER, dropping its triggers: install them again (idempotent).
        migrations.RunPython(dbguard.install, migrations.RunPython.noop),
    ]
