"""Deadline reminders: which stage is due today for whom, and sending each reminder exactly once.

Schedule per deadline (offsets from ReminderSettings, default settings.REMINDER_OFFSETS_DAYS):
N days before (7, 3, 1), on the day (0), once after it (-after_days), then a summary to the office
(escalation, the day after the late reminder) listing the units still missing. Offsets are calendar days.

Exactly once: the Reminder row is inserted first, inside a savepoint; the unique constraint
(recipient, kind, campaign, object_ref, deadline, offset) lets only one insert win, and only the winner
writes the notification and the email, in the same transaction. Two beat ticks, a retried task or a
restarted worker therefore never send a reminder twice.

Catch-up: if the worker was down on a reminder's day, the latest stage already due is still sent, up to
settings.REMINDER_CATCH_UP_DAYS days late; earlier missed stages are not replayed.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from organisation.selectors import office_users

from .enums import ESCALATION_REF, KIND_POLICY, ReminderKind, ReminderStage
from .models import Reminder, ReminderSettings
from .registry import Owed, owed, registered_kinds
from .services import notify, notify_many, outbox_batch

log = logging.getLogger(__name__)

REMINDER_TEMPLATE = "notifications/emails/reminder"
ESCALATION_TEMPLATE = "notifications/emails/reminder_escalation"


@dataclass(frozen=True)
class Stage:
    offset: int
    stage: str
    send_on: date


def settings_for(campaign: Campaign) -> ReminderSettings:
    """The campaign's reminder settings, or unsaved defaults from settings.REMINDER_OFFSETS_DAYS."""
    try:
        return campaign.reminder_settings
    except ReminderSettings.DoesNotExist:
        return ReminderSettings(
            campaign=campaign,
            offsets=",".join(str(d) for d in settings.REMINDER_OFFSETS_DAYS),
            after_days=settings.REMINDER_AFTER_DAYS,
        )


def stages(kind: str, deadline: date, cfg: ReminderSettings) -> list[Stage]:
    """Every reminder stage of one deadline, in date order."""
    policy = KIND_POLICY[kind]
    result = [Stage(d, ReminderStage.BEFORE, deadline - timedelta(days=d)) for d in cfg.offset_days]
    result.append(Stage(0, ReminderStage.ON_DAY, deadline))
    after = cfg.after_days
    if policy.after and after:
        result.append(Stage(-after, ReminderStage.AFTER, deadline + timedelta(days=after)))
    if policy.after and policy.escalate and cfg.escalate:
        result.append(Stage(-(after + 1), ReminderStage.ESCALATION, deadline + timedelta(days=after + 1)))
    return sorted(result, key=lambda s: s.send_on)


def current_stage(all_stages: list[Stage], today: date) -> Stage | None:
    """The latest stage due on or before today, if it is not older than the catch-up window."""
    due = [s for s in all_stages if s.send_on <= today]
    if not due:
        return None
    latest = due[-1]
    if (today - latest.send_on).days > settings.REMINDER_CATCH_UP_DAYS:
        return None
    if latest.offset >= 0 and today > latest.send_on + timedelta(days=latest.offset):
        return None  # never catch up a "before" or "on the day" reminder once the day has passed
    return latest


# Phrases per kind: what the unit must do, used in subjects and bodies.
def kind_action(kind: str) -> str:
    return {
        ReminderKind.REGISTRATION: _("đăng ký thi đua"),
        ReminderKind.CRITERIA_REPORT: _("báo cáo kết quả thực hiện tiêu chí"),
        ReminderKind.SUBMISSION: _("nộp hồ sơ đề nghị khen thưởng"),
        ReminderKind.RETURNED_DOSSIER: _("bổ sung hồ sơ bị trả lại"),
        ReminderKind.COUNCIL_MEETING: _("họp Hội đồng Thi đua - Khen thưởng phường"),
        ReminderKind.REVIEW_LIMIT: _("thẩm định hồ sơ"),
    }[kind]


