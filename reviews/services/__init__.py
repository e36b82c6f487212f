"""Writes of the review. The dossier's state moves only through nominations.services (dossier_return,
dossier_accept, dossier_reject); these services add the checklist, the reasons, the due date, the
per-nominee decisions and the messages, all in the same transaction.

Concurrency: the review page carries two versions, the dossier's (nominations bumps it on every write)
and the review's (bumped here on every review write). A stale one raises StaleDossier / StaleReview and
nothing is written, so a second reviewer never overwrites the first.

Decisions (documented in docs/reviews.md):
- a return needs at least one reason (a checklist item marked "Cần bổ sung" with its comment, or a free
  line) and a due date after today; the unit heads are told every reason and the due date;
- accepting decides every nominee: accepted, or rejected with a reason. The dossier is accepted when at
  least one nominee is accepted, rejected when none is. Nothing marked "Cần bổ sung" may remain on a
  required component or on an accepted nominee: return the dossier, or reject that nominee.
"""

from ..enums import ItemAspect
from .checklist import review_save
from .decisions import review_decide
from .receipt import review_mark_received
from .returns import compose_return_note, return_reasons, review_return

__all__ = [
    "ItemAspect",
    "compose_return_note",
    "return_reasons",
    "review_decide",
    "review_mark_received",
    "review_return",
    "review_save",
]
