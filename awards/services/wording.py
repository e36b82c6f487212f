"""The texts a draft starts from: the decision's default wording, an award's names, and the office head
who signs the tờ trình."""

from __future__ import annotations

from datetime import date

from django.conf import settings

from campaigns.enums import NomineeKind
from campaigns.models import Campaign
from organisation.enums import Role
from organisation.text import nfc

from ..documents import lower_first
from ..models import Submission
from ..selectors import meeting_day


def _day(day: date | None) -> str:
    return f" ngày {day.strftime('%d/%m/%Y')}" if day else ""


def default_wording(
    campaign: Campaign, *, meeting_id: int | None = None, submission: Submission | None = None
) -> dict[str, str]:
    """The draft's texts, from the plan, the settings and the council's result; the office edits them."""
    ward = settings.WARD_NAME
    achievement = f"Đã có thành tích xuất sắc trong {campaign.award_achievement or campaign.title}".strip()
    legal = [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        f"Căn cứ {settings.LEGAL_LAW};",
        f"Căn cứ {settings.LEGAL_DECREE};",
        f"Căn cứ {campaign.citation} về {lower_first(campaign.title)};",
        f"Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng phường {ward}{_day(meeting_day(meeting_id))};",
        f"Theo đề nghị của Trưởng phòng Văn hóa - Xã hội tại Tờ trình số {submission.reference}"
        f"{_day(submission.submission_date)}."
        if submission
        else "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.",
    ]
    return {
        "title": f"Về việc tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc trong "
        f"{campaign.award_achievement or campaign.title}",
        "legal_bases": "\n".join(legal),
        "achievement": achievement,
        "article1_intro": f"Tặng Giấy khen của Chủ tịch Ủy ban nhân dân phường {ward} cho các tập thể, cá nhân "
        f"sau đây vì đã có thành tích xuất sắc trong {campaign.award_achievement or campaign.title}:",
        "article2_text": "Tiền thưởng kèm theo Giấy khen trích từ quỹ thi đua, khen thưởng của phường.",
        "article3_text": "Chánh Văn phòng HĐND và UBND phường, Trưởng phòng Văn hóa - Xã hội, Trưởng phòng "
        "Kinh tế, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 "
        "chịu trách nhiệm thi hành Quyết định này. Quyết định có hiệu lực kể từ ngày ký.",
        "recipients": "\n".join(
            ["Như Điều 3;", "Thường trực Đảng ủy phường;", "Chủ tịch, các PCT UBND phường;", "Lưu: VT, VHXH."]
        ),
    }


def award_fields(nominee) -> dict:
    if nominee.kind == NomineeKind.INDIVIDUAL:
        official = nominee.official
        return {
            "kind": NomineeKind.INDIVIDUAL,
            "name": nfc(official.full_name),
            "honorific": official.honorific,
            "position": nfc(official.position),
            "unit_name": nfc(official.unit.name if official.unit_id else nominee.dossier.unit.name),
            "unit": official.unit if official.unit_id else nominee.dossier.unit,
        }
    return {
        "kind": NomineeKind.COLLECTIVE,
        "name": nfc(nominee.unit.name),
        "unit_name": nfc(nominee.unit.name),
        "unit": nominee.unit,
    }


def office_head_name(actor) -> str:
    """The head of the actor's office (Trưởng phòng), who signs the tờ trình: the unit head of the actor's
    unit, else the official of that unit whose position starts with "Trưởng phòng"."""
    from organisation.models import Official, RoleAssignment

    official = getattr(actor, "official", None)
    if official is None or not official.unit_id:
        return ""
    head = (
        RoleAssignment.objects.filter(
            role=Role.UNIT_HEAD, unit_id=official.unit_id, user__official__isnull=False
        )
        .select_related("user__official")
        .order_by("id")
        .first()
    )
    if head is not None:
        return head.user.official.full_name
    chief = (
        Official.objects.filter(unit_id=official.unit_id, position__istartswith="Trưởng phòng")
        .order_by("id")
        .first()
    )
    return chief.full_name if chief else ""


DEFAULT_FUNDING_SOURCE = "Quỹ thi đua, khen thưởng của Ủy ban nhân dân phường"