def reminder_subject(kind: str, stage: str, deadline: date, today: date) -> str:
    values = {
        "action": kind_action(kind),
        "date": deadline.strftime("%d/%m/%Y"),
        "days": (deadline - today).days,
        "late": (today - deadline).days,
    }
    if kind == ReminderKind.COUNCIL_MEETING:
        if stage == ReminderStage.ON_DAY:
            return _("Hôm nay họp Hội đồng Thi đua - Khen thưởng phường (%(date)s)") % values
        return (
            _("Nhắc lịch họp Hội đồng Thi đua - Khen thưởng phường: còn %(days)s ngày (ngày %(date)s)")
            % values
        )
    if stage == ReminderStage.BEFORE:
        return _("Nhắc hạn %(action)s: còn %(days)s ngày (hạn %(date)s)") % values
    if stage == ReminderStage.ON_DAY:
        return _("Hôm nay là hạn %(action)s (%(date)s)") % values
    if stage == ReminderStage.AFTER:
        return _("Đã quá hạn %(action)s (hạn %(date)s)") % values
    return _("Các đơn vị chưa %(action)s: đã quá hạn %(date)s") % values


def _campaign_link(campaign: Campaign) -> str:
    return reverse("campaigns:detail", args=[campaign.slug])


def _existing_keys(campaign: Campaign) -> set[tuple]:
    """Keys of reminders already sent for the campaign: skip them without a failing INSERT.
    The constraint, not this set, is the guarantee (two ticks may both miss here)."""
    return set(
        Reminder.objects.filter(campaign=campaign).values_list(
            "recipient_id", "kind", "object_ref", "deadline", "offset"
        )
    )


