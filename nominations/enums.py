from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Yêu cầu bổ sung")
    RESUBMITTED = "resubmitted", _("Đã nộp lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    REJECTED = "rejected", _("Không tiếp nhận")
    WITHDRAWN = "withdrawn", _("Đã rút")


class Actor(models.TextChoices):
    """Who may take an action: the head of the dossier's unit, or the office (Phòng VH-XH)."""

    UNIT = "unit", _("Thủ trưởng đơn vị")
    OFFICE = "office", _("Phòng Văn hóa - Xã hội")


S = DossierState

# The only allowed moves: action -> (who, {from state: to state}).
# A withdrawn dossier can be reopened by its unit (back to draft); accepted and rejected are final for the
# unit (the office's review decides). The submission deadline is checked by dossier_submit, not here.
DOSSIER_TRANSITIONS: dict[str, tuple[str, dict[str, str]]] = {
    "submit": (Actor.UNIT, {S.DRAFT: S.SUBMITTED, S.RETURNED: S.RESUBMITTED}),
    "withdraw": (
        Actor.UNIT,
        {S.DRAFT: S.WITHDRAWN, S.SUBMITTED: S.WITHDRAWN, S.RETURNED: S.WITHDRAWN, S.RESUBMITTED: S.WITHDRAWN},
    ),
    "reopen": (Actor.UNIT, {S.WITHDRAWN: S.DRAFT}),
    "return": (Actor.OFFICE, {S.SUBMITTED: S.RETURNED, S.RESUBMITTED: S.RETURNED}),
    "accept": (Actor.OFFICE, {S.SUBMITTED: S.ACCEPTED, S.RESUBMITTED: S.ACCEPTED}),
    "reject": (Actor.OFFICE, {S.SUBMITTED: S.REJECTED, S.RESUBMITTED: S.REJECTED}),
}

# The unit's moves, made on the dossier page. The office's (return, accept, reject) are made only through its
# review (reviews.services), never on the dossier page.
UNIT_ACTIONS = frozenset(action for action, (who, _moves) in DOSSIER_TRANSITIONS.items() if who == Actor.UNIT)

ACTION_LABELS = {
    "submit": _("Nộp hồ sơ"),
    "withdraw": _("Rút hồ sơ"),
    "reopen": _("Mở lại hồ sơ để soạn tiếp"),
    "return": _("Yêu cầu bổ sung"),
    "accept": _("Tiếp nhận hồ sơ"),
    "reject": _("Không tiếp nhận"),
}

# The unit edits its dossier only while it is a draft or after it was returned for supplements.
EDITABLE_STATES = frozenset({S.DRAFT, S.RETURNED})
# Waiting for the office's review.
PENDING_REVIEW_STATES = frozenset({S.SUBMITTED, S.RESUBMITTED})
# Actions whose audit note is required.
NOTE_REQUIRED_ACTIONS = frozenset({"return", "reject"})

STATE_BADGES = {
    S.DRAFT: "secondary",
    S.SUBMITTED: "primary",
    S.RETURNED: "warning",
    S.RESUBMITTED: "primary",
    S.ACCEPTED: "success",
    S.REJECTED: "danger",
    S.WITHDRAWN: "dark",
}


def allowed_from(action: str) -> set[str]:
    return set(DOSSIER_TRANSITIONS[action][1])


# Audit actions on the dossier and what the history shows for them.
EVENT_LABELS = {
    "dossier_create": _("Lập hồ sơ"),
    "dossier_submit": _("Nộp hồ sơ"),
    "dossier_discard": _("Hủy hồ sơ"),
    "dossier_withdraw": _("Rút hồ sơ"),
    "dossier_reopen": _("Mở lại hồ sơ"),
    "dossier_return": _("Yêu cầu bổ sung"),
    "dossier_accept": _("Tiếp nhận hồ sơ"),
    "dossier_reject": _("Không tiếp nhận hồ sơ"),
    "nominee_add": _("Thêm người/tập thể được đề nghị"),
    "nominee_update": _("Sửa thông tin đề nghị"),
    "nominee_remove": _("Bỏ người/tập thể được đề nghị"),
    "report_save": _("Lưu báo cáo thành tích"),
    "report_confirm": _("Thủ trưởng xác nhận báo cáo thành tích"),
    "minutes_save": _("Lưu biên bản họp"),
    "letter_save": _("Ghi số, ngày tờ trình"),
    "attachment_add": _("Tải lên tài liệu"),
    "attachment_remove": _("Xóa tài liệu"),
    "extension_grant": _("Gia hạn nộp hồ sơ"),
    # written by the reviews app
    "review_save": _("Phòng VH-XH lưu kết quả kiểm tra hồ sơ"),
    "review_receive": _("Phòng VH-XH xác nhận đã nhận hồ sơ"),
}


def event_label(action: str, from_state: str = ""):
    """What the dossier's history shows for one audit row: a submission after a return is a resubmission."""
    if action == "dossier_submit" and from_state == S.RETURNED:
        return _("Nộp lại hồ sơ")
    return EVENT_LABELS.get(action, action)
