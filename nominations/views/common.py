"""What the dossier pages share: the dossier and nominee look-ups (scoped by dossier_scope_for_user, so
another unit's dossier is a 404, never data), where a refused action returns, the check that the dossier
can be edited, and keeping an uploaded scan."""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from anhai_thidua.core.permissions import allowed, require
from anhai_thidua.core.redirects import safe_next_url
from anhai_thidua.core.reversing import url_for_ids  # noqa: F401  (the dossier views' import path)

from .. import services
from ..errors import DomainError, NotEditable
from ..models import Dossier, Nominee
from ..selectors import dossier_scope_for_user


def get_dossier(request, pk: int) -> Dossier:
    return get_object_or_404(dossier_scope_for_user(request.user), pk=pk)


def get_nominee(dossier: Dossier, nominee_pk: int) -> Nominee:
    nominee = get_object_or_404(
        Nominee.objects.select_related("official", "official__unit", "unit"), pk=nominee_pk, dossier=dossier
    )
    nominee.dossier = dossier
    return nominee


def dossier_url(request, pk, **kwargs) -> str:
    """Where a refused action on a dossier returns: its page (with domain_errors_as_messages)."""
    return reverse("nominations:detail", args=[pk])


def back_to_page(request, pk, **kwargs) -> str:
    """The page a file was removed from (the report or minutes form), else the dossier's page."""
    return safe_next_url(request, reverse("nominations:detail", args=[pk]))


def require_editable(request, dossier: Dossier) -> None:
    """403 for anyone but the dossier's unit head; the head is told (NotEditable, shown on the dossier
    page by domain_errors_as_messages) that only a draft or a returned dossier can be edited."""
    require(request, "nominations.act_for_unit", dossier)
    if not allowed(request.user, "nominations.change_dossier", dossier):
        raise NotEditable(dossier)


def store_scan(request, dossier, scan_form, *, kind, nominee=None) -> None:
    """Keep a valid uploaded scan at once, even when the rest of the page has errors."""
    scan = scan_form.cleaned_data.get("scan") if scan_form.is_valid() else None
    if not scan:
        return
    try:
        attachment = services.attachment_add(
            dossier=dossier, actor=request.user, file=scan, kind=kind, nominee=nominee, replace=True
        )
    except DomainError as exc:
        scan_form.add_error("scan", str(exc))
    else:
        messages.success(request, _("Đã lưu tệp “%(name)s”.") % {"name": attachment.original_name})
