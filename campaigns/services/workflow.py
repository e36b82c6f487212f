"""The campaign's workflow: launch, close, reopen (CAMPAIGN_TRANSITIONS in campaigns/enums.py)."""

from django.db import transaction
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError, IllegalTransition

from ..enums import CAMPAIGN_TRANSITIONS
from ..models import Campaign, Quota
from ..plan_content import registered_plan_contents


def _transition(*, campaign: Campaign, action: str, actor, note: str = "") -> Campaign:
    _who, moves = CAMPAIGN_TRANSITIONS[action]
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status not in moves:
            raise IllegalTransition(
                _("Không thể thực hiện thao tác này khi phong trào đang ở trạng thái “%(state)s”.")
                % {"state": locked.get_status_display()}
            )
        from_state = locked.status
        to_state = moves[from_state]
        locked.status = to_state
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action=f"campaign_{action}",
            target=locked,
            from_state=from_state,
            to_state=to_state,
            note=note,
        )
    return locked


def campaign_launch(*, campaign: Campaign, actor) -> Campaign:
    """Draft → launched. Refuses a plan without its registered content (criteria) or without a quota.

    Side effects: audit row.
    """
    for content in registered_plan_contents():
        if error := content.launch_error(campaign):
            raise DomainError(error)
    if not Quota.objects.filter(award_form__campaign=campaign).exists():
        raise DomainError(_("Kế hoạch chưa có số lượng khen thưởng: hãy nhập số lượng trước khi phát động."))
    return _transition(campaign=campaign, action="launch", actor=actor)


def campaign_close(*, campaign: Campaign, actor) -> Campaign:
    """Launched → closed. Side effects: audit row."""
    return _transition(campaign=campaign, action="close", actor=actor)


def campaign_reopen(*, campaign: Campaign, actor, note: str) -> Campaign:
    """Closed → launched, with a reason. Side effects: audit row."""
    if not note.strip():
        raise DomainError(_("Hãy ghi lý do mở lại phong trào."))
    return _transition(campaign=campaign, action="reopen", actor=actor, note=note)
