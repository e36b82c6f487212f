"""Voting: the member's secret ballot, the counting committee, paper voters and the paper tally."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.permissions import (
    domain_errors_as_messages,
)

from .. import services
from ..enums import MeetingState
from ..forms import (
    BallotForm,
    CommitteeForm,
    PaperTallyForm,
    PaperVotersForm,
)
from ..models import Poll, Recusal
from ..selectors import (
    attendance_rows,
    ballot_items,
    ballot_state,
    committee_of,
    contacts_for,
    meeting_membership,
    open_ballot_items,
    paper_polls,
    voted_member_ids,
)
from .common import _meeting, _meeting_form_post


@login_required
def ballot_view(request, pk):
    """The member's own ballot. An absent member gets no ballot (the page says why and whom to ask); a
    ballot sent again (second tab, double click) is answered that it was not counted, with the time of the
    counted one."""
    meeting = _meeting(request, pk, "council.vote")
    member = meeting_membership(request.user, meeting)
    if member is None:
        raise PermissionDenied
    state = ballot_state(meeting, member)
    voted, voted_at, absent = state.voted, state.voted_at, state.absent
    # The items only for a ballot the page can show or take: not after the vote, not for an absent member.
    items = open_ballot_items(meeting) if meeting.state == MeetingState.OPEN and not (voted or absent) else []
    recused = (
        {r.poll_item_id: r.reason for r in Recusal.objects.filter(poll_item__in=items, member=member)}
        if items
        else {}
    )
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
