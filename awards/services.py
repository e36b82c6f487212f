"""Writes of the awards app: draft, word and issue the award decision; number documents and awards.

Every service checks the actor's permission itself (awards/rules.py), so views, the admin, commands and
tasks obey the same rules. Domain errors are campaigns.errors.DomainError with a Vietnamese message.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.money import vnd
from anhai_thidua.core.permissions import require_actor
from campaigns.enums import AwardKind, NomineeKind
from campaigns.models import Campaign
from organisation.enums import Role
from organisation.text import nfc

from .documents import lower_first
from .enums import (
    AWARD_REGISTER_SYMBOL,
    DECISION_TRANSITIONS,
    SUBMISSION_SYMBOL,
    DecisionStatus,
    SignerCapacity,
)
from .models import Award, AwardCoefficient, BaseSalary, Decision, DocumentRegister, Submission
from .money import award_rates
from .selectors import award_outcomes, awarded_outcomes, campaign_outcomes, council_result, meeting_day

EDITABLE_FIELDS = (
    "title",
    "legal_bases",
    "achievement",
    "article1_intro",
    "article2_text",
    "article3_text",
    "recipients",
)


def register_next(*, year: int, symbol: str) -> int:
    """The next number of the (year, symbol) register, assigned atomically: the counter row is locked
    (select_for_update) so two concurrent issues never get the same number."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                DocumentRegister.objects.get_or_create(year=year, symbol=symbol)
        except IntegrityError:  # another transaction created it first
            pass
        register = DocumentRegister.objects.select_for_update().get(year=year, symbol=symbol)
        DocumentRegister.objects.filter(pk=register.pk).update(last_number=F("last_number") + 1)
        return register.last_number + 1


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


def _council_awarded(campaign: Campaign):
    """The awardees of the council's closed meeting (Giấy khen within quota), collectives first; refuses
    while the council has not voted, a tie waits for the chair, or nobody is awarded."""
    items, meeting_id, ties_open = council_result(campaign)
    if ties_open:
        raise DomainError(_("Còn trường hợp bằng phiếu chờ Chủ tịch Hội đồng quyết định."))
    outcomes = award_outcomes(items)
    if meeting_id is None:
        raise DomainError(_("Hội đồng Thi đua - Khen thưởng chưa kết thúc bỏ phiếu xét khen thưởng."))
    awarded = awarded_outcomes(outcomes)
    if not awarded:
        raise DomainError(_("Chưa có tập thể, cá nhân nào được Hội đồng đề nghị tặng Giấy khen."))
    return awarded, meeting_id


def _rate_fields(rates) -> dict:
    return {
        "base_salary": rates.base_salary,
        "base_salary_decree": rates.base_salary_decree,
        "individual_coefficient": rates.individual_coefficient,
        "collective_coefficient": rates.collective_coefficient,
        "coefficient_decree": rates.coefficient_decree,
        "individual_amount": rates.individual,
        "collective_amount": rates.collective,
    }


def _not_before(day: date, earlier: date | None, message: str) -> None:
    if earlier is not None and day < earlier:
        raise DomainError(message % {"day": earlier.strftime("%d/%m/%Y")})


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


@transaction.atomic
def submission_create(
    *,
    campaign: Campaign,
    actor,
    submission_date: date,
    signer_name: str,
    funding_source: str = DEFAULT_FUNDING_SOURCE,
) -> Submission:
    """Phòng Văn hóa - Xã hội's tờ trình to the ward chairman, from the council's result.

    Side effects: the next number of the year's TTr-VHXH register; one Submission (one per campaign); an audit
    row. Refuses before the council has voted, while a tie waits, a date before the council meeting, and a
    date on which no base salary or coefficient is in force."""
    require_actor(actor, "awards.draft_decision")
    Campaign.objects.select_for_update().get(pk=campaign.pk)
    if Submission.objects.filter(campaign=campaign).exists():
        raise DomainError(_("Phong trào này đã có Tờ trình đề nghị khen thưởng."))
    _awarded, meeting_id = _council_awarded(campaign)
    _not_before(
        submission_date,
        meeting_day(meeting_id),
        _("Ngày Tờ trình không được trước ngày họp Hội đồng Thi đua - Khen thưởng (%(day)s)."),
    )
    award_rates(submission_date)  # refuses a day without the money rows, with a message
    signer_name = nfc(signer_name or "").strip()
    if not signer_name:
        raise DomainError(_("Hãy nhập họ tên Trưởng phòng ký Tờ trình."))
    submission = Submission.objects.create(
        campaign=campaign,
        meeting_id=meeting_id,
        number=register_next(year=submission_date.year, symbol=SUBMISSION_SYMBOL),
        year=submission_date.year,
        submission_date=submission_date,
        place=campaign.place,
        signer_name=signer_name,
        funding_source=nfc(funding_source or DEFAULT_FUNDING_SOURCE).strip(),
        created_by=actor,
    )
    audit_record(actor=actor, action="submission_create", target=submission, note=submission.reference)
    return submission


