from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anhai_thidua.core.backups import BackupError, restore, verify


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into an empty database and empty file folders, after checking "
        "every file against the manifest. --verify-only checks and stops."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR")
        parser.add_argument(
            "--into",
            default="",
            help="PostgreSQL database name on the configured server, or SQLite file (default: the configured one)",
        )
        parser.add_argument("--verify-only", action="store_true")

    def handle(self, *args, folder, into, verify_only, **options):
        try:
            manifest = verify(Path(folder)) if verify_only else restore(Path(folder), into=into)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        verb = "verified" if verify_only else "restored"
        self.stdout.write(
            f"restore: {verb} {len(manifest['files'])} files from {folder} ({manifest['created_at']})"
        )
