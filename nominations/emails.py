"""E-mails about dossiers, in Vietnamese, as text and HTML."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from organisation.models import User

from .models import Dossier


def office_recipients(dossier: Dossier) -> list[str]:
    """The office's addresses: every active user with the office role, and the receiving unit's mailbox."""
    addresses = set()
    users = User.objects.filter(is_active=True, role_assignments__role="office").select_related("official")
    for user in users:
        email = user.email or (user.official.email if user.official_id else "")
        if email:
            addresses.add(email.lower())
    receiving = dossier.campaign.receiving_unit
    if receiving is not None and receiving.email:
        addresses.add(receiving.email.lower())
    return sorted(addresses)


def dossier_submitted_message(dossier: Dossier, submission_number: int = 1) -> EmailMultiAlternatives | None:
    """The mail telling the office that a dossier arrived; None when nobody can receive it."""
    recipients = office_recipients(dossier)
    if not recipients:
        return None
    nominees = list(dossier.nominees.select_related("official", "unit").order_by("kind", "order", "id"))
    context = {
        "dossier": dossier,
        "campaign": dossier.campaign,
        "unit": dossier.unit,
        "nominees": nominees,
        "resubmitted": submission_number > 1,
        # The office acts on the review page (reviews app, above this one: its URL name, never its code).
        "url": settings.SITE_URL + reverse("reviews:review", args=[dossier.pk]),
    }
    with translation.override("vi"):
        subject = render_to_string("nominations/emails/submitted_subject.txt", context).strip()
        text = render_to_string("nominations/emails/submitted.txt", context)
        html = render_to_string("nominations/emails/submitted.html", context)
    message = EmailMultiAlternatives(subject=" ".join(subject.split()), body=text, to=recipients)
    message.attach_alternative(html, "text/html")
    return message
