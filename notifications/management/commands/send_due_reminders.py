from datetime import date

from django.core.management.base import BaseCommand, CommandError

from notifications.reminders import send_due_reminders
from notifications.services import outbox_send_pending


class Command(BaseCommand):
    help = (
        "Send the deadline reminders due today (what beat runs hourly), then the pending emails. "
        "Idempotent. --date plays another day (demos, catching up by hand)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to act as, YYYY-MM-DD (default: today in Hà Nội time)")
        parser.add_argument("--no-send", action="store_true", help="leave the emails pending for the worker")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from exc
        reminders = send_due_reminders(today=today)
        emails = 0 if options["no_send"] else outbox_send_pending()
        self.stdout.write(f"{reminders} reminder(s) written, {emails} email(s) sent")
