"""The agency's signature made by a Celery worker (signing with a timestamp server can take seconds)."""

from celery import shared_task


@shared_task(name="awards.sign_decision_as_agency", ignore_result=True, acks_late=True)
def sign_decision_as_agency(record_id: int) -> str:
    """Add the agency's signature to an accepted signed decision (SignedDecision id). Idempotent: see
    awards.signing.services.agency_sign."""
    from .services import agency_sign

    return agency_sign(record_id=record_id)
