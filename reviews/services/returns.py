"""Returning the dossier for supplements, with every reason and a due date."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nominations import services as dossier_services
from nominations.models import Dossier
from organisation.text import nfc

from ..enums import ItemStatus
from ..errors import DomainError
from ..models import ReviewReturn
from ..selectors import ReviewPage
from .checklist import save_decisions, save_items
from .common import bump_review, check_dossier_version, lock_review, page_for, require_reviewer


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
    require_reviewer(actor, dossier)
    today = today or timezone.localdate()
    if due_date is None:
        raise DomainError(_("Hãy chọn hạn nộp lại hồ sơ sau khi bổ sung."))
    if due_date <= today:
        raise DomainError(_("Hạn nộp lại hồ sơ phải sau hôm nay."))
    with transaction.atomic():
        review = lock_review(dossier, review_version)
        page = page_for(dossier)
        check_dossier_version(page.dossier, dossier_version)
        save_items(page, review, actor, items or {})
        save_decisions(page, actor, decisions or {})
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
        bump_review(review, actor, supplement_due=due_date)
    return returned
