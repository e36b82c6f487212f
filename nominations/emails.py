"""The office's mail about a submitted dossier: what it says and to whom. It goes through
notifications.notify() (the outbox), called by the submission's transition in services.py."""

from django.utils.translation import gettext as _

from .models import Dossier

TEMPLATE = "nominations/emails/submitted"


def submitted_subject(dossier: Dossier) -> str:
    if dossier.submission_count > 1:
        return _("Hồ sơ nộp lại: %(unit)s") % {"unit": dossier.unit.name}
    return _("Hồ sơ đề nghị khen thưởng: %(unit)s") % {"unit": dossier.unit.name}


def submitted_context(dossier: Dossier) -> dict:
    """The mail's content: the dossier, its campaign and unit, its nominees in order."""
    return {
        "dossier": dossier,
        "campaign": dossier.campaign,
        "unit": dossier.unit,
        "nominees": list(dossier.nominees.select_related("official", "unit").order_by("kind", "order", "id")),
        "resubmitted": dossier.submission_count > 1,
    }


def receiving_mailbox(dossier: Dossier) -> list[tuple[str, str]]:
    """The receiving unit's mailbox (no user's), as notify()'s (address, greeting name) pairs."""
    receiving = dossier.campaign.receiving_unit
    if receiving is None or not receiving.email:
        return []
    return [(receiving.email.lower(), receiving.name)]
