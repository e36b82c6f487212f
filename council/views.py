"""Council pages. Thin: permission → form → one service or selector → message and redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.audit import audit_list_for_object
from anhai_thidua.core.uploads import content_disposition
from campaigns.errors import DomainError
from organisation.models import CouncilMembership

from . import documents, exporting, services
from .enums import EVENT_LABELS, AttendanceStatus, MeetingState
from .forms import AttendanceForm, BallotForm, MeetingForm, TieBreakForm
from .models import Meeting, Recusal
from .selectors import (
    attendance_rows,
    ballot_items,
    meeting_list_for_user,
    meeting_outcome,
    membership_of,
    nominees_by_award_kind,
    pending_ties,
    polls_of,
    quorum_of,
    voted_member_ids,
)
from .tally import poll_verify, quorum_required, votes_needed


def _meeting(request, pk: int, perm: str = "council.view_meeting") -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("campaign", "council", "created_by"), pk=pk)
    if not request.user.has_perm(perm, meeting):
        raise PermissionDenied
    return meeting


@login_required
def meeting_list(request):
    if not request.user.has_perm("council.list_meetings"):
        raise PermissionDenied
    page = Paginator(meeting_list_for_user(request.user), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "council/list.html",
        {"page": page, "can_manage": request.user.has_perm("council.manage_meeting")},
    )


@login_required
def meeting_create_view(request):
    if not request.user.has_perm("council.manage_meeting"):
        raise PermissionDenied
    form = MeetingForm(request.POST or None, initial={"campaign": request.GET.get("phong-trao")})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                campaign=form.cleaned_data["campaign"],
                actor=request.user,
                held_at=form.held_at(),
                place=form.cleaned_data["place"],
                agenda=form.cleaned_data["agenda"],
                secret_ballot=form.cleaned_data["secret_ballot"],
                number=form.cleaned_data["number"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lên lịch họp và gửi giấy mời đến các thành viên Hội đồng."))
            return redirect("council:detail", pk=meeting.pk)
    return render(request, "council/meeting_form.html", {"form": form})


@login_required
def meeting_detail_view(request, pk):
    meeting = _meeting(request, pk)
    user = request.user
    attendances = attendance_rows(meeting)
    quorum = quorum_of(attendances)
    polls = polls_of(meeting)
    voted = voted_member_ids(meeting)
    voted_any = set().union(*voted.values()) if voted else set()
    outcomes = meeting_outcome(meeting) if meeting.is_closed else []
    ties = pending_ties(outcomes)
    can_manage = user.has_perm("council.manage_meeting")
    can_break_tie = user.has_perm("council.break_tie")
    me = next((a for a in attendances if user.official_id and a.member.official_id == user.official_id), None)
    context = {
        "meeting": meeting,
        "attendances": attendances,
        "attendance_form": AttendanceForm(attendances=attendances)
        if can_manage and meeting.state != MeetingState.CLOSED
        else None,
        "quorum": quorum,
        "groups": nominees_by_award_kind(meeting.campaign) if meeting.state == MeetingState.DRAFT else [],
        "polls": polls,
        "voted_any": voted_any,
        "voters_count": len(voted_any),
        "eligible_count": sum(1 for a in attendances if a.status != AttendanceStatus.ABSENT),
        "outcomes": outcomes,
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
        "verified": [(p, poll_verify(p)) for p in polls if p.is_closed],
        "can_manage": can_manage,
        "can_download": user.has_perm("council.download_documents"),
        "me": me,
        "i_voted": bool(me and me.member_id in voted_any),
        "can_vote": bool(me)
        and meeting.state == MeetingState.OPEN
        and user.has_perm("council.vote", meeting),
        "votes_needed": votes_needed(quorum.members_total),
        "quorum_required": quorum_required(quorum.members_total),
        "history": audit_list_for_object(meeting)[:50] if can_manage else [],
        "event_labels": EVENT_LABELS,
        "States": MeetingState,
    }
    return render(request, "council/detail.html", context)


@login_required
@require_POST
def attendance_view(request, pk):
    meeting = _meeting(request, pk, "council.manage_meeting")
    form = AttendanceForm(request.POST, attendances=attendance_rows(meeting))
    if form.is_valid():
        try:
            services.attendance_record(meeting=meeting, actor=request.user, statuses=form.statuses())
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã ghi nhận thành phần dự họp."))
    else:
        messages.error(request, _("Hãy chọn tình trạng của từng thành viên."))
    return redirect("council:detail", pk=meeting.pk)


@login_required
@require_POST
def meeting_open_view(request, pk):
    meeting = _meeting(request, pk, "council.manage_meeting")
    try:
        services.meeting_open(meeting=meeting, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã mở biểu quyết. Các thành viên có thể bỏ phiếu."))
    return redirect("council:detail", pk=meeting.pk)


@login_required
@require_POST
def poll_close_view(request, pk):
    meeting = _meeting(request, pk, "council.manage_meeting")
    try:
        services.poll_close(meeting=meeting, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã kết thúc biểu quyết và kiểm phiếu."))
    return redirect("council:detail", pk=meeting.pk)


def _ballot(request, meeting: Meeting, member: CouncilMembership, *, on_behalf: bool):
    items = []
    for poll in polls_of(meeting):
        if not poll.is_closed:
            items += ballot_items(poll)
    recused = {r.poll_item_id: r.reason for r in Recusal.objects.filter(poll_item__in=items, member=member)}
    voted = member.pk in set().union(*voted_member_ids(meeting).values()) if items else False
    form = BallotForm(request.POST or None, items=items, recused=recused)
    if request.method == "POST" and meeting.state == MeetingState.OPEN and not voted:
        if form.is_valid():
            try:
                services.vote_cast(meeting=meeting, member=member, choices=form.choices(), actor=request.user)
            except services.AlreadyVoted as exc:
                messages.info(request, str(exc))
                return redirect(request.path)
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                if on_behalf:
                    messages.success(
                        request, _("Đã nhập phiếu của %(name)s.") % {"name": member.official.full_name}
                    )
                    return redirect("council:detail", pk=meeting.pk)
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
            "on_behalf": on_behalf,
            "secret": meeting.secret_ballot,
        },
    )


@login_required
def ballot_view(request, pk):
    meeting = _meeting(request, pk, "council.vote")
    member = membership_of(request.user, meeting.council_id)
    if member is None:
        raise PermissionDenied
    return _ballot(request, meeting, member, on_behalf=False)


@login_required
def ballot_record_view(request, pk, member_pk):
    meeting = _meeting(request, pk, "council.record_ballot")
    member = get_object_or_404(
        CouncilMembership.objects.select_related("official"), pk=member_pk, council_id=meeting.council_id
    )
    return _ballot(request, meeting, member, on_behalf=True)


@login_required
@require_POST
def tie_break_view(request, pk):
    meeting = _meeting(request, pk, "council.break_tie")
    outcomes = meeting_outcome(meeting)
    kind, nominee_kind = request.POST.get("award_kind"), request.POST.get("nominee_kind")
    group = next((g for k, nk, g in pending_ties(outcomes) if k == kind and nk == nominee_kind), [])
    form = TieBreakForm(request.POST, group=group)
    if form.is_valid():
        try:
            services.chair_tie_break(
                meeting=meeting,
                actor=request.user,
                award_kind=kind,
                nominee_kind=nominee_kind,
                selected_item_ids=form.cleaned_data["selected"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã ghi nhận lựa chọn của Chủ tịch Hội đồng."))
    else:
        messages.error(request, _("Hãy chọn tập thể, cá nhân và ghi ý kiến của Chủ tịch Hội đồng."))
    return redirect("council:detail", pk=meeting.pk)


@login_required
def minutes_pdf_view(request, pk):
    meeting = _meeting(request, pk, "council.download_documents")
    data = documents.minutes_pdf(meeting)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(documents.minutes_filename(meeting), inline=True)
    return response


@login_required
def tally_xlsx_view(request, pk):
    meeting = _meeting(request, pk, "council.download_documents")
    if not meeting.is_closed:
        messages.error(request, _("Chỉ xuất kết quả kiểm phiếu sau khi kết thúc biểu quyết."))
        return redirect("council:detail", pk=meeting.pk)
    data = exporting.tally_workbook(meeting)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = content_disposition(exporting.tally_filename(meeting))
    return response
