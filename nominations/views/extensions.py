"""Deadline extensions (the office)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from anhai_thidua.core.permissions import form_error_on_domain_error, require
from campaigns.models import Campaign

from .. import services
from ..forms import ExtensionForm
from ..models import DeadlineExtension


@login_required
def extension_list(request, slug):
    require(request, "nominations.grant_extension")
    campaign = get_object_or_404(Campaign, slug=slug)
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _extension, ok = form_error_on_domain_error(
            form,
            services.extension_grant,
            campaign=campaign,
            unit=data["unit"],
            actor=request.user,
            new_deadline=data["new_deadline"],
            reason=data["reason"],
        )
        if ok:
            messages.success(
                request,
                _("Đã gia hạn nộp hồ sơ cho %(unit)s đến %(date)s.")
                % {"unit": data["unit"].name, "date": data["new_deadline"].strftime("%d/%m/%Y")},
            )
            return redirect("nominations:extensions", slug=campaign.slug)
    extensions = DeadlineExtension.objects.filter(campaign=campaign).select_related("unit", "granted_by")
    return render(
        request, "nominations/extensions.html", {"campaign": campaign, "form": form, "extensions": extensions}
    )
