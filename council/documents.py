"""The minutes of the ward council's meeting (biên bản họp Hội đồng TĐKT phường) as a PDF, in the
official format (NĐ 30/2020/NĐ-CP). User text reaches the template as plain strings, escaped there."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.utils import timezone

from anhai_thidua.core.pdf import DocumentHeader, keep_numbers_with_words, render_pdf
from campaigns.enums import AwardKind, NomineeKind
from nominations.documents import date_line
from organisation.enums import CouncilFunction

from .enums import AttendanceStatus
from .models import Meeting
from .selectors import attendance_rows, meeting_detail, meeting_outcome, polls_of, quorum_of
from .tally import votes_needed


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
    number = meeting.number
    if number.isdigit() and len(number) == 1:
        number = f"0{number}"
    header = DocumentHeader(
        issuer="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        issuer_parent=f"ỦY BAN NHÂN DÂN PHƯỜNG {settings.WARD_NAME}".upper(),
        reference=f"{number or chr(0xA0) * 6}/BB-HĐTĐKT",
        date_line=date_line(meeting.campaign.place, local.date()),
    )
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
    }


def minutes_pdf(meeting: Meeting) -> bytes:
    """The council's minutes: attendees, agenda, the tally per nominee, recusals, the result, and the
    signature places of the chair and the secretary."""
    return render_pdf("council/pdf/minutes.html", minutes_context(meeting))


def minutes_filename(meeting: Meeting) -> str:
    return f"Biên bản họp Hội đồng TĐKT phường - {timezone.localtime(meeting.held_at):%d-%m-%Y}.pdf"
