"""The minutes of the ward council's meeting (biên bản họp Hội đồng TĐKT phường) and the counting
committee's report (biên bản kiểm phiếu) as PDFs, in the official format (NĐ 30/2020/NĐ-CP). User text
reaches the templates as plain strings, escaped there. Every sentence that depends on the data is decided
here (tested in tests/council/test_documents.py)."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.utils import timezone

from anhai_thidua.core.dates import date_line
from anhai_thidua.core.pdf import DocumentHeader, keep_numbers_with_words, render_pdf
from campaigns.enums import AwardKind, NomineeKind
from organisation.enums import CouncilFunction

from .enums import AttendanceStatus, VoteChannel
from .models import Meeting, VoterRecord
from .selectors import (
    attendance_rows,
    committee_of,
    meeting_detail,
    meeting_outcome,
    paper_polls,
    polls_of,
    quorum_of,
)
from .tally import percent, votes_needed

MINUTES_RECIPIENTS = [
    "Chủ tịch UBND phường (để báo cáo);",
    "Thành viên Hội đồng TĐKT phường;",
    "Lưu: VT, VHXH.",
]
VOTE_COUNT_RECIPIENTS = [
    "Hội đồng TĐKT phường (kèm biên bản họp);",
    "Lưu: VT, VHXH.",
]


def _number(meeting: Meeting) -> str:
    number = meeting.number
    if number.isdigit() and len(number) == 1:
        number = f"0{number}"
    return number or chr(0xA0) * 6


def _header(meeting: Meeting, kind: str) -> DocumentHeader:
    local = timezone.localtime(meeting.held_at)
    return DocumentHeader(
        issuer="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        issuer_parent=f"ỦY BAN NHÂN DÂN PHƯỜNG {settings.WARD_NAME}".upper(),
        reference=f"{_number(meeting)}/{kind}",
        date_line=date_line(meeting.campaign.place, local.date()),
    )


def ended_sentence(meeting: Meeting) -> str:
    """The minutes' last sentence: when the meeting ended (recorded at the close of the vote, or entered)."""
    if meeting.ended_at is None:
        return "Cuộc họp chưa kết thúc biểu quyết; biên bản này chưa phải bản chính thức./."
    start = timezone.localtime(meeting.held_at)
    end = timezone.localtime(meeting.ended_at)
    day = "cùng ngày" if end.date() == start.date() else f"ngày {end:%d/%m/%Y}"
    return (
        f"Cuộc họp kết thúc vào hồi {end:%H} giờ {end:%M} {day}; biên bản đã được thông qua trước Hội đồng./."
    )


def _vote_count_rows(poll, paper, outcomes) -> list[dict]:
    """A poll's rows of the biên bản kiểm phiếu: per nominee the paper and app votes “đồng ý”, and their
    percentage of all council members."""
    rows = []
    for o in outcomes:
        if o.poll_item.poll_id != poll.pk:
            continue
        p_agree, p_disagree = paper.counts.get(o.poll_item.pk, (0, 0)) if paper else (0, 0)
        rows.append(
            {
                "outcome": o,
                "paper_agree": p_agree,
                "paper_disagree": p_disagree,
                "app_agree": o.votes_for - p_agree,
                "agree": o.votes_for,
                "percent": percent(o.votes_for, poll.members_total),
            }
        )
    return rows


def vote_count_context(meeting: Meeting) -> dict:
    """The biên bản kiểm phiếu: the meeting, the committee, and per poll the paper ballots issued,
    returned, valid and invalid, the members who voted in the app, and per nominee the votes “đồng ý”
    (paper + app) and their percentage of ALL council members."""
    meeting = meeting_detail(meeting.pk)
    committee = committee_of(meeting)
    outcomes = meeting_outcome(meeting)
    papers = {p.poll.pk: p for p in paper_polls(meeting)}
    app_voters = {}
    for poll_id, channel in VoterRecord.objects.filter(poll__meeting=meeting).values_list(
        "poll_id", "channel"
    ):
        if channel in (VoteChannel.APP, VoteChannel.ENTERED):
            app_voters[poll_id] = app_voters.get(poll_id, 0) + 1
    sections = []
    for poll in polls_of(meeting):
        paper = papers.get(poll.pk)
        tally = paper.tally if paper else None
        rows = _vote_count_rows(poll, paper, outcomes)
        if tally:
            ballots = (
                f"Số phiếu phát ra: {tally.issued:02d}; số phiếu thu về: {tally.returned:02d}; "
                f"số phiếu hợp lệ: {tally.valid:02d}; số phiếu không hợp lệ: {tally.invalid:02d}."
            )
        else:
            ballots = "Không có phiếu giấy (không thành viên nào bỏ phiếu giấy hoặc biểu quyết bằng văn bản)."
        sections.append(
            {
                "poll": poll,
                "label": poll.get_award_kind_display(),
                "ballots": ballots,
                "app_voters": app_voters.get(poll.pk, 0),
                "members_total": poll.members_total,
                "rows": rows,
            }
        )
    local = timezone.localtime(meeting.held_at)
    head = next((c for c in committee if c.head), None)
    return {
        "meeting": meeting,
        "header": _header(meeting, "BB-BKP"),
        "doc_type": "BIÊN BẢN KIỂM PHIẾU",
        "doc_title": keep_numbers_with_words(f"Biểu quyết đề nghị khen thưởng {_achievement(meeting)}"),
        "held_time": local.strftime("%H giờ %M"),
        "held_date": local.strftime("%d/%m/%Y"),
        "head": head,
        "members": [c for c in committee if not c.head],
        "committee": committee,
        "sections": sections,
        "recipients": VOTE_COUNT_RECIPIENTS,
        "closed": meeting.is_closed,
    }


