from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingState(models.TextChoices):
    DRAFT = "draft", _("Chuẩn bị")
    OPEN = "open", _("Đang biểu quyết")
    CLOSED = "closed", _("Đã kết thúc biểu quyết")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Có mặt")
    ABSENT = "absent", _("Vắng mặt")
    WRITTEN = "written", _("Vắng mặt, biểu quyết bằng văn bản")


class Choice(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")


class VoteChannel(models.TextChoices):
    APP = "app", _("Tự bỏ phiếu trên hệ thống")
    PAPER = "paper", _("Phiếu giấy tại cuộc họp (Ban kiểm phiếu kiểm)")
    WRITTEN = "written", _("Biểu quyết bằng văn bản (kiểm cùng phiếu giấy)")
    # Before migration 0003 the office typed a paper ballot under the member's name; those ballots are in the
    # anonymous Ballot table and cannot be told apart, so they keep counting as entered ballots.
    ENTERED = "entered", _("Phiếu giấy do Thư ký nhập theo tên (trước khi có Ban kiểm phiếu)")


# Channels the counting committee counts: their ballots are on paper, only the totals reach the database.
PAPER_CHANNELS = frozenset({VoteChannel.PAPER, VoteChannel.WRITTEN})


class Actor(models.TextChoices):
    """Who may take a meeting's action (the permission each stands for: council/services/base.py)."""

    OFFICE = "office", _("Phòng Văn hóa - Xã hội")
    MEMBER = "member", _("Thành viên Hội đồng, tự bỏ phiếu của mình")
    COUNTER = "counter", _("Ban kiểm phiếu, hoặc Phòng Văn hóa - Xã hội nhập thay")
    CHAIR = "chair", _("Chủ tịch Hội đồng, hoặc Phòng Văn hóa - Xã hội")


M = MeetingState

# The one table of allowed moves: action -> (who, {from state: to state}); an action that leaves the state as
# it is maps a state to itself. meeting_open needs quorum, vote_cast and poll_close need an open meeting,
# chair_tie_break a closed one (the chair settles ties at the quota boundary after the tally). A closed
# meeting never opens again. meeting_create makes a draft (office) and is not a move.
MEETING_TRANSITIONS: dict[str, tuple[str, dict[str, str]]] = {
    "attendance_record": (Actor.OFFICE, {M.DRAFT: M.DRAFT, M.OPEN: M.OPEN}),
    "meeting_open": (Actor.OFFICE, {M.DRAFT: M.OPEN}),
    "vote_cast": (Actor.MEMBER, {M.OPEN: M.OPEN}),
    "poll_close": (Actor.OFFICE, {M.OPEN: M.CLOSED}),
    "chair_tie_break": (Actor.CHAIR, {M.CLOSED: M.CLOSED}),
    "committee_set": (Actor.OFFICE, {M.DRAFT: M.DRAFT, M.OPEN: M.OPEN}),
    "paper_voters_record": (Actor.OFFICE, {M.OPEN: M.OPEN}),
    "paper_tally_record": (Actor.COUNTER, {M.OPEN: M.OPEN}),
    "end_time_set": (Actor.OFFICE, {M.CLOSED: M.CLOSED}),
}

ACTION_LABELS = {
    "attendance_record": _("ghi nhận thành phần dự họp"),
    "meeting_open": _("mở biểu quyết"),
    "vote_cast": _("bỏ phiếu"),
    "poll_close": _("kết thúc biểu quyết"),
    "chair_tie_break": _("ghi nhận lựa chọn của Chủ tịch Hội đồng"),
    "committee_set": _("chọn Ban kiểm phiếu"),
    "paper_voters_record": _("ghi nhận thành viên bỏ phiếu giấy"),
    "paper_tally_record": _("nhập kết quả kiểm phiếu giấy"),
    "end_time_set": _("ghi giờ kết thúc cuộc họp"),
}

STATE_BADGES = {M.DRAFT: "secondary", M.OPEN: "primary", M.CLOSED: "success"}

EVENT_LABELS = {
    "meeting_create": _("Lên lịch họp Hội đồng"),
    "attendance_record": _("Ghi nhận thành phần dự họp"),
    "meeting_open": _("Mở biểu quyết"),
    "vote_cast": _("Một thành viên đã bỏ phiếu"),
    "poll_close": _("Kết thúc biểu quyết, kiểm phiếu"),
    "chair_tie_break": _("Chủ tịch Hội đồng chọn khi bằng phiếu"),
    "committee_set": _("Chọn Ban kiểm phiếu"),
    "paper_voters_record": _("Ghi nhận thành viên bỏ phiếu giấy"),
    "paper_tally_record": _("Ban kiểm phiếu nhập kết quả phiếu giấy"),
    "end_time_set": _("Ghi giờ kết thúc cuộc họp"),
}
