"""The office's tờ trình and the award decision: drafted from the council's result, worded, issued
(enums.DECISION_TRANSITIONS)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.money import vnd
from anhai_thidua.core.permissions import require_actor
from campaigns.enums import AwardKind
from campaigns.models import Campaign
from organisation.enums import Role
from organisation.text import nfc

from ..enums import (
    AWARD_REGISTER_SYMBOL,
    DECISION_TRANSITIONS,
    SUBMISSION_SYMBOL,
    DecisionStatus,
    SignerCapacity,
)
from ..models import Award, Decision, Submission
from ..money import award_rates
from ..selectors import award_outcomes, awarded_outcomes, council_result, meeting_day
from .registers import register_next
from .results import results_notify
from .wording import DEFAULT_FUNDING_SOURCE, award_fields, default_wording

EDITABLE_FIELDS = (
    "title",
    "legal_bases",
    "achievement",
    "article1_intro",
    "article2_text",
    "article3_text",
    "recipients",
)


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


def _check_issue_date(locked: Decision, decision_date: date) -> None:
    """Dates come in an order that can happen: the council meets, the office writes its tờ trình, then the
    decision is issued."""
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
    _check_issue_date(locked, decision_date)
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
    from ..signing.services import issued_record_queue

    transaction.on_commit(lambda: issued_record_queue(decision_id=locked.pk))
    return locked
