"""Reads of the signing work: what the public pages say about a decision's signed copy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import SignedDecision

# Legal time of a Vietnamese document, whatever the server's zone.
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def vn_time(value: datetime | None) -> str:
    """ "05/02/2026 10:15" in Vietnam time."""
    return value.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M") if value else ""


@dataclass(frozen=True)
class Publication:
    """The sentences the public pages print about the signed copy, decided here and tested."""

    kind: str
    headline: str
    result: list[str]
    ok: bool
    file_url: str
    report_url: str


def publication(record: SignedDecision | None) -> Publication | None:
    """None when nothing signed has been uploaded yet."""
    if record is None or not record.is_published:
        return None
    pk = record.decision_id
    file_url = reverse("awards:signed_pdf", args=[pk])
    report_url = reverse("awards:signed_report", args=[pk])
    if record.is_scan:
        return Publication(
            kind=record.kind,
            headline=_("Bản giấy đã ký, đóng dấu (bản quét)"),
            result=[_("Bản quét của Quyết định đã ký tay và đóng dấu; không có chữ ký số để xác thực.")],
            ok=True,
            file_url=file_url,
            report_url="",
        )
    report = record.report or {}
    signatures = report.get("signatures", [])
    ok = bool(report.get("valid"))
    result = []
    if ok:
        result.append(_("Chữ ký số hợp lệ, chứng thư số được tin cậy."))
    else:
        result.append(_("Chữ ký số không hợp lệ hoặc chưa xác thực được."))
    if report.get("unchanged_since_issue") and not any(s.get("changed_after_signing") for s in signatures):
        result.append(_("Văn bản không bị thay đổi sau khi ký."))
    else:
        result.append(_("Văn bản đã bị thay đổi sau khi ký."))
    if any(s.get("revoked") for s in signatures):
        result.append(_("Chứng thư số đã bị thu hồi."))
    elif signatures and all(s.get("revocation_checked") for s in signatures):
        result.append(_("Chứng thư số chưa bị thu hồi (theo thông tin thu hồi kèm trong tệp)."))
    else:
        result.append(_("Tệp không kèm thông tin thu hồi chứng thư số."))
    if record.agency_name:
        result.append(
            _("Ký số của cơ quan: %(name)s, lúc %(when)s.")
            % {"name": record.agency_name, "when": vn_time(record.agency_signed_at)}
        )
    return Publication(
        kind=record.kind,
        headline=_("Đã ký số bởi %(name)s, lúc %(when)s")
        % {"name": record.signer_name, "when": vn_time(record.signed_at)},
        result=result,
        ok=ok,
        file_url=file_url,
        report_url=report_url,
    )