def _claim_and_send(
    *,
    user,
    kind: str,
    campaign: Campaign,
    item: Owed | None,
    ref: str,
    deadline: date,
    stage: Stage,
    subject: str,
    template: str,
    context: dict,
    link: str,
) -> bool:
    """Insert the Reminder row; only if this call inserted it, notify in the same transaction."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                reminder = Reminder.objects.create(
                    recipient=user,
                    kind=kind,
                    campaign=campaign,
                    object_ref=ref,
                    unit=item.unit if item is not None else None,
                    deadline=deadline,
                    offset=stage.offset,
                    stage=stage.stage,
                )
        except IntegrityError:
            return False  # another tick, worker or retry already sent this one
        notes = notify(recipients=[user], subject=subject, template=template, context=context, link=link)
        if notes:
            reminder.notification = notes[0]
            reminder.save(update_fields=["notification"])
    return True


CLAIM_CHUNK = 500  # rows per INSERT ... ON CONFLICT DO NOTHING RETURNING


def _insert_claims(campaign: Campaign, kind: str, claims: list[dict]) -> set[tuple]:
    """Insert the Reminder rows of `claims`; the keys (recipient, object_ref, deadline, offset) of the rows
    THIS statement inserted. A row that exists already (an earlier tick, or a concurrent one, which this
    INSERT waits for) is skipped by ON CONFLICT DO NOTHING on the exactly-once constraint."""
    table = connection.ops.quote_name(Reminder._meta.db_table)
    names = [
        "recipient_id",
        "kind",
        "campaign_id",
        "object_ref",
        "unit_id",
        "deadline",
        "offset",
        "stage",
        "sent_at",
    ]
    cols = ", ".join(connection.ops.quote_name(c) for c in names)
    now = timezone.now()
    won: set[tuple] = set()
    for start in range(0, len(claims), CLAIM_CHUNK):
        chunk = claims[start : start + CLAIM_CHUNK]
        row = "(" + ", ".join(["%s"] * len(names)) + ")"
        params: list = []
        for c in chunk:
            params += [
                c["user"].pk,
                kind,
                campaign.pk,
                c["ref"],
                c["unit"].pk if c["unit"] is not None else None,
                c["deadline"],
                c["stage"].offset,
                c["stage"].stage,
                now,
            ]
        sql = (
            f"INSERT INTO {table} ({cols}) VALUES {', '.join([row] * len(chunk))} ON CONFLICT DO NOTHING "
            f"RETURNING {connection.ops.quote_name('id')}, recipient_id, object_ref, deadline, "
            f"{connection.ops.quote_name('offset')}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for pk, recipient, ref, deadline, offset in cursor.fetchall():
                won.add((recipient, ref, str(deadline), offset, pk))
    return won


def _claim_and_send_many(campaign: Campaign, kind: str, claims: list[dict]) -> int:
    """The tick's bulk path: claim every reminder with one INSERT per chunk, then write the messages of the
    rows this call won (bulk inserts) and link them, all in one transaction: a failure rolls back the claims
    with their messages, so a retry sends them, once."""
    if not claims:
        return 0
    with transaction.atomic():
        won = {key[:4]: key[4] for key in _insert_claims(campaign, kind, claims)}
        mine = [
            (c, won[(c["user"].pk, c["ref"], str(c["deadline"]), c["stage"].offset)])
            for c in claims
            if (c["user"].pk, c["ref"], str(c["deadline"]), c["stage"].offset) in won
        ]
        if not mine:
            return 0
        notes = notify_many(
            [
                {
                    "user": c["user"],
                    "subject": c["subject"],
                    "template": c["template"],
                    "context": c["context"],
                    "link": c["link"],
                }
                for c, _pk in mine
            ]
        )
        _link_notifications([(pk, note.pk) for (_c, pk), note in zip(mine, notes, strict=True) if note])
    return len(mine)


def _link_notifications(pairs: list[tuple[int, int]]) -> None:
    """Set Reminder.notification for (reminder id, notification id) pairs: one UPDATE … FROM a VALUES list
    per chunk (bulk_update's CASE per row costs seconds of Python for a tick's thousands)."""
    table = connection.ops.quote_name(Reminder._meta.db_table)
    for start in range(0, len(pairs), CLAIM_CHUNK):
        chunk = pairs[start : start + CLAIM_CHUNK]
        values = ", ".join(["(%s, %s)"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH v(rid, nid) AS (VALUES {values}) "
                f"UPDATE {table} SET notification_id = v.nid FROM v WHERE {table}.id = v.rid",
                [value for pair in chunk for value in pair],
            )


def send_due_reminders(*, today: date | None = None) -> int:
    """Send every reminder due today for every launched campaign; returns how many were sent.

    Idempotent: run it as often as you like (the beat runs it hourly). Side effects: Reminder rows,
    notifications and pending emails (sent by notifications.send_pending_emails).
    """
    with outbox_batch():
        return _send_due_reminders(today or timezone.localdate())


def _send_due_reminders(today: date) -> int:
    sent = 0
    office = None
    campaigns = Campaign.objects.filter(status=CampaignStatus.LAUNCHED).select_related("reminder_settings")
    for campaign in campaigns:
        cfg = settings_for(campaign)
        if not cfg.enabled:
            continue
        existing = _existing_keys(campaign)
        link = _campaign_link(campaign)
        for kind in registered_kinds():
            try:
                items = owed(campaign, kind)
            except Exception:  # one broken provider must not stop every other reminder
                log.exception("reminder provider for %s failed on campaign %s", kind, campaign.pk)
                continue
            claims, late = _owed_claims(campaign, kind, items, cfg, existing, link, today)
            if late:
                if office is None:
                    office = office_users()
                claims += _escalation_claims(campaign, kind, late, office, existing, link, today)
            sent += _claim_and_send_many(campaign, kind, claims)
    return sent


def _claim(user, ref, unit, deadline, stage, subject, template, context, link) -> dict:
    return {
        "user": user,
        "ref": ref,
        "unit": unit,
        "deadline": deadline,
        "stage": stage,
        "subject": subject,
        "template": template,
        "context": context,
        "link": link,
    }


def _owed_claims(campaign, kind, items, cfg, existing, link, today):
    """The reminders due today to the people who owe something, and the items past escalation (grouped by
    deadline and stage) for the office."""
    policy = KIND_POLICY[kind]
    default_deadline = getattr(campaign, policy.deadline_field) if policy.deadline_field else None
    late: dict[tuple[date, Stage], list[Owed]] = defaultdict(list)
    claims: list[dict] = []
    for item in items:
        deadline = item.deadline or default_deadline
        if deadline is None:
            continue
        stage = current_stage(stages(kind, deadline, cfg), today)
        if stage is None:
            continue
        if stage.stage == ReminderStage.ESCALATION:
            late[(deadline, stage)].append(item)
            continue
        subject = reminder_subject(kind, stage.stage, deadline, today)
        context = _context(kind, campaign, stage, deadline, today, item=item)
        for user in item.recipients:
            if (user.pk, kind, item.ref, deadline, stage.offset) not in existing:
                claims.append(
                    _claim(
                        user,
                        item.ref,
                        item.unit,
                        deadline,
                        stage,
                        subject,
                        REMINDER_TEMPLATE,
                        context,
                        item.link or link,
                    )
                )
    return claims, late


def _escalation_claims(campaign, kind, late, office, existing, link, today) -> list[dict]:
    """The office's escalation mails: one per deadline and stage, listing who is still missing."""
    claims: list[dict] = []
    for (deadline, stage), missing in sorted(late.items(), key=lambda kv: kv[0][0]):
        subject = reminder_subject(kind, stage.stage, deadline, today)
        context = _context(kind, campaign, stage, deadline, today, missing=missing)
        for user in office:
            if (user.pk, kind, ESCALATION_REF, deadline, stage.offset) not in existing:
                claims.append(
                    _claim(
                        user,
                        ESCALATION_REF,
                        None,
                        deadline,
                        stage,
                        subject,
                        ESCALATION_TEMPLATE,
                        context,
                        link,
                    )
                )
    return claims