@transaction.atomic
def decision_draft(*, campaign: Campaign, actor, today: date | None = None) -> Decision:
    """Draft the campaign's award decision from the council's result (Giấy khen within quota).

    Side effects: one Decision (draft) and one Award per awardee, amounts at today's base salary
    (recomputed on the decision date at issue); an audit row. Refuses when a draft or issued decision exists.
    """
    require_actor(actor, "awards.draft_decision")
    Campaign.objects.select_for_update().get(pk=campaign.pk)
    if Decision.objects.filter(campaign=campaign).exists():
        raise DomainError(_("Phong trào này đã có quyết định khen thưởng."))
    awarded, meeting_id = _council_awarded(campaign)
    submission = Submission.objects.filter(campaign=campaign).first()
    if submission is None:
        raise DomainError(
            _(
                "Phòng Văn hóa - Xã hội chưa lập Tờ trình đề nghị khen thưởng: "
                "hãy lập Tờ trình trước khi dự thảo Quyết định."
            )
        )
    today = today or timezone.localdate()
    rates = award_rates(max(today, submission.submission_date))
    decision = Decision.objects.create(
        campaign=campaign,
        place=campaign.place,
        meeting_id=meeting_id,
        submission=submission,
        created_by=actor,
        **_rate_fields(rates),
        **default_wording(campaign, meeting_id=meeting_id, submission=submission),
    )
    Award.objects.bulk_create(
        [
            Award(
                decision=decision,
                nominee=o.nominee,
                award_kind=AwardKind.GIAY_KHEN,
                amount=rates.for_kind(o.nominee.kind),
                order=index,
                **award_fields(o.nominee),
            )
            for index, o in enumerate(awarded, 1)
        ]
    )
    audit_record(actor=actor, action="decision_draft", target=decision, to_state=DecisionStatus.DRAFT)
    return decision


def _lock_draft(decision: Decision) -> Decision:
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.status not in DECISION_TRANSITIONS["update"][1]:
        raise DomainError(_("Quyết định đã ban hành, không thể sửa."))
    return locked


@transaction.atomic
def decision_update(
    *, decision: Decision, actor, fields: dict, expected_version: int | None = None
) -> Decision:
    """The office words the draft (title, legal bases, achievement line, articles, recipients).

    Side effects: saves the changed texts (NFC), bumps the version, writes an audit row. Refuses an issued
    decision and a stale form (someone saved in between)."""
    require_actor(actor, "awards.draft_decision")  # the state is checked on the locked row
    locked = _lock_draft(decision)
    if expected_version is not None and expected_version != locked.version:
        raise DomainError(_("Quyết định vừa được người khác sửa. Hãy tải lại trang và sửa lại."))
    changed = []
    for name in EDITABLE_FIELDS:
        if name in fields:
            value = nfc(str(fields[name]).replace("\r\n", "\n")).strip()
            if not value:
                raise DomainError(_("Nội dung không được để trống."))
            if getattr(locked, name) != value:
                setattr(locked, name, value)
                changed.append(name)
    if changed:
        locked.version += 1
        locked.save(update_fields=[*changed, "version", "updated_at"])
        audit_record(actor=actor, action="decision_update", target=locked, note=", ".join(changed))
    return locked


def _signer_capacity(actor) -> str:
    if actor.has_role(Role.CHAIRMAN):
        return SignerCapacity.CHAIRMAN
    return SignerCapacity.VICE_CHAIRMAN


@transaction.atomic
def decision_issue(*, decision: Decision, actor, decision_date: date | None = None) -> Decision:
    """The chairman (or a vice-chairman signing for him) issues the decision.

    Side effects: the next number of the year's QĐ-UBND register; the decision date and signer; the money
    recomputed at the base salary in force on the decision date; a register number (sổ khen thưởng) for
    each award; status issued (locked: no edits after); an audit row; the results told to the units
    (in-app and email, once: dedupe keys); after commit, the final PDF to sign (awards.make_issued_record)."""
    require_actor(actor, "awards.sign_decision")  # the state is checked on the locked row
    locked = _lock_draft(decision)
    to_state = DECISION_TRANSITIONS["issue"][1].get(locked.status)
    if to_state is None:
        raise DomainError(_("Quyết định đã ban hành."))
    decision_date = decision_date or timezone.localdate()
    awards = list(Award.objects.select_for_update().filter(decision=locked).order_by("order", "id"))
    if not awards:
        raise DomainError(_("Quyết định chưa có tập thể, cá nhân nào được khen thưởng."))
    _not_before(
        decision_date,
        meeting_day(locked.meeting_id),
        _(
            "Ngày ban hành không được trước ngày họp Hội đồng Thi đua - Khen thưởng mà Quyết định căn cứ (%(day)s)."
        ),
    )
    submission = Submission.objects.filter(pk=locked.submission_id).first()
    _not_before(
        decision_date,
        submission.submission_date if submission else None,
        _("Ngày ban hành không được trước ngày Tờ trình của Phòng Văn hóa - Xã hội (%(day)s)."),
    )
    rates = award_rates(decision_date)
    locked.number = register_next(year=decision_date.year, symbol=locked.symbol)
    locked.year = decision_date.year
    locked.decision_date = decision_date
    for name, value in _rate_fields(rates).items():
        setattr(locked, name, value)
    locked.signer = actor
    locked.signer_capacity = _signer_capacity(actor)
    official = getattr(actor, "official", None)
    locked.signer_name = nfc(official.full_name if official else actor.get_full_name() or actor.username)
    locked.status = to_state
    locked.issued_at = timezone.now()
    locked.version += 1
    for award in awards:
        award.amount = rates.for_kind(award.kind)
        award.register_year = decision_date.year
        award.register_number = register_next(year=decision_date.year, symbol=AWARD_REGISTER_SYMBOL)
    Award.objects.bulk_update(awards, ["amount", "register_year", "register_number"])
    locked.save()
    audit_record(
        actor=actor,
        action="decision_issue",
        target=locked,
        from_state=DecisionStatus.DRAFT,
        to_state=to_state,
        note=f"{locked.reference} ({vnd(sum(a.amount for a in awards))} đồng)",
    )
    results_notify(decision=locked)
    # The final PDF to sign, with its signature field, made once after commit (awards/signing).
    from .signing.services import issued_record_queue

    transaction.on_commit(lambda: issued_record_queue(decision_id=locked.pk))
    return locked


