from celery import shared_task
from django.db import transaction

from .emails import dossier_submitted_message
from .models import Dossier


@shared_task(
    name="nominations.send_dossier_submitted",
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=60,
    max_retries=5,
)
def send_dossier_submitted(dossier_id: int, submission_number: int) -> bool:
    """E-mail the office that a dossier arrived. Idempotent: a conditional UPDATE claims each submission's
    mail, so a retried or duplicated task sends it once. Returns whether a mail was sent."""
    with transaction.atomic():
        claimed = Dossier.objects.filter(pk=dossier_id, notified_submission__lt=submission_number).update(
            notified_submission=submission_number
        )
        if not claimed:
            return False
        dossier = Dossier.objects.select_related("campaign", "campaign__receiving_unit", "unit").get(
            pk=dossier_id
        )
        message = dossier_submitted_message(dossier, submission_number)
        if message is None:
            return False
        # Sending inside the transaction: if SMTP fails the claim is rolled back and the retry sends it.
        message.send()
    return True


@shared_task(name="nominations.send_missed_submission_mails", ignore_result=True)
def send_missed_submission_mails() -> int:
    """Beat sweep: send the office's mail for every submission whose mail was never sent (the broker was
    down when the dossier was submitted). Idempotent: send_dossier_submitted claims each submission once."""
    from django.db.models import F

    pending = Dossier.objects.filter(notified_submission__lt=F("submission_count")).values_list(
        "pk", "submission_count"
    )
    return sum(1 for pk, number in pending if send_dossier_submitted(pk, number))
