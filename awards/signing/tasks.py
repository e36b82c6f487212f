"""The agency's signature made by a Celery worker (signing with a timestamp server can take seconds)."""

from celery import shared_task


@shared_task(name="awards.sign_decision_as_agency", ignore_result=True, acks_late=True)
def sign_decision_as_agency(record_id: int) -> str:
    """Add the agency's signature to an accepted signed decision (SignedDecision id). Idempotent: see
    awards.signing.services.agency_sign."""
    from .services import agency_sign

    return agency_sign(record_id=record_id)


@shared_task(name="awards.make_issued_record", ignore_result=True, acks_late=True)
def make_issued_record(decision_id: int) -> int:
    """Make the document of record of an issued decision (the final PDF with its signature field). Idempotent:
    awards.signing.services.issued_record returns the existing row. Returns the SignedDecision id."""
    from ..models import Decision
    from .services import issued_record

    return issued_record(decision=Decision.objects.get(pk=decision_id)).pk