def results_notify(*, decision: Decision) -> int:
    """Tell each unit's heads its results: awarded, not awarded (with the reason), proposed to the city.

    In-app and by email through notifications.notify(); once per unit and decision (dedupe key). Returns
    the number of units told."""
    from notifications.services import notify
    from organisation.selectors import unit_heads

    from .selectors import rejected_nominees

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
    from .enums import NotAwardedReason

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


@transaction.atomic
def certificate_job_request(*, decision: Decision, actor, blank_mode: bool | None = None):
    """Ask for the certificates bundle of an issued decision (a core FileJob of kind awards.certificates or
    awards.certificates_blank, built by awards/jobs.py): in a Celery worker when the decision has more than
    CERTIFICATE_SYNC_LIMIT awards, else at once after commit, in this request.

    Side effects: one FileJob (queued) and its task after commit. A job of the same decision and mode still
    queued or running, whoever asked for it, is reused instead of starting a second one."""
    from anhai_thidua.core.jobs import job_request

    from .jobs import kind_for

    require_actor(actor, "awards.print_certificates", decision)
    blank_mode = settings.CERTIFICATE_BLANK_MODE if blank_mode is None else bool(blank_mode)
    Decision.objects.select_for_update().get(pk=decision.pk)
    return job_request(
        kind=kind_for(blank_mode),
        owner=actor,
        params={"decision_id": decision.pk},
        per_owner=False,
        # A few pages: made at once in this request (same task, same job row), no worker needed.
        run_now=decision.awards.count() <= settings.CERTIFICATE_SYNC_LIMIT,
    )


def _rate_row_save(model, *, actor, instance, values: dict, unique: dict, duplicate: str):
    require_actor(actor, "awards.manage_rates")
    values = {k: nfc(v).strip() if isinstance(v, str) else v for k, v in values.items()}
    clash = model.objects.filter(**unique)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise DomainError(duplicate)
    row = instance or model()
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    audit_record(actor=actor, action=f"{model._meta.model_name}_save", target=row, note=str(row))
    return row


@transaction.atomic
def base_salary_save(
    *, actor, valid_from: date, amount: int, decree: str, instance: BaseSalary | None = None
):
    """The office or an administrator adds or corrects a base salary row (lương cơ sở from a date on).

    Side effects: the row saved; an audit row. Issued decisions keep the figures they were issued with."""
    return _rate_row_save(
        BaseSalary,
        actor=actor,
        instance=instance,
        values={"valid_from": valid_from, "amount": amount, "decree": decree},
        unique={"valid_from": valid_from},
        duplicate=_("Đã có mức lương cơ sở áp dụng từ ngày %(day)s.")
        % {"day": valid_from.strftime("%d/%m/%Y")},
    )


@transaction.atomic
def coefficient_save(
    *,
    actor,
    valid_from: date,
    award_kind: str,
    subject: str,
    value,
    decree: str,
    instance: AwardCoefficient | None = None,
):
    """The office or an administrator adds or corrects an award coefficient row (hình thức, đối tượng, hệ số
    from a date on). Side effects: the row saved; an audit row."""
    return _rate_row_save(
        AwardCoefficient,
        actor=actor,
        instance=instance,
        values={
            "valid_from": valid_from,
            "award_kind": award_kind,
            "subject": subject,
            "value": value,
            "decree": decree,
        },
        unique={"valid_from": valid_from, "award_kind": award_kind, "subject": subject},
        duplicate=_("Đã có hệ số cho hình thức và đối tượng này áp dụng từ ngày %(day)s.")
        % {"day": valid_from.strftime("%d/%m/%Y")},
    )
