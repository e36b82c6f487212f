from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .documents import plan_pdf, plan_pdf_filename
from .errors import DomainError
from .models import Campaign
from .selectors import campaign_list_for_user, campaign_plan


def _get_visible(request, slug: str) -> Campaign:
    campaign = get_object_or_404(Campaign.objects.select_related("receiving_unit", "signer"), slug=slug)
    if not request.user.has_perm("campaigns.view_campaign", campaign):
        raise Http404
    return campaign


@login_required
def campaign_list(request):
    page = Paginator(campaign_list_for_user(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "campaigns/list.html", {"page": page})


@login_required
def campaign_detail(request, slug):
    campaign = _get_visible(request, slug)
    return render(request, "campaigns/detail.html", {"campaign": campaign, "plan": campaign_plan(campaign)})


@login_required
def campaign_plan_pdf(request, slug):
    campaign = _get_visible(request, slug)
    response = HttpResponse(plan_pdf(campaign), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{plan_pdf_filename(campaign)}"'
    return response


def _transition_view(request, slug, perm, service, done_message):
    campaign = _get_visible(request, slug)
    if not request.user.has_perm(perm, campaign):
        raise PermissionDenied
    try:
        service(campaign=campaign, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done_message)
    return redirect("campaigns:detail", slug=campaign.slug)


@login_required
@require_POST
def campaign_launch_view(request, slug):
    return _transition_view(
        request, slug, "campaigns.launch_campaign", services.campaign_launch, _("Đã phát động phong trào.")
    )


@login_required
@require_POST
def campaign_close_view(request, slug):
    return _transition_view(
        request, slug, "campaigns.close_campaign", services.campaign_close, _("Đã kết thúc phong trào.")
    )
