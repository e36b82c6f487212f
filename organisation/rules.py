"""Role predicates shared by every app. Object-level predicates live in each app's rules.py."""

import rules

from .enums import Role


def _has(role):
    @rules.predicate(name=f"has_role_{role}")
    def predicate(user):
        return bool(user and user.is_authenticated and user.has_role(role))

    return predicate


is_office = _has(Role.OFFICE)
is_unit_head = _has(Role.UNIT_HEAD)
is_council_member = _has(Role.COUNCIL_MEMBER)
is_chairman = _has(Role.CHAIRMAN)
is_vice_chairman = _has(Role.VICE_CHAIRMAN)
is_publicity = _has(Role.PUBLICITY)
is_admin = _has(Role.ADMIN)
is_signer = is_chairman | is_vice_chairman
is_staff_member = rules.is_authenticated


@rules.predicate
def heads_unit(user, unit):
    """The user is head of this unit (or of the unit this team belongs to)."""
    if not (user and user.is_authenticated) or unit is None:
        return False
    return unit.top_unit_id in user.headed_unit_ids() or unit.pk in user.headed_unit_ids()


@rules.predicate
def uploaded_the_import(user, organisation_import):
    """The user uploaded this import: only the uploader confirms or discards it."""
    return organisation_import is not None and organisation_import.uploaded_by_id == getattr(user, "pk", None)


rules.add_perm("organisation.import_officials", is_office | is_admin)
rules.add_perm("organisation.finish_import", uploaded_the_import)
rules.add_perm("organisation.set_document_code", is_office | is_admin)
rules.add_perm("organisation.view_directory", rules.is_authenticated)
