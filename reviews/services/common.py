"""What every review write shares: who may review (reviews.rules), the review row's lock and version, the
dossier's version as the reviewer saw it, and the page the checks read."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.permissions import require_actor
from nominations.errors import StaleDossier
from nominations.models import Dossier

from .. import scopes
from ..enums import REVIEW_TRANSITIONS
from ..errors import DomainError, StaleReview
from ..models import DossierReview, NomineeDecision
from ..selectors import ReviewPage, review_page

Decision = NomineeDecision.Decision


def require_reviewer(actor, dossier: Dossier | None = None) -> None:
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


def lock_review(dossier: Dossier, expected_version: int | None) -> DossierReview:
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


def bump_review(review: DossierReview, actor, **fields) -> None:
    fields = {"updated_by": actor, "updated_at": timezone.now(), **fields}
    done = DossierReview.objects.filter(pk=review.pk, version=review.version).update(
        version=review.version + 1, **fields
    )
    if not done:  # where select_for_update is a no-op (SQLite), the compare-and-swap still holds
        raise StaleReview(_("Người khác vừa lưu kết quả thẩm định hồ sơ này. Hãy xem lại rồi thực hiện lại."))
    review.version += 1
    scopes.reviews_changed()  # queryset.update() sends no post_save
    for name, value in fields.items():
        setattr(review, name, value)


def check_dossier_version(dossier: Dossier, expected_version: int | None) -> None:
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


def require_pending(dossier: Dossier, action: str) -> None:
    """The dossier is where REVIEW_TRANSITIONS lets the review act (waiting for review)."""
    if dossier.state not in REVIEW_TRANSITIONS[action][1]:
        raise DomainError(
            _("Hồ sơ đang ở trạng thái “%(state)s”: chỉ thẩm định hồ sơ đã nộp hoặc đã nộp lại.")
            % {"state": dossier.get_state_display()}
        )


def page_for(dossier: Dossier) -> ReviewPage:
    return review_page(
        Dossier.objects.select_related("campaign", "unit").get(pk=dossier.pk), with_history=False
    )
