"""Demo review for `seed_anhai --through accepted`: the office reviews every submitted demo dossier
through the services, as it would in the browser. One dossier (the public-service centre's) is returned
with two reasons, fixed by its head and resubmitted, then accepted; every other dossier is accepted with
all its nominees (issue 5 needs accepted collectives and individuals for Giấy khen, and the Bằng khen
proposal).

Idempotent: accepted or rejected dossiers are left alone; a run stopped half way resumes where it stopped.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from campaigns.models import Campaign
from campaigns.timeline import Timeline, demo_timeline, replaying
from nominations import services as dossier_services
from nominations.enums import PENDING_REVIEW_STATES, DossierState
from nominations.models import Dossier
from nominations.selectors import report_of
from organisation.enums import Role
from organisation.selectors import first_user_with_role, unit_head_user

from . import services
from .enums import ItemAspect
from .selectors import review_page

RETURNED_UNIT = "ttphcc"
REPORT_FIX = (
    "Bổ sung số liệu cụ thể: số hồ sơ giải quyết trước hạn và tỷ lệ hồ sơ trực tuyến toàn trình năm 2025."
)
REPORT_FIXED = " Năm 2025: 2.870 hồ sơ giải quyết trước hạn; 78% hồ sơ trực tuyến toàn trình."
OTHER_REASON = "Tờ trình cần ghi số và ngày của biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị."


def _page(dossier: Dossier):
    return review_page(
        Dossier.objects.select_related("campaign", "unit").get(pk=dossier.pk), with_history=False
    )


def _accept_all(dossier: Dossier, office) -> None:
    page = _page(dossier)
    services.review_decide(
        dossier=dossier,
        actor=office,
        items={row.key: {"status": "ok", "comment": ""} for row in page.rows},
        decisions={b.nominee.pk: {"decision": "accepted"} for b in page.nominee_blocks},
        dossier_version=page.dossier.version,
        review_version=page.review.version,
    )


def _return_with_two_reasons(dossier: Dossier, office, today: dt.date, due: dt.date) -> None:
    page = _page(dossier)
    individual = next(b.nominee for b in page.nominee_blocks if b.nominee.kind == "individual")
    key = next(r.key for r in page.rows if r.nominee == individual and r.aspect == ItemAspect.REPORT)
    services.review_return(
        dossier=dossier,
        actor=office,
        items={key: {"status": "fix", "comment": REPORT_FIX}},
        reasons=[OTHER_REASON],
        due_date=due,
        dossier_version=page.dossier.version,
        review_version=page.review.version,
        today=today,
    )


def _fix_and_resubmit(dossier: Dossier, head, today: dt.date) -> None:
    for nominee in dossier.nominees.select_related("official", "unit", "report").filter(kind="individual")[
        :1
    ]:
        report = report_of(nominee)
        if report is not None and REPORT_FIXED not in report.results:
            dossier_services.report_save(
                nominee=nominee, actor=head, fields={"results": report.results + REPORT_FIXED}
            )
            dossier_services.report_confirm(nominee=nominee, actor=head)
    dossier_services.dossier_submit(dossier=Dossier.objects.get(pk=dossier.pk), actor=head, today=today)


def reviews_seed_accepted(
    campaign: Campaign, *, today: dt.date | None = None, timeline: Timeline | None = None
) -> dict[str, int]:
    """Review every submitted demo dossier of the campaign (see the module docstring), on the timeline's
    days: the return, the resubmission, then the acceptance (campaigns.timeline). Returns counts."""
    today = today or timezone.localdate()
    timeline = timeline or demo_timeline(today, "accepted")
    office = first_user_with_role(Role.OFFICE)
    counts = {"returned": 0, "accepted": 0}
    if office is None:
        return counts
    dossiers = Dossier.objects.filter(campaign=campaign).select_related("unit").order_by("unit__order", "pk")
    for dossier in dossiers:
        with transaction.atomic():
            if dossier.unit.code == RETURNED_UNIT:
                if dossier.state == DossierState.SUBMITTED:
                    with replaying(timeline.at(timeline.returned, 10)):
                        _return_with_two_reasons(dossier, office, timeline.returned, timeline.return_due)
                    counts["returned"] += 1
                    dossier.refresh_from_db()
                if dossier.state == DossierState.RETURNED:
                    head = unit_head_user(dossier.unit)
                    if head is None:
                        continue
                    with replaying(timeline.at(timeline.resubmitted, 9)):
                        _fix_and_resubmit(dossier, head, timeline.resubmitted)
                    dossier.refresh_from_db()
            if dossier.state in PENDING_REVIEW_STATES:
                # One an hour from 9:00 (the demo's dossiers); a larger set (benchmarks/generate.py) goes on
                # a minute apart from 16:00 and stays within the day.
                n = counts["accepted"]
                hour, minute = (9 + n, 0) if n < 7 else (16, min(n - 7, 59))
                with replaying(timeline.at(timeline.accepted, hour, minute)):
                    _accept_all(dossier, office)
                counts["accepted"] += 1
    return counts
