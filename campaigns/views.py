import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.permissions import (
    allowed,
    domain_errors_as_messages,
    form_error_on_domain_error,
    require,
)

from . import fragments, services
from .documents import plan_pdf, plan_pdf_filename
from .forms import CampaignForm, CopyForm, editor_section, editor_sections, next_period, section_formsets
from .models import Campaign
from .selectors import campaign_list_for_user


def _get_visible(request, slug: str) -> Campaign:
    campaign = get_object_or_404(Campaign.objects.select_related("receiving_unit", "signer"), slug=slug)
    if not allowed(request.user, "campaigns.view_campaign", campaign):
        raise Http404
    return campaign


@login_required
def campaign_list(request):
    page = Paginator(campaign_list_for_user(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "campaigns/list.html", {"page": page})


@login_required
def campaign_detail(request, slug):
    campaign = _get_visible(request, slug)
    return render(
        request,
        "campaigns/detail.html",
        {"campaign": campaign, "plan_document": fragments.plan_document(campaign, request)},
    )


@login_required
def campaign_plan_pdf(request, slug):
    campaign = _get_visible(request, slug)
    response = HttpResponse(plan_pdf(campaign), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{plan_pdf_filename(campaign)}"'
    return response


def _transition_view(request, slug, perm, service, done_message):
    campaign = _get_visible(request, slug)
    require(request, perm, campaign)
    service(campaign=campaign, actor=request.user)
    messages.success(request, done_message)
    return redirect("campaigns:detail", slug=campaign.slug)


@login_required
@require_POST
@domain_errors_as_messages("campaigns:detail")
def campaign_launch_view(request, slug):
    return _transition_view(
        request, slug, "campaigns.launch_campaign", services.campaign_launch, _("Đã phát động phong trào.")
    )


@login_required
@require_POST
@domain_errors_as_messages("campaigns:detail")
def campaign_close_view(request, slug):
    return _transition_view(
        request, slug, "campaigns.close_campaign", services.campaign_close, _("Đã kết thúc phong trào.")
    )


# The office's editor: create, edit each section of the plan, copy.


@login_required
def campaign_create_view(request):
    require(request, "campaigns.add_campaign")
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = services.campaign_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Đã tạo dự thảo phong trào. Hãy soạn tiếp các mục của kế hoạch."))
        return redirect("campaigns:edit", slug=campaign.slug, section=editor_sections()[1].slug)
    if request.method == "POST":
        messages.error(request, _("Chưa lưu: hãy sửa các ô có lỗi bên dưới."))
    return render(request, "campaigns/create.html", {"form": form})


@login_required
def campaign_edit(request, slug, section="chung"):
    require(request, "campaigns.change_campaign")
    campaign = get_object_or_404(Campaign.objects.select_related("receiving_unit", "signer"), slug=slug)
    spec = editor_section(section)
    if spec is None:
        raise Http404
    if not campaign.is_editable or not allowed(request.user, "campaigns.change_campaign", campaign):
        messages.error(request, _("Phong trào đã kết thúc: không thể sửa kế hoạch."))
        return redirect("campaigns:detail", slug=campaign.slug)
    data = request.POST if request.method == "POST" else None
    form, parts = None, []
    if spec.parts:
        parts = section_formsets(campaign, spec, data)
        formsets = [formset for _part, formset in parts]
        valid = data is not None and all([formset.is_valid() for formset in formsets])

        def save():
            services.campaign_plan_section_save(
                campaign=campaign, section=spec.slug, formsets=formsets, actor=request.user
            )
    else:
        # The form works on a copy so that a failed POST does not change the page's title and status.
        form = CampaignForm(data, instance=copy.copy(campaign))
        valid = data is not None and form.is_valid()

        def save():
            services.campaign_update(campaign=campaign, actor=request.user, fields=form.cleaned_data)

    if valid:
        try:
            save()
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã lưu mục “%(section)s”.") % {"section": spec.title})
            next_section = _next_section(spec) if "save_next" in data else spec
            if next_section is None:
                return redirect("campaigns:detail", slug=campaign.slug)
            return redirect("campaigns:edit", slug=campaign.slug, section=next_section.slug)
    elif data is not None:
        messages.error(request, _("Chưa lưu: hãy sửa các ô có lỗi bên dưới."))
    return render(
        request,
        "campaigns/edit.html",
        {
            "campaign": campaign,
            "sections": editor_sections(),
            "section": spec,
            "next_section": _next_section(spec),
            "form": form,
            "parts": parts,
        },
    )


def _next_section(spec):
    sections = editor_sections()
    index = sections.index(spec)
    return sections[index + 1] if index + 1 < len(sections) else None


@login_required
def campaign_copy_view(request, slug):
    require(request, "campaigns.copy_campaign")
    source = _get_visible(request, slug)
    start, end = next_period(source.period_start, source.period_end)
    form = CopyForm(
        request.POST or None, initial={"title": source.title, "period_start": start, "period_end": end}
    )
    if request.method == "POST" and form.is_valid():
        new, ok = form_error_on_domain_error(
            form, services.campaign_copy, source=source, actor=request.user, **form.cleaned_data
        )
        if ok:
            messages.success(
                request, _("Đã tạo dự thảo phong trào mới từ “%(title)s”.") % {"title": source.title}
            )
            return redirect("campaigns:edit", slug=new.slug, section="chung")
    return render(request, "campaigns/copy.html", {"source": source, "form": form})
