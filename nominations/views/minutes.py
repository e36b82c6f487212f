"""The cover letter's number and date (tờ trình) and the unit council's minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anhai_thidua.core.permissions import allowed, domain_errors_as_messages
from campaigns.enums import DossierComponentKind

from .. import services
from ..errors import DomainError
from ..forms import LetterForm, MinutesForm, ScanForm
from ..models import Attachment
from ..selectors import dossier_detail
from .common import dossier_url, get_dossier, require_editable, store_scan


@login_required
@domain_errors_as_messages(dossier_url)
def letter_edit(request, pk):
    dossier = get_dossier(request, pk)
    require_editable(request, dossier)
    if request.method == "POST":
        form = LetterForm(request.POST)
        if form.is_valid():
            try:
                services.dossier_letter_save(
                    dossier=dossier,
                    actor=request.user,
                    number=form.cleaned_data["number"],
                    letter_date=form.cleaned_data["letter_date"],
                )
            except DomainError as exc:
                form.add_error(getattr(exc, "field", None), str(exc))
            else:
                messages.success(request, _("Đã lưu số, ngày tờ trình."))
                return redirect("nominations:detail", pk=dossier.pk)
    else:
        form = LetterForm(initial={"number": dossier.letter_number, "letter_date": dossier.letter_date})
    return render(request, "nominations/letter_form.html", {"dossier": dossier, "form": form})


def _minutes_initial(request, dossier, detail) -> dict:
    """The saved minutes with each nominee's vote; new minutes start with the head in the chair, at the
    unit."""
    minutes = detail.minutes
    if minutes is None:
        head = getattr(request.user, "official", None)
        return {"chair_name": head.full_name if head else "", "meeting_place": dossier.unit.name}
    initial = {name: getattr(minutes, name) for name in MinutesForm.base_fields}
    for nominee in detail.nominees:
        vote = minutes.vote_by_nominee.get(nominee.pk)
        if vote:
            initial[f"for_{nominee.pk}"] = vote.votes_for
            initial[f"total_{nominee.pk}"] = vote.votes_total
    return initial


@login_required
@domain_errors_as_messages(dossier_url)
def minutes_edit(request, pk):
    dossier = get_dossier(request, pk)
    detail = dossier_detail(dossier, with_history=False)
    if request.method == "POST":
        require_editable(request, dossier)
        form = MinutesForm(request.POST, nominees=detail.nominees)
        scan_form = ScanForm(request.POST, request.FILES)
        store_scan(request, dossier, scan_form, kind=DossierComponentKind.UNIT_MINUTES)
        if form.is_valid() and scan_form.is_valid():
            fields, votes = form.fields_and_votes()
            try:
                services.minutes_save(dossier=dossier, actor=request.user, fields=fields, votes=votes)
            except DomainError as exc:
                form.add_error(getattr(exc, "field", None), str(exc))
            else:
                messages.success(request, _("Đã lưu biên bản họp."))
                return redirect("nominations:detail", pk=dossier.pk)
        else:
            messages.error(
                request, _("Chưa lưu được: hãy sửa các ô được đánh dấu. Những gì bạn đã gõ vẫn còn nguyên.")
            )
    else:
        form = MinutesForm(initial=_minutes_initial(request, dossier, detail), nominees=detail.nominees)
        scan_form = ScanForm()
    scans = list(Attachment.objects.filter(dossier=dossier, kind=DossierComponentKind.UNIT_MINUTES))
    return render(
        request,
        "nominations/minutes_form.html",
        {
            "dossier": dossier,
            "form": form,
            "scan_form": scan_form,
            "scans": scans,
            "can_change": allowed(request.user, "nominations.change_dossier", dossier),
        },
    )
