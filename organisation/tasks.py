from celery import shared_task

from . import services


@shared_task(name="organisation.purge_stale_imports", ignore_result=True)
def purge_stale_imports() -> int:
    """Discard .xlsx imports left unconfirmed past their age and delete their stored files (idempotent)."""
    return services.organisation_import_purge_stale()
