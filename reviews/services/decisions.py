"""Deciding every nominee, and so the dossier: accepted when one nominee is, else rejected."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from nominations import services as dossier_services
from nominations.models import Dossier

from ..enums import ItemStatus
from ..errors import DomainError
from ..selectors import ReviewPage
from .checklist import save_decisions, save_items
from .common import (
    Decision,
    bump_review,
    check_dossier_version,
    lock_review,
    page_for,
    require_pending,
    require_reviewer,
)


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
    require_reviewer(actor, dossier)
    with transaction.atomic():
        review = lock_review(dossier, review_version)
        page = page_for(dossier)
        check_dossier_version(page.dossier, dossier_version)
        # accept and reject start from the same states; which one is decided below
        require_pending(page.dossier, "accept")
        save_items(page, review, actor, items or {})
        save_decisions(page, actor, decisions)
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
        bump_review(review, actor)
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
