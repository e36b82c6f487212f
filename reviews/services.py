"""Writes of the review. The dossier's state moves only through nominations.services (dossier_return,
dossier_accept, dossier_reject); these services add the checklist, the reasons, the due date, the
per-nominee decisions and the messages, all in the same transaction.

Concurrency: the review page carries two versions, the dossier's (nominations bumps it on every write)
and the review's (bumped here on every review write). A stale one raises StaleDossier / StaleReview and
nothing is written, so a second reviewer never overwrites the first.

Decisions (documented in docs/reviews.md):
- a return needs at least one reason (a checklist item marked "Cần bổ sung" with its comment, or a free
  line) and a due date after today; the unit heads are told every reason and the due date;
- accepting decides every nominee: accepted, or rejected with a reason. The dossier is accepted when at
  least one nominee is accepted, rejected when none is. Nothing marked "Cần bổ sung" may remain on a
  required component or on an accepted nominee: return the dossier, or reject that nominee.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.permissions import require_actor
from nominations import services as dossier_services
from nominations.enums import PENDING_REVIEW_STATES
from nominations.errors import StaleDossier
from nominations.models import Dossier
from notifications.services import notify
from organisation.selectors import unit_heads
from organisation.text import nfc

from .enums import REVIEW_TRANSITIONS, ItemAspect, ItemStatus
from .errors import DomainError, StaleReview
from .models import DossierReview, NomineeDecision, ReviewItem, ReviewReturn
from .selectors import ReviewPage, review_page

Decision = NomineeDecision.Decision


def _require_reviewer(actor, dossier: Dossier | None = None) -> None:
    """The office (reviews.rules); with a dossier, also no conflict of interest: an office member who heads
    the dossier's unit may not review, accept or return it."""
    require_actor(
        actor,
        "reviews.review_dossier",
        dossier,
        message=_("Chỉ Phòng Văn hóa - Xã hội mới thẩm định được hồ sơ."),
    )
    if dossier is not None:
        require_actor(
            actor,
            "reviews.decide_dossier",
            dossier,
            message=_(
                "Anh/chị đồng thời là Thủ trưởng %(unit)s nên không thẩm định, tiếp nhận hay trả lại hồ sơ của "
                "đơn vị này. Hãy để một cán bộ khác của Phòng Văn hóa - Xã hội thẩm định."
            )
            % {"unit": dossier.unit.name},
        )


def _lock_review(dossier: Dossier, expected_version: int | None) -> DossierReview:
    DossierReview.objects.get_or_create(dossier_id=dossier.pk)
    review = DossierReview.objects.select_for_update().get(dossier_id=dossier.pk)
    if expected_version is not None and int(expected_version) != review.version:
        who = review.updated_by.display_name if review.updated_by_id else _("người khác")
        raise StaleReview(
            _(
                "%(who)s vừa lưu kết quả thẩm định hồ sơ này sau khi anh/chị mở trang. Chưa có gì được ghi "
                "thêm: nội dung anh/chị đã nhập vẫn giữ nguyên bên dưới, hãy xem lại rồi thực hiện lại."
            )
            % {"who": who}
        )
    return review


def _bump_review(review: DossierReview, actor, **fields) -> None:
    fields = {"updated_by": actor, "updated_at": timezone.now(), **fields}
    done = DossierReview.objects.filter(pk=review.pk, version=review.version).update(
        version=review.version + 1, **fields
    )
    if not done:  # where select_for_update is a no-op (SQLite), the compare-and-swap still holds
        raise StaleReview(_("Người khác vừa lưu kết quả thẩm định hồ sơ này. Hãy xem lại rồi thực hiện lại."))
    review.version += 1
    for name, value in fields.items():
        setattr(review, name, value)


def _check_dossier_version(dossier: Dossier, expected_version: int | None) -> None:
    """Before anything is written: the dossier must be as the reviewer saw it (nominations checks it
    again under its own lock)."""
    if expected_version is not None and int(expected_version) != dossier.version:
        raise StaleDossier(
            _(
                "Hồ sơ vừa được thay đổi sau khi anh/chị mở trang (hiện ở trạng thái “%(state)s”). Chưa có gì "
                "được ghi thêm: nội dung anh/chị đã nhập vẫn giữ nguyên bên dưới, hãy xem lại."
            )
            % {"state": dossier.get_state_display()}
        )


