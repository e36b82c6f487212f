# The certificate jobs become core FileJobs (one background file job for every app). Every row moves,
# finished or not: the files stay where they are (the default storage's name is the old file_path), and
# legacy_ref keeps the old id so that /khen-thuong/giay-khen/<old id>/ redirects to the new job page.
# A queued or running job moves as it is; re-run it with core.run_file_job if no worker picks it up.

from django.db import migrations


def move_certificate_jobs(apps, schema_editor):
    CertificateJob = apps.get_model("awards", "CertificateJob")
    FileJob = apps.get_model("core", "FileJob")
    for old in CertificateJob.objects.order_by("pk").iterator():
        new = FileJob.objects.create(
            kind="awards.certificates_blank" if old.blank_mode else "awards.certificates",
            owner_id=old.requested_by_id,
            params={"decision_id": old.decision_id},
            state=old.status,
            progress=old.progress,
            file=old.file_path,
            filename=old.filename,
            content_type="application/pdf",
            error=old.error,
            legacy_ref=f"awards.certificatejob:{old.pk}",
            finished_at=old.finished_at,
        )
        FileJob.objects.filter(pk=new.pk).update(created_at=old.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0006_decision_signatures"),
        ("core", "0004_file_job"),
    ]

    operations = [
        migrations.RunPython(move_certificate_jobs, migrations.RunPython.noop),
        migrations.DeleteModel(name="CertificateJob"),
    ]
