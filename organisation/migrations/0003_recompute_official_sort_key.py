# Recompute Official.sort_key after name_sort_key learned the Vietnamese letter/tone order.

from django.db import migrations


def recompute(apps, schema_editor):
    from organisation.text import name_sort_key

    Official = apps.get_model("organisation", "Official")
    changed = []
    for official in Official.objects.only("pk", "full_name", "sort_key").iterator():
        key = name_sort_key(official.full_name)
        if key != official.sort_key:
            official.sort_key = key
            changed.append(official)
    Official.objects.bulk_update(changed, ["sort_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("organisation", "0002_organisationimport")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
