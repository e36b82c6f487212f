"""Permissions of the notifications pages. A user's own notifications need only a sign-in."""

import rules

from organisation.rules import is_admin, is_office

can_oversee = is_office | is_admin

rules.add_perm("notifications.view_outbox", can_oversee)
rules.add_perm("notifications.resend_email", can_oversee)
rules.add_perm("notifications.manage_reminders", can_oversee)
