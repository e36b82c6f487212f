from csp.decorators import csp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from anhai_thidua.core.permissions import require
from anhai_thidua.core.reversing import url_for_ids
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign

from . import services
from .emails import email_bodies
from .enums import EmailStatus, ReminderKind
from .forms import ReminderSettingsForm, RemindNowForm
from .models import Notification, OutboundEmail
from .registry import registered_kinds
from .reminders import reminder_schedule, reminder_send_now, settings_for
from .selectors import notification_list_for_user, outbox_list, reminder_list_for_campaign


@login_required
def notification_list(request):
    page = Paginator(notification_list_for_user(request.user), 20).get_page(request.GET.get("page"))
    open_url, read_url = url_for_ids("notifications:open"), url_for_ids("notifications:mark_read")
    for note in page:
        note.open_url, note.read_url = open_url(note.pk), read_url(note.pk)
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_open(request, pk):
    """Mark the notification read and go to its page."""
    note = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_mark_read(notification=note, user=request.user)
    if note.link and url_has_allowed_host_and_scheme(
        note.link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(note.link)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mark_read(request, pk):
    note = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_mark_read(notification=note, user=request.user)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mark_all_read(request):
    count = services.notification_mark_all_read(user=request.user)
    messages.success(request, _("Đã đánh dấu %(count)s thông báo là đã đọc.") % {"count": count})
    return redirect("notifications:list")


@login_required
def outbox(request):
    """Every email the system wrote: the development outbox, and the sending log in production."""
    require(request, "notifications.view_outbox")
    status = request.GET.get("status", "")
    if status not in EmailStatus.values:
        status = ""
    page = Paginator(outbox_list(status=status), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/outbox.html",
        {"page": page, "status": status, "statuses": EmailStatus.choices},
    )


@login_required
def outbox_detail(request, pk):
    require(request, "notifications.view_outbox")
    email = get_object_or_404(OutboundEmail.objects.select_related("recipient", "recipient__official"), pk=pk)
    body_text, body_html = email_bodies(email)  # a reminder's body is rendered when it is sent
    return render(
        request,
        "notifications/outbox_detail.html",
        {"email": email, "body_text": body_text, "has_html": bool(body_html)},
    )


@login_required
@xframe_options_sameorigin
@csp(
    {
        "default-src": ["'none'"],
        "style-src": ["'unsafe-inline'"],
        "img-src": ["data:"],
        "frame-ancestors": ["'self'"],
        "sandbox": [True],
    }
)
def outbox_body(request, pk):
    """A mail's HTML body, shown in a sandboxed frame on the outbox page. Mail HTML needs inline styles
    (mail clients ignore style sheets); an srcdoc frame would inherit the site's strict policy and refuse
    them, so the body is its own document with its own policy: no script, nothing fetched."""
    require(request, "notifications.view_outbox")
    email = get_object_or_404(OutboundEmail, pk=pk)
    return HttpResponse(email_bodies(email)[1], content_type="text/html; charset=utf-8")


@login_required
@require_POST
def outbox_retry(request, pk):
    require(request, "notifications.resend_email")
    email = get_object_or_404(OutboundEmail, pk=pk)
    if services.outbox_retry(email=email):
        messages.success(request, _("Đã đưa thư vào hàng đợi gửi lại."))
    else:
        messages.error(request, _("Chỉ gửi lại được thư đã gửi lỗi."))
    return redirect("notifications:outbox_detail", pk=email.pk)


@login_required
def reminder_index(request):
    require(request, "notifications.manage_reminders")
    campaigns = Campaign.objects.exclude(status=CampaignStatus.CLOSED).order_by("-period_start", "-id")
    page = Paginator(campaigns, 20).get_page(request.GET.get("page"))
    return render(request, "notifications/reminder_index.html", {"page": page})


SCHEDULED_PER_PAGE = 30


@login_required
def campaign_reminders(request, slug):
    """The office sets the campaign's reminder days, sees what is scheduled and what was sent."""
    require(request, "notifications.manage_reminders")
    campaign = get_object_or_404(Campaign.objects.select_related("reminder_settings"), slug=slug)
    cfg = settings_for(campaign)
    if request.method == "POST":
        form = ReminderSettingsForm(request.POST)
        if form.is_valid():
            services.reminder_settings_save(campaign=campaign, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Đã lưu cấu hình nhắc hạn."))
            return redirect("notifications:campaign_reminders", slug=campaign.slug)
    else:
        form = ReminderSettingsForm(
            initial={
                "offsets": cfg.offsets,
                "after_days": cfg.after_days,
                "escalate": cfg.escalate,
                "enabled": cfg.enabled,
            }
        )
    page = Paginator(reminder_list_for_campaign(campaign), 30).get_page(request.GET.get("page"))
    context = {
        "campaign": campaign,
        "form": form,
        "settings_saved": cfg.pk is not None,
        # Every unit's next reminder, a page at a time (a city campaign owes thousands).
        "scheduled": Paginator(
            reminder_schedule(campaign) if cfg.enabled else [], SCHEDULED_PER_PAGE
        ).get_page(request.GET.get("lich")),
        "enabled": cfg.enabled,
        "page": page,
        "remind_form": RemindNowForm(kinds=_remindable_kinds()),
    }
    return render(request, "notifications/campaign_reminders.html", context)


def _remindable_kinds():
    return [(k, ReminderKind(k).label) for k in registered_kinds()]


@login_required
@require_POST
def campaign_remind_now(request, slug):
    """Bulk action: remind at once everyone who still owes the chosen kind."""
    require(request, "notifications.manage_reminders")
    campaign = get_object_or_404(Campaign, slug=slug)
    form = RemindNowForm(request.POST, kinds=_remindable_kinds())
    if not form.is_valid():
        messages.error(request, _("Hãy chọn nội dung cần nhắc."))
    else:
        sent = reminder_send_now(campaign=campaign, kind=form.cleaned_data["kind"], actor=request.user)
        if sent:
            messages.success(request, _("Đã gửi %(count)s lượt nhắc.") % {"count": sent})
        else:
            messages.info(request, _("Không có ai cần nhắc (hoặc đã được nhắc hôm nay)."))
    return redirect("notifications:campaign_reminders", slug=campaign.slug)