def vote_count_pdf(meeting: Meeting) -> bytes:
    """The counting committee's biên bản kiểm phiếu, signed by the head and the members."""
    return render_pdf("council/pdf/vote_count.html", vote_count_context(meeting))


def vote_count_filename(meeting: Meeting) -> str:
    return f"Biên bản kiểm phiếu Hội đồng TĐKT phường - {timezone.localtime(meeting.held_at):%d-%m-%Y}.pdf"


def _achievement(meeting: Meeting) -> str:
    return meeting.campaign.award_achievement or meeting.campaign.title


def minutes_context(meeting: Meeting) -> dict:
    meeting = meeting_detail(meeting.pk)  # the state as stored, whatever the caller holds
    attendances = attendance_rows(meeting)
    quorum = quorum_of(attendances)
    outcomes = meeting_outcome(meeting)
    polls = polls_of(meeting)
    by_function = defaultdict(list)
    for a in attendances:
        by_function[a.member.function].append(a)
    chair = (by_function[CouncilFunction.CHAIR] or [None])[0]
    secretary = (by_function[CouncilFunction.SECRETARY] or [None])[0]
    tables = []
    for kind, label in AwardKind.choices:
        for nominee_kind, nominee_label in NomineeKind.choices:
            rows = [o for o in outcomes if o.award_kind == kind and o.nominee_kind == nominee_kind]
            if rows:
                tables.append(
                    {"label": label, "nominee_label": nominee_label, "rows": rows, "quota": rows[0].quota}
                )
    local = timezone.localtime(meeting.held_at)
    header = _header(meeting, "BB-HĐTĐKT")
    committee = committee_of(meeting)
    return {
        "meeting": meeting,
        "campaign": meeting.campaign,
        "header": header,
        "doc_type": "BIÊN BẢN",
        "doc_title": keep_numbers_with_words(
            f"Họp Hội đồng Thi đua - Khen thưởng phường xét khen thưởng {_achievement(meeting)}"
        ),
        "achievement": _achievement(meeting),
        "held_time": local.strftime("%H giờ %M"),
        "held_date": local.strftime("%d/%m/%Y"),
        "ward": settings.WARD_NAME,
        "chair": chair,
        "secretary": secretary,
        "present": [a for a in attendances if a.status == AttendanceStatus.PRESENT],
        "written": [a for a in attendances if a.status == AttendanceStatus.WRITTEN],
        "absent": [a for a in attendances if a.status == AttendanceStatus.ABSENT],
        "quorum": quorum,
        "votes_needed": votes_needed(quorum.members_total),
        "tables": tables,
        "recusals": [(o, r) for o in outcomes for r in o.recusals],
        "awarded": [o for o in outcomes if o.award_kind == AwardKind.GIAY_KHEN and o.within_quota],
        "proposed": [o for o in outcomes if o.award_kind == AwardKind.BANG_KHEN and o.within_quota],
        "chair_choices": [o for o in outcomes if o.tie_flag and o.chair_choice_note],
        "polls": polls,
        "closed": meeting.is_closed,
        # The biên bản kiểm phiếu is attached to the minutes: they name the committee and cite it.
        "committee": committee,
        "vote_count_attached": meeting.is_closed,
        "vote_count": vote_count_context(meeting) if meeting.is_closed else None,
        "ended_sentence": ended_sentence(meeting),
        "recipients": MINUTES_RECIPIENTS,
    }


def minutes_pdf(meeting: Meeting) -> bytes:
    """The council's minutes: attendees, agenda, the tally per nominee, recusals, the result, and the
    signature places of the chair and the secretary."""
    return render_pdf("council/pdf/minutes.html", minutes_context(meeting))


def minutes_filename(meeting: Meeting) -> str:
    return f"Biên bản họp Hội đồng TĐKT phường - {timezone.localtime(meeting.held_at):%d-%m-%Y}.pdf"
