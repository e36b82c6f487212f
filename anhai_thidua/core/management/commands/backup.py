from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anhai_thidua.core.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into DIR, with a SHA-256 manifest (docs/security.md)."

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="a new or empty folder")

    def handle(self, *args, folder, **options):
        try:
            result = backup(Path(folder))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup: {result.engine} database and {result.files} files in {result.folder}")
