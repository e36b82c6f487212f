"""Uploading, downloading and removing a dossier's files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.permissions import domain_errors_as_messages
from anhai_thidua.core.uploads import serve_stored_file

from .. import services
from ..errors import DomainError
from ..forms import AttachmentForm
from ..models import Attachment
from ..selectors import dossier_detail
from .common import back_to_page, dossier_url, get_dossier, require_editable


@login_required
@domain_errors_as_messages(dossier_url)
def attachment_add(request, pk):
    dossier = get_dossier(request, pk)
    require_editable(request, dossier)
    detail = dossier_detail(dossier, with_history=False)
    form = AttachmentForm(request.POST or None, request.FILES or None, detail=detail)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            attachment = services.attachment_add(
                dossier=dossier,
                actor=request.user,
                file=data["file"],
                kind=data["kind"],
                nominee=data["nominee"],
                requirement=data["requirement"],
                description=data["description"],
            )
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Đã tải lên “%(name)s”.") % {"name": attachment.original_name})
            return redirect(reverse("nominations:detail", args=[dossier.pk]) + "#tai-lieu")
    return render(request, "nominations/attachment_form.html", {"dossier": dossier, "form": form})


@login_required
def attachment_download(request, pk, attachment_pk):
    dossier = get_dossier(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, dossier=dossier)
    return serve_stored_file(
        attachment.file_path, attachment.original_name, content_type=attachment.content_type
    )


@login_required
@require_POST
@domain_errors_as_messages(back_to_page)
def attachment_remove(request, pk, attachment_pk):
    dossier = get_dossier(request, pk)
    require_editable(request, dossier)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, dossier=dossier)
    services.attachment_remove(attachment=attachment, actor=request.user)
    messages.success(request, _("Đã xóa tệp “%(name)s”.") % {"name": attachment.original_name})
    return redirect(back_to_page(request, pk))
