"""Opening a dossier and moving it through DOSSIER_TRANSITIONS (nominations.enums): the unit submits,
withdraws, reopens or discards it; the office returns, accepts or rejects it, only through its review
(reviews.services)."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.permissions import require_actor
from anhai_thidua.core.uploads import delete_stored_file
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from organisation.models import Unit
from organisation.text import nfc

from ..enums import ACTION_LABELS, DOSSIER_TRANSITIONS, NOTE_REQUIRED_ACTIONS, Actor, DossierState
from ..errors import DomainError, IllegalTransition, IncompleteDossier
from ..models import Attachment, Dossier
from ..selectors import dossier_detail, dossier_missing, submission_blockers
from .common import bump, check_version, lock_dossier, require_side


def dossier_create(*, campaign: Campaign, unit: Unit, actor) -> Dossier:
    """Open the unit's dossier for a launched campaign; returns the existing one if it is already open
    (a double click opens one dossier). Side effects: audit row."""
    if unit.parent_id is not None:
        raise DomainError(_("Hồ sơ được lập cho đơn vị thuộc phường, không lập riêng cho tổ, bộ phận."))
    require_actor(
        actor,
        "nominations.create_dossier",
        unit,
        message=_("Chỉ thủ trưởng %(unit)s mới lập được hồ sơ của đơn vị.") % {"unit": unit.name},
    )
    if campaign.status != CampaignStatus.LAUNCHED:
        raise DomainError(_("Phong trào chưa phát động hoặc đã kết thúc: không lập được hồ sơ."))
    existing = Dossier.objects.filter(campaign=campaign, unit=unit).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            dossier = Dossier.objects.create(campaign=campaign, unit=unit, created_by=actor)
            audit_record(actor=actor, action="dossier_create", target=dossier, to_state=dossier.state)
    except IntegrityError:
        return Dossier.objects.get(campaign=campaign, unit=unit)
    return dossier


def _transition(
    *,
    dossier: Dossier,
    action: str,
    actor,
    note: str = "",
    expected_version: int | None = None,
    today: date | None = None,
) -> Dossier:
    who, moves = DOSSIER_TRANSITIONS[action]
    note = nfc(note)
    if action in NOTE_REQUIRED_ACTIONS and not note:
        raise DomainError(_("Hãy ghi rõ lý do."))
    with transaction.atomic():
        locked = lock_dossier(dossier)
        require_side(actor, who, locked)
        check_version(locked, expected_version)
        _refuse_illegal_move(locked, action, moves)
        from_state, to_state = locked.state, moves[locked.state]
        fields = ["state", *_stamp(locked, action, who, note, today)]
        locked.state = to_state
        bump(locked, *fields)
        audit_record(
            actor=actor,
            action=f"dossier_{action}",
            target=locked,
            from_state=from_state,
            to_state=to_state,
            note=note,
        )
        _notify(locked, action, note)
    return locked


def _refuse_illegal_move(locked: Dossier, action: str, moves: dict[str, str]) -> None:
    if action == "withdraw" and locked.state == DossierState.DRAFT and not locked.submission_count:
        raise IllegalTransition(
            _("Hồ sơ chưa nộp lần nào nên không cần rút: dùng “Hủy hồ sơ” để bỏ bản đang soạn.")
        )
    if locked.state not in moves:
        raise IllegalTransition(
            _("Không thể “%(action)s” khi hồ sơ đang ở trạng thái “%(state)s”.")
            % {"action": str(ACTION_LABELS[action]).lower(), "state": locked.get_state_display()}
        )


def _stamp(locked: Dossier, action: str, who: str, note: str, today: date | None) -> list[str]:
    """Set what the move records besides the state (a submission is refused while the dossier is
    incomplete); returns the fields it set."""
    fields = []
    now = timezone.now()
    if action == "submit":
        detail = dossier_detail(locked, with_history=False)
        problems = submission_blockers(detail, today=today) + dossier_missing(detail)
        if problems:
            raise IncompleteDossier(problems)
        locked.submitted_at = now
        locked.submission_count += 1
        fields += ["submitted_at", "submission_count"]
    if who == Actor.OFFICE:
        locked.last_note = note
        fields.append("last_note")
    if action in {"accept", "reject"}:
        locked.decided_at = now
        fields.append("decided_at")
    return fields


_UNIT_SUBJECTS = {
    "return": _lazy("Hồ sơ đề nghị khen thưởng cần bổ sung: %(unit)s"),
    "accept": _lazy("Hồ sơ đề nghị khen thưởng đã được tiếp nhận: %(unit)s"),
    "reject": _lazy("Hồ sơ đề nghị khen thưởng không được tiếp nhận: %(unit)s"),
}


def _notify(locked: Dossier, action: str, note: str) -> None:
    """Notices through notifications.notify(), inside this transaction (so in its outbox, sent once after
    commit): the office hears that a dossier arrived (in-app and by e-mail, with the nominees; the
    receiving unit's mailbox too), once per submission; the unit's heads hear of the office's decision,
    with the reasons."""
    from django.urls import reverse

    from notifications.services import notify
    from organisation.selectors import office_users, unit_heads

    link = reverse("nominations:detail", args=[locked.pk])
    key = f"dossier:{locked.pk}:{action}:{locked.version}"
    if action == "submit":
        from ..emails import TEMPLATE, receiving_mailbox, submitted_context, submitted_subject

        notify(
            recipients=office_users(),
            subject=submitted_subject(locked),
            template=TEMPLATE,
            context=submitted_context(locked),
            # The office acts on the review page (reviews app, above this one: by URL name only).
            link=reverse("reviews:review", args=[locked.pk]),
            # One per submission: a resubmission has a new version, hence a new mail.
            dedupe_key=key,
            addresses=receiving_mailbox(locked),
        )
    elif action in _UNIT_SUBJECTS:
        subject = str(_UNIT_SUBJECTS[action]) % {"unit": locked.unit.name}
        message = subject + (f"\n\n{_('Ý kiến của Phòng Văn hóa - Xã hội')}: {note}" if note else "")
        notify(
            recipients=unit_heads([locked.unit_id])[locked.unit_id],
            subject=subject,
            link=link,
            dedupe_key=key,
            context={"message": message},
        )


def dossier_submit(
    *, dossier: Dossier, actor, expected_version: int | None = None, today: date | None = None
) -> Dossier:
    """Draft → submitted, or returned → resubmitted, by the unit head.

    Refused (IncompleteDossier, listing every missing piece) unless the campaign is launched, the deadline
    (or the unit's extension) has not passed, and the dossier is complete. A stale `expected_version`
    (double click, second tab) is refused, so two clicks make one submission.
    Side effects: audit row; the office's notice and e-mail (notifications' outbox, sent after commit).
    """
    return _transition(
        dossier=dossier, action="submit", actor=actor, expected_version=expected_version, today=today
    )


def dossier_withdraw(
    *, dossier: Dossier, actor, note: str = "", expected_version: int | None = None
) -> Dossier:
    """The unit withdraws its dossier before acceptance. Side effects: audit row."""
    return _transition(
        dossier=dossier, action="withdraw", actor=actor, note=note, expected_version=expected_version
    )


def dossier_discard(*, dossier: Dossier, actor, expected_version: int | None = None) -> None:
    """The unit head throws away a draft that was never submitted (Hủy hồ sơ): the dossier, its nominees,
    reports, minutes and files go; the unit may open a new one. A dossier submitted once is withdrawn
    instead (Rút hồ sơ), so the office keeps its record.

    Side effects: audit row (kept, naming the unit and campaign); the stored files are deleted after commit.
    """
    with transaction.atomic():
        locked = lock_dossier(dossier)
        require_side(actor, Actor.UNIT, locked)
        check_version(locked, expected_version)
        if locked.state != DossierState.DRAFT or locked.submission_count:
            raise IllegalTransition(
                _("Chỉ hủy được hồ sơ đang soạn và chưa nộp lần nào; hồ sơ đã nộp thì dùng “Rút hồ sơ”.")
            )
        paths = list(Attachment.objects.filter(dossier=locked).values_list("file_path", flat=True))
        audit_record(
            actor=actor,
            action="dossier_discard",
            target=locked,
            from_state=locked.state,
            note=f"{locked.unit.name} — {locked.campaign.title}",
        )
        locked.delete()
        if paths:
            transaction.on_commit(lambda: [delete_stored_file(p) for p in paths])


def dossier_reopen(*, dossier: Dossier, actor, expected_version: int | None = None) -> Dossier:
    """Withdrawn → draft, so the unit can work on it again. Side effects: audit row."""
    return _transition(dossier=dossier, action="reopen", actor=actor, expected_version=expected_version)


def dossier_return(*, dossier: Dossier, actor, note: str, expected_version: int | None = None) -> Dossier:
    """The office returns a submitted dossier for supplements, with the reasons. Side effects: audit row."""
    return _transition(
        dossier=dossier, action="return", actor=actor, note=note, expected_version=expected_version
    )


def dossier_accept(
    *, dossier: Dossier, actor, note: str = "", expected_version: int | None = None
) -> Dossier:
    """The office accepts a submitted dossier. Side effects: audit row."""
    return _transition(
        dossier=dossier, action="accept", actor=actor, note=note, expected_version=expected_version
    )


def dossier_reject(*, dossier: Dossier, actor, note: str, expected_version: int | None = None) -> Dossier:
    """The office refuses a submitted dossier, with the reason. Side effects: audit row."""
    return _transition(
        dossier=dossier, action="reject", actor=actor, note=note, expected_version=expected_version
    )