def _require_pending(dossier: Dossier, action: str) -> None:
    """The dossier is where REVIEW_TRANSITIONS lets the review act (waiting for review)."""
    if dossier.state not in REVIEW_TRANSITIONS[action][1]:
        raise DomainError(
            _("Hồ sơ đang ở trạng thái “%(state)s”: chỉ thẩm định hồ sơ đã nộp hoặc đã nộp lại.")
            % {"state": dossier.get_state_display()}
        )


def _save_items(page: ReviewPage, review: DossierReview, actor, items: dict[str, dict]) -> None:
    """Write the checklist lines that changed. `items`: {row key: {"status": "", "ok" or "fix",
    "comment": str}}; keys that are not rows of this dossier are refused."""
    rows = {r.key: r for r in page.rows}
    unknown = set(items) - set(rows)
    if unknown:
        raise DomainError(_("Mục kiểm tra không thuộc hồ sơ này."))
    for key, value in items.items():
        row = rows[key]
        status = value.get("status") or ItemStatus.PENDING
        if status not in ItemStatus.values:
            raise DomainError(_("Kết quả kiểm tra không hợp lệ."))
        comment = nfc(value.get("comment", ""))
        if row.item is None:
            if not status and not comment:
                continue
            row.item = ReviewItem.objects.create(
                review=review,
                aspect=row.aspect,
                requirement=row.requirement,
                nominee=row.nominee,
                status=status,
                comment=comment,
                updated_by=actor,
            )
        elif (row.item.status, row.item.comment) != (status, comment):
            row.item.status, row.item.comment, row.item.updated_by = status, comment, actor
            row.item.save(update_fields=["status", "comment", "updated_by", "updated_at"])


def _save_decisions(page: ReviewPage, actor, decisions: dict[int, dict]) -> None:
    blocks = {b.nominee.pk: b for b in page.nominee_blocks}
    if set(decisions) - set(blocks):
        raise DomainError(_("Quyết định ghi cho người không có trong hồ sơ."))
    now = timezone.now()
    for nominee_id, value in decisions.items():
        decision = value.get("decision") or Decision.ACCEPTED
        if decision not in Decision.values:
            raise DomainError(_("Quyết định không hợp lệ."))
        reason = nfc(value.get("reason", ""))
        block = blocks[nominee_id]
        current = block.decision
        if current is not None and (current.decision, current.reason) == (decision, reason):
            continue
        if decision == Decision.REJECTED and not reason:
            continue  # kept unsaved until it has its reason; review_decide refuses it
        block.decision, _created = NomineeDecision.objects.update_or_create(
            nominee_id=nominee_id,
            defaults={
                "dossier": page.dossier,
                "decision": decision,
                "reason": reason,
                "decided_by": actor,
                "decided_at": now,
            },
        )


def _page_for(dossier: Dossier) -> ReviewPage:
    return review_page(
        Dossier.objects.select_related("campaign", "unit").get(pk=dossier.pk), with_history=False
    )


def review_save(
    *,
    dossier: Dossier,
    actor,
    items: dict[str, dict],
    decisions: dict[int, dict] | None = None,
    review_version: int | None = None,
) -> DossierReview:
    """Save the checklist (and the draft decisions on nominees) without moving the dossier.

    Refused when the dossier is not waiting for review or when another reviewer saved in between.
    Side effects: review version bumped; audit row.
    """
    _require_reviewer(actor, dossier)
    with transaction.atomic():
        review = _lock_review(dossier, review_version)
        page = _page_for(dossier)
        _require_pending(page.dossier, "save")
        _save_items(page, review, actor, items)
        _save_decisions(page, actor, decisions or {})
        _bump_review(review, actor)
        audit_record(actor=actor, action="review_save", target=page.dossier)
    return review


def _heads_of(dossier: Dossier) -> list:
    return unit_heads([dossier.unit])[dossier.unit_id]


def return_reasons(page: ReviewPage, free_lines: list[str]) -> list[dict]:
    """What the unit must fix: every checklist line marked "Cần bổ sung" (its comment says what), then
    the reviewer's own lines."""
    reasons = []
    for row in page.rows:
        if row.item is not None and row.item.status == ItemStatus.FIX:
            if not row.item.comment:
                raise DomainError(
                    _("Hãy ghi rõ đơn vị cần bổ sung gì đối với mục “%(item)s”.") % {"item": row.label}
                )
            reasons.append({"item": row.label, "text": row.item.comment})
    reasons += [{"item": "", "text": line} for line in (nfc(x) for x in free_lines) if line]
    return reasons


