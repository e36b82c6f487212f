"""Publicity: announcements on the campaign and the public page (công khai)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.permissions import allowed, form_error_on_domain_error, require

from .. import selectors, services
from ..forms import AnnouncementForm
from ..models import Announcement
from ._common import _campaign

# ---- Announcements ------------------------------------------------------------------------------------------


@login_required
def announcements(request, slug):
    campaign = _campaign(request, slug)
    can_post = allowed(request.user, "criteria.post_announcement")
    form = AnnouncementForm(request.POST or None) if can_post else None
    if request.method == "POST":
        if not can_post:
            raise PermissionDenied
        if form.is_valid():
            _announcement, ok = form_error_on_domain_error(
                form,
                services.announcement_publish,
                campaign=campaign,
                actor=request.user,
                **form.cleaned_data,
            )
            if ok:
                messages.success(request, _("Đã đăng thông báo."))
                return redirect("criteria:announcements", slug=campaign.slug)
    page = Paginator(selectors.announcement_list(campaign=campaign), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "criteria/announcements.html",
        {"campaign": campaign, "page": page, "form": form, "can_post": can_post},
    )


@login_required
@require_POST
def announcement_delete(request, pk):
    announcement = get_object_or_404(Announcement.objects.select_related("campaign"), pk=pk)
    campaign = _campaign(request, announcement.campaign.slug)
    require(request, "criteria.post_announcement")
    services.announcement_withdraw(announcement=announcement, actor=request.user)
    messages.success(request, _("Đã gỡ thông báo."))
    return redirect("criteria:announcements", slug=campaign.slug)


def public(request):
    """Công khai: published announcements, readable without signing in. Nothing private is shown."""
    page = Paginator(selectors.announcement_list(), 20).get_page(request.GET.get("page"))
    return render(request, "criteria/public.html", {"page": page})
