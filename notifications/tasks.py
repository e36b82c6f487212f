from celery import shared_task


@shared_task(name="notifications.send_pending_emails", ignore_result=True)
def send_pending_emails() -> int:
    """Send the outbox's pending emails. Idempotent: each row is claimed by a conditional UPDATE,
    so concurrent runs, retries and redeliveries never send one email twice. Beat: every minute."""
    from .services import outbox_send_pending

    return outbox_send_pending()


@shared_task(name="notifications.send_due_reminders", ignore_result=True)
def send_due_reminders() -> int:
    """Send the deadline reminders due today. Idempotent: a unique constraint on Reminder lets each
    reminder be written (and so sent) once only. Beat: hourly in office hours."""
    from .reminders import send_due_reminders as run

    return run()