def compose_return_note(reasons: list[dict], due_date: date) -> str:
    lines = [_("Đề nghị đơn vị bổ sung, hoàn thiện các nội dung sau:")]
    for i, reason in enumerate(reasons, 1):
        text = f"{reason['item']}: {reason['text']}" if reason.get("item") else reason["text"]
        lines.append(f"{i}. {text}")
    lines.append(_("Hạn nộp lại hồ sơ: %(date)s.") % {"date": due_date.strftime("%d/%m/%Y")})
    return "\n".join(lines)


def review_return(
    *,
    dossier: Dossier,
    actor,
    items: dict[str, dict] | None = None,
    reasons: list[str] | None = None,
    due_date: date | None,
    decisions: dict[int, dict] | None = None,
    dossier_version: int | None = None,
    review_version: int | None = None,
    today: date | None = None,
) -> ReviewReturn:
    """Return the dossier for supplements, with the reasons and a new due date.

    Refused without any reason, without a due date after today, on a stale page, or when the state does
    not allow it. Side effects: checklist saved; dossier returned (nominations.dossier_return: audit row,
    the reasons as the office's note the unit sees on its dossier page); ReviewReturn row; the review's
    supplement due date (reminders: provider "returned_dossier"). The unit heads are told in the app and
    by e-mail by dossier_return itself, whose note (compose_return_note) lists every reason, the item it
    is about, and the due date.
    """
    _require_reviewer(actor, dossier)
    today = today or timezone.localdate()
    if due_date is None:
        raise DomainError(_("Hãy chọn hạn nộp lại hồ sơ sau khi bổ sung."))
    if due_date <= today:
        raise DomainError(_("Hạn nộp lại hồ sơ phải sau hôm nay."))
    with transaction.atomic():
        review = _lock_review(dossier, review_version)
        page = _page_for(dossier)
        _check_dossier_version(page.dossier, dossier_version)
        _save_items(page, review, actor, items or {})
        _save_decisions(page, actor, decisions or {})
        found = return_reasons(page, reasons or [])
        if not found:
            raise DomainError(
                _(
                    "Hãy ghi ít nhất một nội dung đơn vị cần bổ sung: đánh dấu “Cần bổ sung” kèm nhận xét ở "
                    "mục kiểm tra, hoặc ghi vào ô nội dung cần bổ sung."
                )
            )
        note = compose_return_note(found, due_date)
        locked = dossier_services.dossier_return(
            dossier=page.dossier, actor=actor, note=note, expected_version=dossier_version
        )
        returned = ReviewReturn.objects.create(
            dossier=locked,
            submission=locked.submission_count,
            reasons=found,
            due_date=due_date,
            created_by=actor,
        )
        _bump_review(review, actor, supplement_due=due_date)
    return returned


def review_decide(
    *,
    dossier: Dossier,
    actor,
    decisions: dict[int, dict],
    items: dict[str, dict] | None = None,
    dossier_version: int | None = None,
    review_version: int | None = None,
) -> Dossier:
    """Decide every nominee (accepted, or rejected with a reason) and so the dossier: accepted when at
    least one nominee is accepted, rejected when none is.

    Refused on a stale page, when a nominee has no decision or a rejection no reason, and while something
    marked "Cần bổ sung" remains on a required component or on an accepted nominee.
    Side effects: checklist and NomineeDecision rows saved; dossier accepted or rejected
    (nominations.dossier_accept / dossier_reject: audit row, and the unit heads told in the app and by
    e-mail with the note, which lists who was accepted and who was not, and why).
    """
    _require_reviewer(actor, dossier)
    with transaction.atomic():
        review = _lock_review(dossier, review_version)
        page = _page_for(dossier)
        _check_dossier_version(page.dossier, dossier_version)
        # accept and reject start from the same states; which one is decided below
        _require_pending(page.dossier, "accept")
        _save_items(page, review, actor, items or {})
        _save_decisions(page, actor, decisions)
        accepted, rejected = _decided_blocks(page, decisions)
        _refuse_open_fixes(page, accepted)
        summary = _decision_summary(accepted, rejected)
        if accepted:
            locked = dossier_services.dossier_accept(
                dossier=page.dossier, actor=actor, note=summary, expected_version=dossier_version
            )
        else:
            locked = dossier_services.dossier_reject(
                dossier=page.dossier, actor=actor, note=summary, expected_version=dossier_version
            )
        _bump_review(review, actor)
    return locked


