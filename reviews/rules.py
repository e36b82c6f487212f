"""Who reviews dossiers: the Culture-Society office (Phòng VH-XH) and the administrator. Unit heads,
council members, the chairman and everyone else see none of these pages."""

import rules

from nominations.rules import has_conflict_of_interest
from organisation.rules import is_admin, is_office

can_review = is_office | is_admin
# An office member who heads the dossier's unit sees the review page but may not review, accept or return
# it (the council's recusal rule, nominations.rules.conflict_unit_ids); reviews.services checks it too.
can_decide = can_review & ~has_conflict_of_interest

rules.add_perm("reviews.view_inbox", can_review)
rules.add_perm("reviews.review_dossier", can_review)
rules.add_perm("reviews.decide_dossier", can_decide)
