"""The document registers: the next number of a (year, symbol) register, assigned atomically."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from ..models import DocumentRegister


def register_next(*, year: int, symbol: str) -> int:
    """The next number of the (year, symbol) register, assigned atomically: the counter row is locked
    (select_for_update) so two concurrent issues never get the same number."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                DocumentRegister.objects.get_or_create(year=year, symbol=symbol)
        except IntegrityError:  # another transaction created it first
            pass
        register = DocumentRegister.objects.select_for_update().get(year=year, symbol=symbol)
        DocumentRegister.objects.filter(pk=register.pk).update(last_number=F("last_number") + 1)
        return register.last_number + 1
