"""Telling each unit its results once the decision is issued."""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Decision
from ..selectors import campaign_outcomes


def results_notify(*, decision: Decision) -> int:
    """Tell each unit's heads its results: awarded, not awarded (with the reason), proposed to the city.

    In-app and by email through notifications.notify(); once per unit and decision (dedupe key). Returns
    the number of units told."""
    from notifications.services import notify
    from organisation.selectors import unit_heads

    from ..selectors import rejected_nominees

    outcomes, _meeting = campaign_outcomes(decision.campaign)
    awarded_ids = set(decision.awards.values_list("nominee_id", flat=True))
    per_unit: dict[int, dict] = defaultdict(lambda: {"awarded": [], "not_awarded": [], "proposed": []})
    units = {}
    for outcome in outcomes:
        nominee = outcome.nominee
        unit = nominee.dossier.unit
        units[unit.pk] = unit
        bucket = per_unit[unit.pk]
        if nominee.pk in awarded_ids:
            bucket["awarded"].append(nominee)
        elif outcome.proposed_to_city:
            bucket["proposed"].append(nominee)
        elif outcome.reason:
            bucket["not_awarded"].append((nominee, outcome.reason))
    for nominee in rejected_nominees(decision.campaign):
        unit = nominee.dossier.unit
        units[unit.pk] = unit
        per_unit[unit.pk]["not_awarded"].append((nominee, "rejected_at_review"))
    if not per_unit:
        return 0
    from ..enums import NotAwardedReason

    heads = unit_heads(units.values())
    link = reverse("awards:public")
    told = 0
    for unit_id, bucket in per_unit.items():
        if not heads.get(unit_id):
            continue
        bucket["not_awarded"] = [(n, NotAwardedReason(r).label) for n, r in bucket["not_awarded"]]
        notify(
            recipients=heads[unit_id],
            subject=_("Kết quả khen thưởng: %(campaign)s") % {"campaign": decision.campaign.title},
            template="awards/emails/results",
            context={"decision": decision, "unit": units[unit_id], **bucket},
            link=link,
            dedupe_key=f"awards:decision:{decision.pk}:results:unit:{unit_id}",
        )
        told += 1
    return told
