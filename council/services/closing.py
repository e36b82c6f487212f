"""Closing the vote (shuffle, seal, notify) and the chair's choice on a tie at the quota line."""

from __future__ import annotations

import random
import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.domain import DomainError
from organisation.enums import Role
from organisation.selectors import users_with_role
from organisation.text import nfc

from ..models import Ballot, ChairChoice, Meeting, PaperTally, Poll, VoterRecord
from ..selectors import name_tied, tie_group, tie_places
from ..tally import choice_seal, record_verification, result_hash
from .base import lock_meeting, record_move, require_who
from .paper import paper_issued


# ---- closing ---------------------------------------------------------------------------------------------------
def _shuffle_ballots(poll: Poll) -> None:
    """Re-insert every ballot of the poll in random order with new random keys, so no physical order or
    transaction id of a ballot row follows the order in which members voted."""
    rows = list(Ballot.objects.filter(poll_item__poll=poll).values_list("poll_item_id", "choice"))
    Ballot.objects.filter(poll_item__poll=poll).delete()
    random.SystemRandom().shuffle(rows)
    Ballot.objects.bulk_create(
        [Ballot(id=uuid.uuid4(), poll_item_id=item, choice=choice) for item, choice in rows]
    )


def _check_paper_totals(polls: list[Poll]) -> None:
    """Refuse while members who voted on paper wait for the committee's totals, or the totals' "issued"
    no longer matches them."""
    tallies = {t.poll_id: t for t in PaperTally.objects.filter(poll__in=polls)}
    for poll in polls:
        expected = paper_issued(poll)
        tally = tallies.get(poll.pk)
        if expected and tally is None:
            raise DomainError(
                _(
                    "%(n)s thành viên bỏ phiếu giấy (%(poll)s): Ban kiểm phiếu chưa nhập kết quả kiểm phiếu giấy."
                )
                % {"n": expected, "poll": poll.get_award_kind_display()}
            )
        if tally is not None and tally.issued != expected:
            raise DomainError(
                _(
                    "Số phiếu giấy phát ra Ban kiểm phiếu đã nhập (%(issued)s) khác số thành viên bỏ phiếu giấy "
                    "(%(expected)s) (%(poll)s): Ban kiểm phiếu cần nhập lại."
                )
                % {"issued": tally.issued, "expected": expected, "poll": poll.get_award_kind_display()}
            )


def _seal(poll: Poll, now) -> None:
    """Shuffle the poll's ballots, close it and store the SHA-256 of its result."""
    _shuffle_ballots(poll)
    poll.closed_at = now
    poll.result_hash = result_hash(poll)
    Poll.objects.filter(pk=poll.pk, closed_at__isnull=True).update(
        closed_at=now, result_hash=poll.result_hash
    )
    record_verification(poll)  # the page shows this answer; verify_polls checks again


def _notify_closed(locked: Meeting) -> None:
    """The office and the chairman: the tally is ready (in-app, sent after commit)."""
    from notifications.services import notify

    recipients = users_with_role(Role.OFFICE, Role.CHAIRMAN)
    notify(
        recipients=recipients,
        subject=_("Đã có kết quả biểu quyết của Hội đồng Thi đua - Khen thưởng"),
        context={
            "message": _(
                "Hội đồng đã kết thúc biểu quyết “%(campaign)s”. Xem kết quả kiểm phiếu và xếp hạng."
            )
            % {"campaign": locked.campaign.title}
        },
        link=reverse("council:detail", args=[locked.pk]),
        dedupe_key=f"council.meeting:{locked.pk}:closed",
        email=False,
    )


