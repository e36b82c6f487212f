"""What every dossier write shares: the row lock, who may act (nominations.rules), the version's
compare-and-swap, and the check that the dossier is still editable."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.permissions import require_actor
from organisation.text import nfc

from .. import scopes
from ..enums import EDITABLE_STATES, Actor
from ..errors import NotEditable, StaleDossier
from ..models import Dossier


def lock_dossier(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_for_update().select_related("campaign", "unit").get(pk=dossier.pk)


def require_side(actor, who: str, dossier: Dossier) -> None:
    """The dossier's unit head for the unit's moves, the office for its own (nominations.rules)."""
    if who == Actor.UNIT:
        require_actor(
            actor,
            "nominations.act_for_unit",
            dossier,
            message=_("Chỉ thủ trưởng %(unit)s mới thực hiện được thao tác này.")
            % {"unit": dossier.unit.name},
        )
    else:
        require_actor(
            actor,
            "nominations.review_dossier",
            dossier,
            message=_("Chỉ Phòng Văn hóa - Xã hội mới thực hiện được thao tác này."),
        )


def check_version(locked: Dossier, expected_version: int | None) -> None:
    if expected_version is not None and int(expected_version) != locked.version:
        raise StaleDossier(
            _(
                "Hồ sơ vừa được thay đổi ở nơi khác (có thể do bấm hai lần hoặc mở hai cửa sổ); hiện hồ sơ ở "
                "trạng thái “%(state)s”. Không có thao tác nào được thực hiện thêm: hãy xem lại hồ sơ."
            )
            % {"state": locked.get_state_display()}
        )


def bump(locked: Dossier, *extra_fields: str) -> None:
    """Save the changed fields and the next version, only if nobody wrote in between.

    The row lock already serialises writers on PostgreSQL; the version compare-and-swap also holds
    where select_for_update is a no-op (SQLite), so two clicks can never both win.
    """
    values = {name: getattr(locked, name) for name in extra_fields}
    locked.updated_at = timezone.now()
    done = Dossier.objects.filter(pk=locked.pk, version=locked.version).update(
        version=locked.version + 1, updated_at=locked.updated_at, **values
    )
    if not done:
        current = Dossier.objects.get(pk=locked.pk)
        check_version(current, locked.version)
    locked.version += 1
    scopes.dossier_changed(locked.campaign_id, locked.unit_id)  # queryset.update() sends no post_save


def lock_editable(dossier: Dossier, actor, expected_version: int | None = None) -> Dossier:
    """Lock the dossier for a content change by its unit head; call inside transaction.atomic()."""
    locked = lock_dossier(dossier)
    require_side(actor, Actor.UNIT, locked)
    check_version(locked, expected_version)
    if locked.state not in EDITABLE_STATES:
        raise NotEditable(locked)
    return locked


def clean_text(value) -> str:
    return nfc(value) if isinstance(value, str) else value
