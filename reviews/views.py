"""The office's review pages. Thin: permission → form → one service or selector → message and redirect."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core import versions
from anhai_thidua.core.permissions import allowed, require
from anhai_thidua.core.reversing import url_for_ids
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from nominations import scopes as nomination_scopes
from nominations.enums import PENDING_REVIEW_STATES, STATE_BADGES, DossierState
from nominations.errors import StaleDossier
from nominations.models import Dossier
from notifications.enums import ReminderKind
from notifications.reminders import reminder_send_now
from organisation import scopes as organisation_scopes

from . import scopes, services
from .deadlines import review_status
from .errors import DomainError, StaleReview
from .forms import ACTIONS, InboxFilter, ReceiveForm, ReviewForm
from .fragments import review_sheet
from .selectors import (
    inbox_order,
    inbox_page_rows,
    state_counts,
    units_not_submitted,
)

PAGE_SIZE = 25


@login_required
def inbox_index(request):
    """The campaigns whose dossiers the office reviews; straight to the only launched one."""
    require(request, "reviews.view_inbox")
    campaigns = list(Campaign.objects.exclude(status=CampaignStatus.DRAFT).order_by("-period_start", "-id"))
    launched = [c for c in campaigns if c.status == CampaignStatus.LAUNCHED]
    if len(launched) == 1:
        return redirect("reviews:inbox", slug=launched[0].slug)
    return render(request, "reviews/index.html", {"campaigns": campaigns})


@login_required
def inbox(request, slug):
    """Every dossier of the campaign: filters, diacritic-free search, counts per state, deadlines."""
    require(request, "reviews.view_inbox")
    campaign = get_object_or_404(Campaign, slug=slug)
    today = timezone.localdate()
    filterset = InboxFilter(
        request.GET or None, queryset=Dossier.objects.filter(campaign=campaign), today=today
    )
    part = _inbox_part(campaign, filterset, request.GET.get("page"), today)
    paginator = Paginator((), PAGE_SIZE)
    paginator.count = part["count"]  # the cached_property, from the cached part: no COUNT on a hit
    query = request.GET.copy()
    query.pop("page", None)
    counts = part["counts"]
    context = {
        "campaign": campaign,
        "filter": filterset,
        "page": paginator.page(part["number"]),
        "part": part,
        "querystring": query.urlencode(),
        "counts": [(s, DossierState(s).label, counts[s], STATE_BADGES[s]) for s in DossierState.values],
        "total": sum(counts.values()),
        "today": today,
        "review_days": settings.REVIEW_WORKING_DAYS,
    }
    return render(request, "reviews/inbox.html", context)


def _inbox_part(campaign, filterset: InboxFilter, page_number, today) -> dict:
    """What the inbox reads from the dossiers: the counts per state, the units that have not submitted, the
    filtered list's size and the page's rows as HTML. Cached until a dossier, nominee or review row of the
    campaign or a unit changes (nominations/scopes.py, scopes.py); keyed by everything else it depends on:
    the filters as validated, the page asked for, the day (the deadlines), the review settings and the
    language. Nothing in it depends on the viewer (every office member sees the same inbox) and it holds no
    form, token or message."""

    def build() -> dict:
        dossiers = inbox_order(filterset.qs)
        page = Paginator(dossiers, PAGE_SIZE).get_page(page_number)
        rows = inbox_page_rows(dossiers, page)
        review_url, detail_url = url_for_ids("reviews:review"), url_for_ids("nominations:detail")
        for dossier in rows:
            dossier.review_status = review_status(dossier, today)
            dossier.review_url, dossier.detail_url = review_url(dossier.pk), detail_url(dossier.pk)
        not_submitted = units_not_submitted(campaign)
        html = render_to_string(
            "reviews/_inbox_rows.html", {"rows": rows, "pending_states": PENDING_REVIEW_STATES}
        )
        return {
            "number": page.number,
            "count": page.paginator.count,
            "counts": state_counts(campaign),
            "not_submitted_count": len(not_submitted),
            "not_submitted": conditional_escape("; ".join(not_submitted)),  # as the join filter wrote it
            "rows": html,  # a SafeString: escaped by the template
        }

    filters = ()
    if filterset.is_bound:  # the values the filters apply: a nonsense one is left out of cleaned_data
        filterset.form.is_valid()  # validates once; filterset.qs reuses it
        filters = sorted(filterset.form.cleaned_data.items())
    return versions.cached(
        "reviews-inbox",
        [nomination_scopes.campaign(campaign.pk), organisation_scopes.UNITS, scopes.REVIEWS],
        build,
        campaign.pk,
        filters,
        page_number,
        today,
        _review_calendar(),
        get_language(),
    )


def _review_calendar() -> tuple:
    """The settings the deadlines shown are computed with (a restart with new values must not read old rows)."""
    return (
        settings.REVIEW_WORKING_DAYS,
        tuple(getattr(settings, "HOLIDAYS_EXTRA", ()) or ()),
        tuple(getattr(settings, "WORKDAYS_EXTRA", ()) or ()),
    )


@login_required
@require_POST
def remind_unsubmitted(request, slug):
    """Bulk action: remind now the heads of every unit that has not submitted (notifications API)."""
    require(request, "reviews.view_inbox")
    campaign = get_object_or_404(Campaign, slug=slug)
    sent = reminder_send_now(campaign=campaign, kind=ReminderKind.SUBMISSION, actor=request.user)
    if sent:
        messages.success(request, _("Đã gửi %(count)s lượt nhắc nộp hồ sơ.") % {"count": sent})
    else:
        messages.info(request, _("Không có đơn vị nào cần nhắc (hoặc đã được nhắc hôm nay)."))
    return redirect("reviews:inbox", slug=campaign.slug)


@login_required
@require_POST
def mark_received(request, slug):
    """Bulk action: acknowledge the receipt of the ticked dossiers waiting for review."""
    require(request, "reviews.view_inbox")
    campaign = get_object_or_404(Campaign, slug=slug)
    candidates = Dossier.objects.filter(campaign=campaign, state__in=PENDING_REVIEW_STATES)
    form = ReceiveForm(request.POST, ids=list(candidates.values_list("pk", flat=True)))
    if not form.is_valid():
        messages.error(request, _("Hãy chọn ít nhất một hồ sơ đang chờ thẩm định."))
    else:
        chosen = candidates.filter(pk__in=form.cleaned_data["dossiers"]).select_related("unit", "campaign")
        marked = services.review_mark_received(dossiers=list(chosen), actor=request.user)
        messages.success(
            request, _("Đã xác nhận nhận %(count)s hồ sơ; đơn vị đã được báo.") % {"count": marked}
        )
    return redirect("reviews:inbox", slug=campaign.slug)


_DONE = {
    "save": _("Đã lưu kết quả kiểm tra."),
    "return": _("Đã yêu cầu đơn vị bổ sung hồ sơ; thủ trưởng đơn vị đã được báo các nội dung cần bổ sung."),
    "decide": _("Đã ghi nhận quyết định; thủ trưởng đơn vị đã được báo."),
}


def _run(action: str, form: ReviewForm, dossier, user):
    data = form.cleaned_data
    common = {"dossier": dossier, "actor": user, "items": form.items(), "decisions": form.decisions()}
    if action == "save":
        return services.review_save(**common, review_version=data["review_version"])
    versions = {"dossier_version": data["dossier_version"], "review_version": data["review_version"]}
    if action == "return":
        return services.review_return(
            **common, **versions, reasons=form.reason_lines(), due_date=data.get("due_date")
        )
    return services.review_decide(**common, **versions)


# What the review page reads besides the dossier, in the same query (review_sheet then asks no more for them).
_REVIEW_DOSSIER = Dossier.objects.select_related("campaign", "unit", "minutes", "review")


@login_required
def review(request, pk):
    """The review of one dossier: the checklist, then return for supplements or decide."""
    require(request, "reviews.review_dossier")
    dossier = get_object_or_404(_REVIEW_DOSSIER, pk=pk)
    # The checklist's facts, the nominees, the returns and the history: cached until the dossier or its
    # review changes; the form is built for each request. A POST reads them afresh.
    sheet = review_sheet(dossier, cached=request.method != "POST")
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            raise PermissionDenied
        form = ReviewForm(request.POST, page=sheet)
        if form.is_valid():
            try:
                _run(action, form, dossier, request.user)
            except (StaleReview, StaleDossier) as exc:
                messages.warning(request, str(exc))
                # Keep what the reviewer typed, on the page as it is now: a second click is deliberate.
                dossier = _REVIEW_DOSSIER.get(pk=pk)
                sheet = review_sheet(dossier, cached=False)
                data = request.POST.copy()
                data["dossier_version"], data["review_version"] = dossier.version, sheet.review.version
                form = ReviewForm(data, page=sheet)
                form.is_valid()
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _DONE[action])
                if action == "save":
                    return redirect("reviews:review", pk=dossier.pk)
                return redirect("reviews:inbox", slug=dossier.campaign.slug)
    else:
        form = ReviewForm(page=sheet)
    context = {
        "dossier": dossier,
        "page": sheet,
        "form": form,
        "checklist": form.fill(sheet.checklist),
        "status": review_status(dossier),
        # The conflict rule (an office member heading the dossier's unit): the page says why no button shows.
        "conflict_unit": ""
        if allowed(request.user, "reviews.decide_dossier", dossier)
        else dossier.unit.name,
    }
    return render(request, "reviews/review.html", context)
