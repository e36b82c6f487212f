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
    PAPER = "paper", _("Phiếu giấy tại cuộc họp, Thư ký nhập")
    WRITTEN = "written", _("Biểu quyết bằng văn bản, Thư ký nhập")


M = MeetingState

# The one table of allowed moves: action -> (meeting states it may run in, meeting state after).
# meeting_open needs quorum, vote_cast and poll_close need an open meeting, chair_tie_break a closed one
# (the chair settles ties at the quota boundary after the tally). A closed meeting never opens again.
MEETING_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "attendance_record": (frozenset({M.DRAFT, M.OPEN}), ""),  # "" = the state does not change
    "meeting_open": (frozenset({M.DRAFT}), M.OPEN),
    "vote_cast": (frozenset({M.OPEN}), ""),
    "poll_close": (frozenset({M.OPEN}), M.CLOSED),
    "chair_tie_break": (frozenset({M.CLOSED}), ""),
}

ACTION_LABELS = {
    "attendance_record": _("ghi nhận thành phần dự họp"),
    "meeting_open": _("mở biểu quyết"),
    "vote_cast": _("bỏ phiếu"),
    "poll_close": _("kết thúc biểu quyết"),
    "chair_tie_break": _("ghi nhận lựa chọn của Chủ tịch Hội đồng"),
}

STATE_BADGES = {M.DRAFT: "secondary", M.OPEN: "primary", M.CLOSED: "success"}

EVENT_LABELS = {
    "meeting_create": _("Lên lịch họp Hội đồng"),
    "attendance_record": _("Ghi nhận thành phần dự họp"),
    "meeting_open": _("Mở biểu quyết"),
    "vote_cast": _("Một thành viên đã bỏ phiếu"),
    "poll_close": _("Kết thúc biểu quyết, kiểm phiếu"),
    "chair_tie_break": _("Chủ tịch Hội đồng chọn khi bằng phiếu"),
}