def poll_close(*, meeting: Meeting, actor) -> Meeting:
    """Open → closed (office): ends the vote on every poll of the meeting. Each poll's ballots are shuffled,
    closed_at is set and the SHA-256 of its result stored; from then on the database refuses any change to
    the poll, its attendance and committee (council/dbguard.py). A closed meeting never reopens.
    Refused before the day the meeting is held, and while members marked as voting on paper wait for the
    counting committee's totals (or the totals' "issued" no longer matches them). The meeting's end time
    (minutes) is the closing time unless the office entered one. Side effects: audit row; a notification
    to the office and the chairman that the tally is ready."""
    require_who(actor, "poll_close", meeting)
    with transaction.atomic():
        locked = lock_meeting(meeting, "poll_close")
        now = timezone.now()
        held_day = timezone.localtime(locked.held_at).date()
        if timezone.localdate(now) < held_day:
            raise DomainError(
                _("Cuộc họp được tổ chức ngày %(day)s: chưa thể kết thúc biểu quyết trước ngày họp.")
                % {"day": held_day.strftime("%d/%m/%Y")}
            )
        polls = list(Poll.objects.select_for_update().filter(meeting=locked, closed_at__isnull=True))
        _check_paper_totals(polls)
        for poll in polls:
            _seal(poll, now)
        locked.closed_at = now
        fields = ("closed_at",)
        if locked.ended_at is None:
            locked.ended_at = now
            fields = ("closed_at", "ended_at")
        voters = VoterRecord.objects.filter(poll__meeting=locked).values("member").distinct().count()
        record_move(
            locked,
            "poll_close",
            actor,
            note=_("%(n)s thành viên đã bỏ phiếu.") % {"n": voters},
            fields=fields,
        )
        _notify_closed(locked)
    return locked


# ---- the chair's choice on a tie -------------------------------------------------------------------------------
def chair_tie_break(
    *, meeting: Meeting, actor, award_kind: str, nominee_kind: str, selected_item_ids, note: str
) -> list[ChairChoice]:
    """Record the chair's choice among nominees tied at the quota boundary (office or chairman): exactly as
    many as the free places are selected, with the chair's note. Final once recorded. Side effects: audit."""
    require_who(actor, "chair_tie_break", meeting)
    note = nfc(note or "").strip()
    if not note:
        raise DomainError(_("Hãy ghi ý kiến, lý do lựa chọn của Chủ tịch Hội đồng."))
    selected = {int(pk) for pk in selected_item_ids}
    with transaction.atomic():
        locked = lock_meeting(meeting, "chair_tie_break")
        # the light ranking (council/selectors/outcomes.py): the same ranks, quota and tie marks as
        # poll_outcomes without a full row per nominee (a city meeting has thousands, its tie as many)
        group = tie_group(
            list(Poll.objects.filter(meeting=locked)), locked.campaign_id, award_kind, nominee_kind
        )
        if not group:
            raise DomainError(_("Không có trường hợp bằng phiếu nào đang chờ Chủ tịch Hội đồng lựa chọn."))
        slots = tie_places(group)
        ids = {o.poll_item.pk for o in group}
        if not selected <= ids or len(selected) != slots:
            raise DomainError(
                _("Hãy chọn đúng %(slots)s trong số %(tied)s tập thể, cá nhân bằng phiếu.")
                % {"slots": slots, "tied": len(group)}
            )
        now = timezone.now()
        hashes = dict(Poll.objects.filter(meeting=locked).values_list("pk", "result_hash"))
        choices = [
            ChairChoice(
                poll_item_id=o.poll_item.pk,
                selected=o.poll_item.pk in selected,
                note=note,
                decided_by=actor,
                decided_at=now,
                seal=choice_seal(
                    hashes[o.poll_item.poll_id], o.poll_item.pk, o.poll_item.pk in selected, note, now
                ),
            )
            for o in group
        ]
        ChairChoice.objects.bulk_create(choices)
        for poll_id in {o.poll_item.poll_id for o in group}:
            record_verification(Poll(pk=poll_id))  # the new seals are part of what the page reports
        chosen = [o for o in group if o.poll_item.pk in selected]
        name_tied(chosen)
        names = ", ".join(o.nominee.display_name for o in chosen)
        record_move(locked, "chair_tie_break", actor, note=f"{_('Chọn')}: {names}. {note}")
    return choices
