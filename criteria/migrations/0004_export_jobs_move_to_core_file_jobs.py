# The criteria export jobs become core FileJobs (one background file job for every app). Every row moves,
# finished or not: the files stay where they are (the default storage's name is the old file_path), and
# legacy_ref keeps the old id so that /tieu-chi/xuat/<old id>/ redirects to the new job page.
# A queued or running job moves as it is; re-run it with core.run_file_job if no worker picks it up.

from django.db import migrations


def move_export_jobs(apps, schema_editor):
    ExportJob = apps.get_model("criteria", "ExportJob")
    FileJob = apps.get_model("core", "FileJob")
    content_types = {
        "summary_pdf": "application/pdf",
        "criteria_xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "dossiers_xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    for old in ExportJob.objects.order_by("pk").iterator():
        new = FileJob.objects.create(
            kind=f"criteria.{old.kind}",
            owner_id=old.requested_by_id,
            params={"campaign_id": old.campaign_id, "period_id": old.period_id},
            state=old.status,
            progress=old.progress,
            file=old.file_path,
            filename=old.filename,
            content_type=content_types.get(old.kind, ""),
            error=old.error,
            legacy_ref=f"criteria.exportjob:{old.pk}",
            finished_at=old.finished_at,
        )
        FileJob.objects.filter(pk=new.pk).update(created_at=old.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("criteria", "0003_export_jobs"),
        ("core", "0004_file_job"),
    ]

    operations = [
        migrations.RunPython(move_export_jobs, migrations.RunPython.noop),
        migrations.DeleteModel(name="ExportJob"),
    ]
