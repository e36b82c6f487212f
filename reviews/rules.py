"""Who reviews dossiers: the Culture-Society office (Phòng VH-XH) and the administrator. Unit heads,
council members, the chairman and everyone else see none of these pages."""

import rules

from organisation.rules import is_admin, is_office

can_review = is_office | is_admin

rules.add_perm("reviews.view_inbox", can_review)
rules.add_perm("reviews.review_dossier", can_review)