def _decided_blocks(page: ReviewPage, decisions: dict[int, dict]) -> tuple[list, list]:
    """Every nominee decided as the reviewer chose (a rejection with its reason): (accepted, rejected)."""
    if not page.nominee_blocks:
        raise DomainError(_("Hồ sơ không có tập thể, cá nhân nào để tiếp nhận."))
    accepted, rejected = [], []
    for block in page.nominee_blocks:
        name = block.nominee.formal_name
        wanted = (decisions.get(block.nominee.pk) or {}).get("decision")
        if block.decision is None or (wanted and block.decision.decision != wanted):
            if wanted == Decision.REJECTED:
                raise DomainError(_("Hãy ghi lý do không tiếp nhận %(name)s.") % {"name": name})
            raise DomainError(_("Hãy chọn tiếp nhận hay không tiếp nhận %(name)s.") % {"name": name})
        (accepted if block.decision.decision == Decision.ACCEPTED else rejected).append(block)
    return accepted, rejected


def _refuse_open_fixes(page: ReviewPage, accepted: list) -> None:
    """Nothing marked "Cần bổ sung" may remain on a required component or on an accepted nominee."""
    for row in page.requirement_rows:
        if row.status == ItemStatus.FIX and row.requirement.required:
            raise DomainError(
                _(
                    "Thành phần “%(item)s” đang được đánh dấu cần bổ sung: hãy yêu cầu đơn vị bổ sung, "
                    "hoặc đánh dấu là đạt."
                )
                % {"item": row.label}
            )
    for block in accepted:
        for row in block.rows:
            if row.status == ItemStatus.FIX:
                raise DomainError(
                    _(
                        "Mục “%(item)s” đang được đánh dấu cần bổ sung: hãy yêu cầu đơn vị bổ sung, không "
                        "tiếp nhận người này, hoặc đánh dấu là đạt."
                    )
                    % {"item": row.label}
                )


def _decision_summary(accepted, rejected) -> str:
    lines = []
    if accepted:
        lines.append(_("Tập thể, cá nhân được tiếp nhận, trình Hội đồng Thi đua - Khen thưởng phường xét:"))
        lines += [f"- {b.nominee.formal_name}" for b in accepted]
    if rejected:
        lines.append(_("Không tiếp nhận:"))
        lines += [f"- {b.nominee.formal_name}: {b.decision.reason}" for b in rejected]
    return "\n".join(lines)


def review_mark_received(*, dossiers, actor) -> int:
    """The office acknowledges that dossiers waiting for review arrived (a bulk action of the inbox).

    Only dossiers waiting for review and not yet marked count; marking twice changes nothing. Returns how
    many were marked. Side effects: audit row per dossier; the unit heads told the review's last day.
    """
    from .deadlines import review_due

    _require_reviewer(actor)
    marked = 0
    with transaction.atomic():
        for dossier in dossiers:
            if dossier.state not in PENDING_REVIEW_STATES:
                continue
            DossierReview.objects.get_or_create(dossier_id=dossier.pk)
            now = timezone.now()
            changed = DossierReview.objects.filter(
                dossier_id=dossier.pk, received_submission__lt=dossier.submission_count
            ).update(received_at=now, received_by=actor, received_submission=dossier.submission_count)
            if not changed:
                continue
            marked += 1
            audit_record(actor=actor, action="review_receive", target=dossier)
            due = review_due(dossier)
            notify(
                recipients=_heads_of(dossier),
                subject=_("Phòng Văn hóa - Xã hội đã nhận hồ sơ của %(unit)s") % {"unit": dossier.unit.name},
                template="reviews/emails/received",
                context={"dossier": dossier, "campaign": dossier.campaign, "due": due},
                link=reverse("nominations:detail", args=[dossier.pk]),
                dedupe_key=f"reviews:received:{dossier.pk}:{dossier.submission_count}",
            )
    return marked


__all__ = ["ItemAspect", "review_decide", "review_mark_received", "review_return", "review_save"]
