"""Rendering of notification emails: a text part and an HTML part from a pair of templates.

`template` names a pair without extension: "notifications/emails/reminder" renders
"notifications/emails/reminder.txt" and, if present, "notifications/emails/reminder.html"
(otherwise the generic HTML wrapper shows the text). Both receive the caller's context plus
`recipient`, `recipient_name`, `link_url` (absolute, from settings.SITE_URL), `site_url`, `ward_name`,
`subject` and `in_app` (True when rendering the in-app copy, which leaves out greeting and footer).
"""

import datetime as dt
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


def clean_subject(subject: str) -> str:
    return " ".join(str(subject).split())[:280]


def _tidy(text: str) -> str:
    # Templates leave blank lines where tags stood; keep at most one empty line in a row.
    text = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def _context(*, subject: str, context: dict, user, link: str, name: str) -> dict:
    return {
        **context,
        "recipient": user,
        "recipient_name": name if user is None else recipient_name(user),
        "link": link,
        "link_url": absolute_url(link),
        "site_url": settings.SITE_URL,
        "ward_name": settings.WARD_NAME,
        "subject": subject,
    }


def _in_app(template: str, ctx: dict) -> str:
    return _tidy(render_to_string(f"{template}.txt", {**ctx, "in_app": True}))


def _mail(template: str, ctx: dict, in_app: str | None) -> tuple[str, str]:
    """The mail's text and HTML parts; `in_app` (the in-app copy) is the HTML wrapper's text when the
    template has no HTML part (rendered here if not given)."""
    text = _tidy(render_to_string(f"{template}.txt", {**ctx, "in_app": False}))
    try:
        html_template = get_template(f"{template}.html")
    except TemplateDoesNotExist:
        if in_app is None:
            in_app = _in_app(template, ctx)
        html = render_to_string("notifications/emails/wrapper.html", {**ctx, "text": in_app})
    else:
        html = html_template.render({**ctx, "in_app": False})
    return text, html


def render(*, template: str, subject: str, context: dict, user, link: str, name: str = "") -> Rendered:
    """user may be None for a mailbox that is no user's (a unit's address): `name` is then the greeting."""
    subject = clean_subject(subject)
    ctx = _context(subject=subject, context=context, user=user, link=link, name=name)
    with translation.override(settings.LANGUAGE_CODE):
        in_app = _in_app(template, ctx)
        text, html = _mail(template, ctx, in_app)
    return Rendered(subject=subject, text=text, html=html, in_app=in_app.strip())


def render_in_app(*, template: str, subject: str, context: dict, user, link: str) -> str:
    """Only the in-app copy of render(...) (the mail itself is deferred: see defer)."""
    ctx = _context(subject=clean_subject(subject), context=context, user=user, link=link, name="")
    with translation.override(settings.LANGUAGE_CODE):
        return _in_app(template, ctx).strip()


# ---- deferred bodies: rendered when the outbox sends the row (the reminder tick writes thousands) ----------


def _freeze(value):
    if isinstance(value, dt.datetime):
        raise TypeError("a deferred email's context holds dates, not datetimes (time zones)")
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        if "$date" in value:
            raise TypeError("'$date' is reserved in a deferred email's context")
        return {str(k): _freeze(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_freeze(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"a deferred email's context holds JSON values and dates, not {type(value).__name__}")


def _thaw(value):
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return dt.date.fromisoformat(value["$date"])
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_thaw(v) for v in value]
    return value


def defer(*, template: str, subject: str, context: dict, user, link: str) -> dict:
    """What `render_deferred` needs to render this email later, as JSON (OutboundEmail.deferred).

    The context may hold strings, numbers, booleans, None, dates, lists and dicts only (a model instance is
    passed as a dict of the attributes the template reads: {"title": campaign.title}); TypeError otherwise.
    The greeting name is taken now, so the mail reads as it would have been rendered at once; the
    templates see `recipient_name` but no `recipient` object."""
    return {
        "template": template,
        "subject": clean_subject(subject),
        "link": link,
        "name": recipient_name(user),
        "context": _freeze(context),
    }


def render_deferred(deferred: dict) -> tuple[str, str]:
    """The text and HTML bodies of a deferred email (see defer): what render() with the same arguments
    gives."""
    ctx = _context(
        subject=deferred["subject"],
        context=_thaw(deferred["context"]),
        user=None,
        link=deferred["link"],
        name=deferred["name"],
    )
    with translation.override(settings.LANGUAGE_CODE):
        return _mail(deferred["template"], ctx, None)


def email_bodies(row) -> tuple[str, str]:
    """An outbox row's text and HTML bodies: as stored, or rendered now from `deferred` (not yet sent)."""
    if row.deferred and not row.body_text:
        return render_deferred(row.deferred)
    return row.body_text, row.body_html
