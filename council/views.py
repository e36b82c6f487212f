"""Council pages. Thin: permission → form → one service or selector → message and redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.audit import audit_list_for_object
from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.permissions import (
    allowed,
    domain_errors_as_messages,
    form_error_on_domain_error,
    require,
)
from anhai_thidua.core.uploads import content_disposition

from . import documents, exporting, services
from .enums import EVENT_LABELS, AttendanceStatus, MeetingState
from .forms import (
    AttendanceForm,
    BallotForm,
    CommitteeForm,
    EndTimeForm,
    MeetingForm,
    PaperTallyForm,
    PaperVotersForm,
    TieBreakForm,
)
from .models import Attendance, Meeting, Poll, Recusal
from .selectors import (
    attendance_rows,
    ballot_items,
    committee_of,
    contacts_for,
    meeting_list_for_user,
    meeting_outcome,
    meeting_outcome_page,
    meeting_voters,
    member_has_voted,
    membership_of,
    nominee_page,
    open_ballot_items,
    paper_polls,
    paper_status,
    pending_ties,
    polls_of,
    quorum_of,
    verification_states,
    voted_at_of,
    voted_member_ids,
)
from .tally import quorum_required, votes_needed

# The tally's rows per page (ranked over every nominee first; long lists are read a page at a time).
OUTCOMES_PER_PAGE = 50


def _meeting(request, pk: int, perm: str = "council.view_meeting") -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("campaign", "council", "created_by"), pk=pk)
    require(request, perm, meeting)
    return meeting


def _meeting_form_post(request, meeting: Meeting, form, *, run, done: str, invalid: str | None = None):
    """The meeting page's small forms: a valid form runs its service (`run(cleaned_data)`, whose DomainError
    the view's decorator shows) and says `done`; an invalid one says `invalid` (or the form's own errors).
    Back to the meeting page either way."""
    if form.is_valid():
        result = run(form.cleaned_data)
        messages.success(request, done(result) if callable(done) else done)
    else:
        messages.error(
            request, invalid or " ".join(str(e) for errors in form.errors.values() for e in errors)
        )
    return redirect("council:detail", pk=meeting.pk)


def _file_response(data: bytes, filename: str, content_type: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response


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


@login_required
def meeting_detail_view(request, pk):
    meeting = _meeting(request, pk)
    user = request.user
    attendances = attendance_rows(meeting)
    quorum = quorum_of(attendances)
    polls = polls_of(meeting)
    voters = meeting_voters(meeting)
    voted_any = voters.members
    if meeting.is_closed:
        outcome_page, ties = meeting_outcome_page(
            meeting, request.GET.get("page"), OUTCOMES_PER_PAGE, polls=polls
        )
    else:
        outcome_page, ties = Paginator([], OUTCOMES_PER_PAGE).get_page(1), []
    can_manage = allowed(user, "council.manage_meeting")
    can_break_tie = allowed(user, "council.break_tie")
    me = next((a for a in attendances if user.official_id and a.member.official_id == user.official_id), None)
    committee = committee_of(meeting)
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
        "outcomes": outcome_page.object_list,
        "page": outcome_page,
        "ties": [
            (
                kind,
                nominee_kind,
                group,
                TieBreakForm(group=group, initial={"award_kind": kind, "nominee_kind": nominee_kind}),
            )
            for kind, nominee_kind, group in ties
        ]
        if can_break_tie
        else [(k, nk, g, None) for k, nk, g in ties],
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
def ballot_view(request, pk):
    """The member's own ballot. An absent member gets no ballot (the page says why and whom to ask); a
    ballot sent again (second tab, double click) is answered that it was not counted, with the time of the
    counted one."""
    meeting = _meeting(request, pk, "council.vote")
    member = membership_of(request.user, meeting.council_id)
    if member is None:
        raise PermissionDenied
    attendance = Attendance.objects.filter(meeting=meeting, member=member).first()
    absent = attendance is None or attendance.status == AttendanceStatus.ABSENT
    items = open_ballot_items(meeting)
    recused = {r.poll_item_id: r.reason for r in Recusal.objects.filter(poll_item__in=items, member=member)}
    voted_at = voted_at_of(meeting, member)
    voted = member_has_voted(meeting, member)
    form = BallotForm(request.POST or None, items=items, recused=recused)
    refused = ""
    if request.method == "POST" and voted:
        refused = services.already_voted_message(voted_at)
    elif request.method == "POST" and meeting.state == MeetingState.OPEN and not absent:
        if form.is_valid():
            try:
                services.vote_cast(meeting=meeting, member=member, choices=form.choices(), actor=request.user)
            except services.AlreadyVoted as exc:
                refused = services.already_voted_message(exc.voted_at)
                voted, voted_at = True, exc.voted_at
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Cảm ơn, phiếu của bạn đã được ghi nhận."))
                return redirect(request.path)
        else:
            messages.error(
                request, _("Phiếu chưa được ghi nhận: hãy chọn cho mọi tập thể, cá nhân được đánh dấu.")
            )
    return render(
        request,
        "council/ballot.html",
        {
            "meeting": meeting,
            "member": member,
            "form": form,
            "voted": voted,
            "voted_at": voted_at,
            "refused": refused,
            "absent": absent,
            "contacts": contacts_for(meeting) if absent else {},
            "secret": meeting.secret_ballot,
        },
    )


@login_required
@require_POST
@domain_errors_as_messages("council:detail")
def committee_view(request, pk):
    meeting = _meeting(request, pk, "council.manage_committee")
    form = CommitteeForm(request.POST, attendances=attendance_rows(meeting))
    return _meeting_form_post(
        request,
        meeting,
        form,
        run=lambda data: services.committee_set(
            meeting=meeting, actor=request.user, head_id=data["head"], member_ids=data["members"]
        ),
        done=_("Đã ghi nhận Ban kiểm phiếu."),
    )


@login_required
@require_POST
@domain_errors_as_messages("council:detail")
def paper_voters_view(request, pk):
    meeting = _meeting(request, pk, "council.record_paper_voters")
    form = PaperVotersForm(
        request.POST,
        attendances=attendance_rows(meeting),
        voted=set().union(*voted_member_ids(meeting).values()),
    )
    return _meeting_form_post(
        request,
        meeting,
        form,
        run=lambda data: services.paper_voters_record(
            meeting=meeting, actor=request.user, member_ids=data["members"]
        ),
        done=lambda n: _("Đã ghi nhận %(n)s thành viên bỏ phiếu giấy.") % {"n": n},
        invalid=_("Hãy chọn thành viên bỏ phiếu giấy."),
    )


@login_required
def paper_tally_view(request, pk, poll_pk):
    """The counting committee enters one poll's paper totals (phone-first)."""
    meeting = _meeting(request, pk, "council.count_paper")
    poll = get_object_or_404(Poll, pk=poll_pk, meeting=meeting, closed_at__isnull=True)
    paper = next(p for p in paper_polls(meeting) if p.poll.pk == poll.pk)
    items = ballot_items(poll)
    initial = {}
    if paper.tally:
        initial = {f: getattr(paper.tally, f) for f in ("issued", "returned", "valid", "invalid")}
    else:
        initial = {"issued": paper.expected_issued}
    form = PaperTallyForm(
        request.POST or None,
        items=items,
        expected_issued=paper.expected_issued,
        counts=paper.counts,
        recused=services.paper_recusals(poll),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.paper_tally_record(
                meeting=meeting,
                poll=poll,
                actor=request.user,
                issued=data["issued"],
                returned=data["returned"],
                valid=data["valid"],
                invalid=data["invalid"],
                counts=form.counts(),
            )
        except services.PaperTallyInvalid as exc:
            for field, message in exc.problems:
                form.add_error(field if field in form.fields else None, message)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Đã ghi nhận kết quả kiểm phiếu giấy (%(poll)s).")
                % {"poll": poll.get_award_kind_display()},
            )
            return redirect("council:detail", pk=meeting.pk)
    return render(
        request,
        "council/paper_tally.html",
        {"meeting": meeting, "poll": poll, "form": form, "paper": paper, "committee": committee_of(meeting)},
    )


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
    outcomes = meeting_outcome(meeting)
    kind, nominee_kind = request.POST.get("award_kind"), request.POST.get("nominee_kind")
    group = next((g for k, nk, g in pending_ties(outcomes) if k == kind and nk == nominee_kind), [])
    form = TieBreakForm(request.POST, group=group)
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


@login_required
def minutes_pdf_view(request, pk):
    meeting = _meeting(request, pk, "council.download_documents")
    return _file_response(
        documents.minutes_pdf(meeting), documents.minutes_filename(meeting), "application/pdf", inline=True
    )


@login_required
def vote_count_pdf_view(request, pk):
    meeting = _meeting(request, pk, "council.download_documents")
    if not meeting.is_closed:
        messages.error(request, _("Biên bản kiểm phiếu có sau khi kết thúc biểu quyết."))
        return redirect("council:detail", pk=meeting.pk)
    return _file_response(
        documents.vote_count_pdf(meeting),
        documents.vote_count_filename(meeting),
        "application/pdf",
        inline=True,
    )


@login_required
def tally_xlsx_view(request, pk):
    meeting = _meeting(request, pk, "council.download_documents")
    if not meeting.is_closed:
        messages.error(request, _("Chỉ xuất kết quả kiểm phiếu sau khi kết thúc biểu quyết."))
        return redirect("council:detail", pk=meeting.pk)
    return _file_response(
        exporting.tally_workbook(meeting),
        exporting.tally_filename(meeting),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
