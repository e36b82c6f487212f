from django.db import migrations

from awards import dbguard


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(dbguard.install, dbguard.uninstall)]