def reminder_send_now(*, campaign: Campaign, kind: str, actor, today: date | None = None) -> int:
    """The office's "remind now" (a bulk action of the inbox): everyone who still owes `kind` in the
    campaign is reminded at once, whatever the schedule. Returns how many reminders were sent.

    Once per recipient, object and day, by the same unique constraint (the object_ref carries the day),
    so a double click or two office users pressing together send it once.
    Side effects: Reminder rows (stage "manual"), notifications, emails (outbox), an audit row.
    """
    from anhai_thidua.core.audit import audit_record

    today = today or timezone.localdate()
    policy = KIND_POLICY[kind]
    default_deadline = getattr(campaign, policy.deadline_field) if policy.deadline_field else None
    link = _campaign_link(campaign)
    sent = 0
    with outbox_batch():
        for item in owed(campaign, kind):
            deadline = item.deadline or default_deadline
            if deadline is None:
                continue
            days_left = (deadline - today).days
            natural = (
                ReminderStage.BEFORE
                if days_left > 0
                else ReminderStage.ON_DAY
                if days_left == 0
                else ReminderStage.AFTER
            )
            wording = Stage(days_left, natural, today)
            subject = reminder_subject(kind, natural, deadline, today)
            context = _context(kind, campaign, wording, deadline, today, item=item)
            for user in item.recipients:
                sent += _claim_and_send(
                    user=user,
                    kind=kind,
                    campaign=campaign,
                    item=item,
                    ref=f"{item.ref}@{today.isoformat()}",
                    deadline=deadline,
                    stage=Stage(days_left, ReminderStage.MANUAL, today),
                    subject=subject,
                    template=REMINDER_TEMPLATE,
                    context=context,
                    link=item.link or link,
                )
    audit_record(actor=actor, action="reminder_send_now", target=campaign, note=f"{kind}: {sent}")
    return sent


def _context(kind, campaign, stage: Stage, deadline: date, today: date, *, item=None, missing=None) -> dict:
    """The reminder templates' context: JSON values and dates only, because the tick's emails are rendered
    when the outbox sends them (notify_many, emails.defer); the campaign is the one attribute they read."""
    return {
        "kind": str(kind),
        "kind_label": str(ReminderKind(kind).label),
        "action": str(kind_action(kind)),
        "campaign": {"title": campaign.title},
        "stage": str(stage.stage),
        "deadline": deadline,
        "days_left": (deadline - today).days,
        "days_late": (today - deadline).days,
        "item_title": str(item.title) if item is not None else "",
        "missing": [str(m.title) for m in missing or ()],
    }


@dataclass(frozen=True)
class Scheduled:
    kind: str
    kind_label: str
    title: str
    deadline: date
    stage: Stage
    recipients: list


def reminder_schedule(campaign: Campaign, *, today: date | None = None) -> list[Scheduled]:
    """The next reminder of each deadline and unit (or object) not yet sent, for the office's page.

    Escalations show the office as recipients. Sorted by sending date, then kind and title.
    """
    today = today or timezone.localdate()
    cfg = settings_for(campaign)
    sent = _existing_keys(campaign)
    office = office_users()  # always read: the page's query count must not depend on the stage
    rows: list[Scheduled] = []
    for kind in registered_kinds():
        policy = KIND_POLICY[kind]
        default_deadline = getattr(campaign, policy.deadline_field) if policy.deadline_field else None
        try:
            items = owed(campaign, kind)
        except Exception:
            log.exception("reminder provider for %s failed on campaign %s", kind, campaign.pk)
            continue
        for item in items:
            deadline = item.deadline or default_deadline
            if deadline is None:
                continue
            for stage in stages(kind, deadline, cfg):
                if stage.send_on < today:
                    continue
                if stage.stage == ReminderStage.ESCALATION:
                    recipients, ref = office, ESCALATION_REF
                else:
                    recipients, ref = list(item.recipients), item.ref
                waiting = [u for u in recipients if (u.pk, kind, ref, deadline, stage.offset) not in sent]
                if waiting or not recipients:
                    rows.append(
                        Scheduled(kind, ReminderKind(kind).label, item.title, deadline, stage, waiting)
                    )
                    break
    return sorted(rows, key=lambda r: (r.stage.send_on, r.kind, r.title))
