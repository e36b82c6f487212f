"""Rendering of notification emails: a text part and an HTML part from a pair of templates.

`template` names a pair without extension: "notifications/emails/reminder" renders
"notifications/emails/reminder.txt" and, if present, "notifications/emails/reminder.html"
(otherwise the generic HTML wrapper shows the text). Both receive the caller's context plus
`recipient`, `recipient_name`, `link_url` (absolute, from settings.SITE_URL), `site_url`, `ward_name`,
`subject` and `in_app` (True when rendering the in-app copy, which leaves out greeting and footer).
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation

SUBJECT_PREFIX = "[Thi đua An Hải] "


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    in_app: str


def absolute_url(link: str) -> str:
    if not link:
        return settings.SITE_URL + "/"
    if re.match(r"^https?://", link):
        return link
    return settings.SITE_URL + ("" if link.startswith("/") else "/") + link


def recipient_name(user) -> str:
    official = getattr(user, "official", None) if getattr(user, "official_id", None) else None
    if official is not None:
        return f"{official.honorific} {official.full_name}"
    return user.get_full_name() or user.username


def email_address(user) -> str:
    if user.email:
        return user.email
    if getattr(user, "official_id", None) and user.official.email:
        return user.official.email
    return ""


def _clean_subject(subject: str) -> str:
    return " ".join(str(subject).split())[:280]


def _tidy(text: str) -> str:
    # Templates leave blank lines where tags stood; keep at most one empty line in a row.
    text = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def render(*, template: str, subject: str, context: dict, user, link: str, name: str = "") -> Rendered:
    """user may be None for a mailbox that is no user's (a unit's address): `name` is then the greeting."""
    subject = _clean_subject(subject)
    ctx = {
        **context,
        "recipient": user,
        "recipient_name": name if user is None else recipient_name(user),
        "link": link,
        "link_url": absolute_url(link),
        "site_url": settings.SITE_URL,
        "ward_name": settings.WARD_NAME,
        "subject": subject,
    }
    with translation.override(settings.LANGUAGE_CODE):
        text = _tidy(render_to_string(f"{template}.txt", {**ctx, "in_app": False}))
        in_app = _tidy(render_to_string(f"{template}.txt", {**ctx, "in_app": True}))
        try:
            html_template = get_template(f"{template}.html")
        except TemplateDoesNotExist:
            html = render_to_string("notifications/emails/wrapper.html", {**ctx, "text": in_app})
        else:
            html = html_template.render({**ctx, "in_app": False})
    return Rendered(subject=subject, text=text, html=html, in_app=in_app.strip())
