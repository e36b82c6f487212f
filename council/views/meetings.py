"""The meeting: list, scheduling, the meeting page, attendance, opening, closing, end time, the chair's tie choice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core import versions
from anhai_thidua.core.audit import audit_list_for_object
from anhai_thidua.core.permissions import (
    allowed,
    domain_errors_as_messages,
    form_error_on_domain_error,
    require,
)
from campaigns.enums import AwardKind, NomineeKind

from .. import scopes, services
from ..enums import EVENT_LABELS, AttendanceStatus, MeetingState
from ..forms import (
    AttendanceForm,
    CommitteeForm,
    EndTimeForm,
    MeetingForm,
    PaperVotersForm,
    TieBreakForm,
)
from ..models import Meeting
from ..selectors import (
    attendance_rows,
    contacts_for,
    meeting_list_for_user,
    meeting_outcome_page,
    meeting_rows,
    nominee_page,
    paper_status,
    pending_tie,
    quorum_of,
    tie_choice_labels,
    tie_places,
    verification_states,
)
from ..tally import quorum_required, votes_needed
from .common import OUTCOMES_PER_PAGE, TIE_INLINE_LIMIT, TIE_PAGE_SIZE, _meeting, _meeting_form_post


@login_required
def meeting_list(request):
    require(request, "council.list_meetings")
    page = Paginator(meeting_list_for_user(request.user), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "council/list.html",
        {"page": page, "can_manage": allowed(request.user, "council.manage_meeting")},
    )


@login_required
def meeting_create_view(request):
    require(request, "council.manage_meeting")
    form = MeetingForm(request.POST or None, initial={"campaign": request.GET.get("phong-trao")})
    if request.method == "POST" and form.is_valid():
        meeting, ok = form_error_on_domain_error(
            form,
            services.meeting_create,
            campaign=form.cleaned_data["campaign"],
            actor=request.user,
            held_at=form.held_at(),
            place=form.cleaned_data["place"],
            agenda=form.cleaned_data["agenda"],
            secret_ballot=form.cleaned_data["secret_ballot"],
            number=form.cleaned_data["number"],
        )
        if ok:
            messages.success(request, _("Đã lên lịch họp và gửi giấy mời đến các thành viên Hội đồng."))
            return redirect("council:detail", pk=meeting.pk)
    return render(request, "council/meeting_form.html", {"form": form})


def _office_forms(meeting: Meeting, attendances, committee, papers, voted_any, *, can_manage: bool) -> dict:
    """The meeting page's forms for the office, each only while its step is open: attendance and the
    counting committee before the close (the committee until paper totals are in), the paper voters while
    the vote is open, the end time after the close."""
    editable = can_manage and meeting.state != MeetingState.CLOSED
    paper_entered = any(p.tally for p in papers)
    ended = timezone.localtime(meeting.ended_at or meeting.held_at)
    return {
        "attendance_form": AttendanceForm(attendances=attendances) if editable else None,
        "committee_form": CommitteeForm(attendances=attendances, committee=committee)
        if editable and not paper_entered
        else None,
        "paper_voters_form": PaperVotersForm(attendances=attendances, voted=voted_any)
        if can_manage and meeting.state == MeetingState.OPEN and not paper_entered
        else None,
        "end_time_form": EndTimeForm(initial={"date": ended.date(), "time": ended.time()})
        if can_manage and meeting.is_closed
        else None,
    }


def _tally(request, meeting: Meeting, polls, quorum, can_break_tie: bool) -> tuple[str, list]:
    """The closed meeting's tally tables (HTML, one page of them) and the ties awaiting the chair as
    [{award_kind, nominee_kind, tied, places, votes_for, choices}] (choices [(poll item id, formal name)] only
    for a tie of at most TIE_INLINE_LIMIT nominees: the page does not grow with a city tie), kept under the meeting's scopes
    (council/scopes.py: its ballots, polls, chair's choices, attendance, nominees and names) until one of
    them changes. Varies with the language, the page links (request.GET) and the viewer's right to settle
    ties; the tie-break forms (with their CSRF token) are drawn outside, unbound, from the choices."""

    def build():
        outcome_page, ties = meeting_outcome_page(
            meeting, request.GET.get("page"), OUTCOMES_PER_PAGE, polls=polls, name_ties_up_to=TIE_INLINE_LIMIT
        )
        html = render_to_string(
            "council/_tally.html",
            {
                "outcomes": outcome_page.object_list,
                "page": outcome_page,
                "can_break_tie": can_break_tie,
                "request": request,
            },
        )
        summaries = [
            {
                "award_kind": kind,
                "nominee_kind": nominee_kind,
                "tied": len(group),
                "places": tie_places(group),
                "votes_for": group[0].votes_for,
                # a small tie's form is drawn on this page; a large one has its own page, a page at a time
                "choices": [(o.poll_item.pk, o.nominee.formal_name) for o in group]
                if len(group) <= TIE_INLINE_LIMIT
                else None,
            }
            for kind, nominee_kind, group in ties
        ]
        return str(html), summaries

    html, ties = versions.cached(
        "council-tally-v2",  # v2: the ties as summaries (a value of the old shape must not be read back)
        scopes.tally(meeting.pk, meeting.campaign_id),
        build,
        get_language(),
        can_break_tie,
        sorted(request.GET.lists()),
        quorum.members_total,
    )
    return mark_safe(html), ties  # noqa: S308 - our own template's output, escaped when it was drawn


def _tie_labels(award_kind: str, nominee_kind: str) -> dict:
    return {
        "award_kind": AwardKind(award_kind).label if award_kind in AwardKind.values else award_kind,
        "nominee_kind": NomineeKind(nominee_kind).label
        if nominee_kind in NomineeKind.values
        else nominee_kind,
    }


@login_required
def meeting_detail_view(request, pk):
    meeting = _meeting(request, pk)
    user = request.user
    rows = meeting_rows(meeting)
    attendances, polls, voters, committee = rows.attendances, rows.polls, rows.voters, rows.committee
    quorum = quorum_of(attendances)
    voted_any = voters.members
    can_manage = allowed(user, "council.manage_meeting")
    can_break_tie = allowed(user, "council.break_tie")
    tally_html, ties = (
        _tally(request, meeting, polls, quorum, can_break_tie) if meeting.is_closed else ("", [])
    )
    me = next((a for a in attendances if user.official_id and a.member.official_id == user.official_id), None)
    papers = paper_status(polls, voters)
    context = {
        "committee": committee,
        **_office_forms(meeting, attendances, committee, papers, voted_any, can_manage=can_manage),
        "papers": papers,
        "can_count_paper": allowed(user, "council.count_paper", meeting),
        "me_absent": bool(me and me.status == AttendanceStatus.ABSENT),
        "contacts": contacts_for(meeting) if me and me.status == AttendanceStatus.ABSENT else {},
        "meeting": meeting,
        "attendances": attendances,
        "quorum": quorum,
        "nominees": nominee_page(meeting.campaign, request.GET.get("page"), OUTCOMES_PER_PAGE)
        if meeting.state == MeetingState.DRAFT
        else None,
        "polls": polls,
        "voted_any": voted_any,
        "voters_count": len(voted_any),
        "eligible_count": sum(1 for a in attendances if a.status != AttendanceStatus.ABSENT),
        "tally_html": tally_html,
        "ties": [
            {
                **tie,
                "form": TieBreakForm(
                    choices=tie["choices"],
                    initial={"award_kind": tie["award_kind"], "nominee_kind": tie["nominee_kind"]},
                )
                if can_break_tie and tie["choices"] is not None
                else None,
                "labels": _tie_labels(tie["award_kind"], tie["nominee_kind"]),
            }
            for tie in ties
        ],
        "verified": verification_states(polls),
        "can_manage": can_manage,
        "can_break_tie": can_break_tie,
        "can_download": allowed(user, "council.download_documents"),
        "me": me,
        "i_voted": bool(me and me.member_id in voted_any),
        "can_vote": bool(me)
        and me.status != AttendanceStatus.ABSENT
        and meeting.state == MeetingState.OPEN
        and allowed(user, "council.vote", meeting),
        "votes_needed": votes_needed(quorum.members_total),
        "quorum_required": quorum_required(quorum.members_total),
        "history": audit_list_for_object(meeting)[:50] if can_manage else [],
        "event_labels": EVENT_LABELS,
        "States": MeetingState,
    }
    return render(request, "council/detail.html", context)


@login_required
@require_POST
@domain_errors_as_messages("council:detail")
def attendance_view(request, pk):
    meeting = _meeting(request, pk, "council.manage_meeting")
    form = AttendanceForm(request.POST, attendances=attendance_rows(meeting))
    return _meeting_form_post(
        request,
        meeting,
        form,
        run=lambda data: services.attendance_record(
            meeting=meeting, actor=request.user, statuses=form.statuses()
        ),
        done=_("Đã ghi nhận thành phần dự họp."),
        invalid=_("Hãy chọn tình trạng của từng thành viên."),
    )


@login_required
@require_POST
@domain_errors_as_messages("council:detail")
def meeting_open_view(request, pk):
    meeting = _meeting(request, pk, "council.manage_meeting")
    services.meeting_open(meeting=meeting, actor=request.user)
    messages.success(request, _("Đã mở biểu quyết. Các thành viên có thể bỏ phiếu."))
    return redirect("council:detail", pk=meeting.pk)


@login_required
@require_POST
@domain_errors_as_messages("council:detail")
def poll_close_view(request, pk):
    meeting = _meeting(request, pk, "council.manage_meeting")
    services.poll_close(meeting=meeting, actor=request.user)
    messages.success(request, _("Đã kết thúc biểu quyết và kiểm phiếu."))
    return redirect("council:detail", pk=meeting.pk)


@login_required
@require_POST
@domain_errors_as_messages("council:detail")
def end_time_view(request, pk):
    meeting = _meeting(request, pk, "council.manage_meeting")
    form = EndTimeForm(request.POST)
    return _meeting_form_post(
        request,
        meeting,
        form,
        run=lambda data: services.end_time_set(meeting=meeting, actor=request.user, ended_at=form.ended_at()),
        done=_("Đã ghi giờ kết thúc cuộc họp."),
        invalid=_("Hãy nhập ngày và giờ kết thúc cuộc họp."),
    )


@login_required
@require_POST
@domain_errors_as_messages("council:detail")
def tie_break_view(request, pk):
    meeting = _meeting(request, pk, "council.break_tie")
    kind, nominee_kind = request.POST.get("award_kind", ""), request.POST.get("nominee_kind", "")
    tie = pending_tie(meeting, kind, nominee_kind)  # the light ranking: a city tie holds thousands
    form = TieBreakForm(request.POST, choices=[(pk, "") for pk, _light in tie["choices"]] if tie else [])
    return _meeting_form_post(
        request,
        meeting,
        form,
        run=lambda data: services.chair_tie_break(
            meeting=meeting,
            actor=request.user,
            award_kind=kind,
            nominee_kind=nominee_kind,
            selected_item_ids=data["selected"],
            note=data["note"],
        ),
        done=_("Đã ghi nhận lựa chọn của Chủ tịch Hội đồng."),
        invalid=_("Hãy chọn tập thể, cá nhân và ghi ý kiến của Chủ tịch Hội đồng."),
    )


def _chosen_ids(values, allowed_ids: set[int]) -> set[int]:
    chosen = set()
    for value in values:
        try:
            number = int(value)
        except (TypeError, ValueError):
            continue
        if number in allowed_ids:
            chosen.add(number)
    return chosen


@login_required
def tie_list_view(request, pk):
    """A tie too large for the meeting page (more than TIE_INLINE_LIMIT nominees at the quota line): the tied
    nominees TIE_PAGE_SIZE at a time in one form whose "record" button posts to tie_break_view and whose page
    buttons post the picks (poll item ids) and the note back here, which only draws them (no write). The tie
    (its ids and names) is kept under the meeting's scopes like the tally."""
    meeting = _meeting(request, pk, "council.break_tie")
    data = request.POST if request.method == "POST" else request.GET
    kind = data.get("award_kind") or data.get("loai", "")
    nominee_kind = data.get("nominee_kind") or data.get("doi-tuong", "")
    tie = (
        versions.cached(
            "council-tie",
            scopes.tally(meeting.pk, meeting.campaign_id),
            lambda: pending_tie(meeting, kind, nominee_kind),
            kind,
            nominee_kind,
        )
        if meeting.is_closed
        else None
    )
    if tie is None:
        messages.info(request, _("Không có trường hợp bằng phiếu nào đang chờ Chủ tịch Hội đồng lựa chọn."))
        return redirect("council:detail", pk=meeting.pk)
    choices = tie["choices"]
    picked = data.getlist("selected")
    chosen = _chosen_ids(picked, {pk for pk, _light in choices}) if picked else set()
    page = Paginator(choices, TIE_PAGE_SIZE).get_page(data.get("trang"))
    rows = tie_choice_labels(page.object_list)
    on_page = {pk for pk, _label in rows}
    return render(
        request,
        "council/tie_break.html",
        {
            "meeting": meeting,
            "tie": tie,
            "labels": _tie_labels(kind, nominee_kind),
            "page": page,
            "rows": [(pk, label, pk in chosen) for pk, label in rows],
            "kept": sorted(chosen - on_page),
            "chosen": tie_choice_labels([c for c in choices if c[0] in chosen]) if chosen else [],
            "form": TieBreakForm(
                initial={"award_kind": kind, "nominee_kind": nominee_kind, "note": data.get("note", "")}
            ),
        },
    )
