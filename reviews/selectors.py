"""Reads of the review: the office's inbox of a campaign and the review page of one dossier, each in a
fixed number of queries; the accepted nominees the council works on (issue 5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.enums import DossierComponentKind, NomineeKind
from campaigns.models import Campaign
from nominations.enums import PENDING_REVIEW_STATES, DossierState
from nominations.models import Dossier, Nominee
from nominations.selectors import DossierDetail, dossier_detail, report_of, report_problems
from organisation.models import Unit

from .enums import NOMINEE_ASPECTS, ItemAspect
from .models import DossierReview, NomineeDecision, ReviewItem, ReviewReturn

S = DossierState
# States in which a unit has handed its dossier in (a returned one is being fixed, not owed anew).
HANDED_IN_STATES = (S.SUBMITTED, S.RETURNED, S.RESUBMITTED, S.ACCEPTED, S.REJECTED)
STATE_ORDER = [S.SUBMITTED, S.RESUBMITTED, S.RETURNED, S.DRAFT, S.ACCEPTED, S.REJECTED, S.WITHDRAWN]


# ---- inbox ----------------------------------------------------------------------------------------------------
def inbox_order(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """The inbox's dossiers (the campaign's, filtered), waiting ones first (oldest submission first), with the
    unit and the review row. No join with the nominees: the paginator counts over the dossier table alone and the
    page's nominee counts come from `inbox_page_rows` for the page's rows only. (Applied after the filters, on
    a miss of the inbox's cache only: building the ordering costs as much as a query's compilation.)"""
    state_rank = Case(
        *[When(state=state, then=Value(i)) for i, state in enumerate(STATE_ORDER)],
        default=Value(len(STATE_ORDER)),
        output_field=IntegerField(),
    )
    return (
        qs.select_related("unit", "review")
        .annotate(state_rank=state_rank)
        .order_by("state_rank", "submitted_at", "unit__order", "unit__name")
    )


def inbox_page_rows(qs: QuerySet[Dossier], page) -> list[Dossier]:
    """The page's dossiers (the paginator's slice of the filtered list) with, as plain values, their
    collective and individual counts and the two fields of their review the row shows (`received_submission`,
    `supplement_due`), in one query: each a correlated subquery, which PostgreSQL evaluates after the sort
    and the limit, for the page's rows only. (Filtering by the ids of the sliced list as a subquery made
    Django copy and relabel the whole filtered query on every request, a visible share of the view in
    cProfile; joining the reviews before the sort read all 20,000 of them at city scale.)"""
    start = page.start_index() - 1 if page.paginator.count else 0
    review = DossierReview.objects.filter(dossier=OuterRef("pk"))
    return list(
        qs.select_related(None)
        .select_related("unit")
        .annotate(
            collective_count=_nominee_count(NomineeKind.COLLECTIVE),
            individual_count=_nominee_count(NomineeKind.INDIVIDUAL),
            received_submission=Subquery(review.values("received_submission")[:1]),
            supplement_due=Subquery(review.values("supplement_due")[:1]),
        )[start : start + page.paginator.per_page]
    )


def _nominee_count(kind: str) -> Coalesce:
    counted = (
        Nominee.objects.filter(dossier=OuterRef("pk"), kind=kind)
        .order_by()
        .values("dossier")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_award_kind(qs: QuerySet[Dossier], award_kind: str) -> QuerySet[Dossier]:
    return qs.filter(Exists(Nominee.objects.filter(dossier=OuterRef("pk"), award_kind=award_kind)))


def state_counts(campaign: Campaign) -> dict[str, int]:
    """{state: number of dossiers} for every state (zeros included), in one query."""
    counts = dict(
        Dossier.objects.filter(campaign=campaign).values_list("state").annotate(n=Count("pk")).order_by()
    )
    return {state: counts.get(state, 0) for state in DossierState.values}


def units_not_submitted(campaign: Campaign) -> list[str]:
    """Names of the active units of the ward with no dossier handed in (none, a draft or withdrawn): one
    query, names only (hundreds of units in a city, listed on the inbox)."""
    handed_in = Dossier.objects.filter(unit=OuterRef("pk"), campaign=campaign, state__in=HANDED_IN_STATES)
    return list(
        Unit.objects.filter(is_active=True, parent__isnull=True)
        .exclude(Exists(handed_in))
        .order_by("order", "name")
        .values_list("name", flat=True)
    )


# ---- review page ----------------------------------------------------------------------------------------------
@dataclass
class ChecklistRow:
    """One line of the checklist: what is checked, what the system already knows, the saved finding."""

    key: str
    aspect: str
    label: str  # what the unit is told: "Báo cáo thành tích – Ông Trần Ngọc Sơn"
    title: str  # the row's heading on the page
    facts: list[str]
    facts_ok: bool | None  # True/False when the system can tell, None when only the reviewer can
    item: ReviewItem | None
    requirement: object | None = None
    nominee: Nominee | None = None

    @property
    def status(self) -> str:
        return self.item.status if self.item else ""

    @property
    def comment(self) -> str:
        return self.item.comment if self.item else ""


@dataclass
class NomineeBlock:
    nominee: Nominee
    rows: list[ChecklistRow]
    decision: NomineeDecision | None
    vote: object | None


@dataclass
class ReviewPage:
    dossier: Dossier
    detail: DossierDetail
    review: DossierReview
    requirement_rows: list[ChecklistRow]
    nominee_blocks: list[NomineeBlock]
    returns: list[ReviewReturn]
    history: list = field(default_factory=list)

    @property
    def rows(self) -> list[ChecklistRow]:
        return self.requirement_rows + [r for b in self.nominee_blocks for r in b.rows]

    def row(self, key: str) -> ChecklistRow | None:
        return next((r for r in self.rows if r.key == key), None)

    @property
    def is_pending(self) -> bool:
        return self.dossier.state in PENDING_REVIEW_STATES


def requirement_key(requirement) -> str:
    return f"req-{requirement.pk}"


def nominee_key(nominee: Nominee, aspect: str) -> str:
    return f"nom-{nominee.pk}-{aspect}"


def _requirement_facts(detail: DossierDetail, requirement) -> tuple[list[str], bool | None]:
    kind = requirement.kind
    if kind == DossierComponentKind.COVER_LETTER:
        return [
            _("Tờ trình kèm danh sách %(n)s tập thể, cá nhân được lập từ hồ sơ.")
            % {"n": len(detail.nominees)}
        ], (bool(detail.nominees))
    if kind == DossierComponentKind.ACHIEVEMENT_REPORT:
        confirmed = sum(1 for n in detail.nominees if (r := report_of(n)) is not None and r.is_confirmed)
        total = len(detail.nominees)
        return [
            _("%(done)s/%(total)s báo cáo thành tích có xác nhận của thủ trưởng.")
            % {"done": confirmed, "total": total}
        ], (total > 0 and confirmed == total)
    if kind == DossierComponentKind.UNIT_MINUTES:
        minutes = detail.minutes
        if minutes is None:
            return [_("Chưa có biên bản họp.")], False
        facts = [
            _("Họp ngày %(date)s, có mặt %(present)s/%(total)s thành viên.")
            % {
                "date": minutes.meeting_date.strftime("%d/%m/%Y"),
                "present": minutes.members_present,
                "total": minutes.members_total,
            },
            _("Bản chụp có chữ ký: %(n)s tệp.") % {"n": len(detail.minutes_scans)},
        ]
        return facts, bool(detail.minutes_scans)
    files = [a.original_name for a in detail.attachments if a.requirement_id == requirement.pk]
    if files:
        return [_("Tệp: %(names)s") % {"names": ", ".join(files)}], True
    return [_("Chưa có tệp nào cho thành phần này.")], False if requirement.required else None


def _nominee_rows(nominee: Nominee, items: dict) -> list[ChecklistRow]:
    report = report_of(nominee)
    name = nominee.formal_name
    rows = []
    for aspect in NOMINEE_ASPECTS:
        if aspect == ItemAspect.STANDARD:
            facts = [s.text for s in nominee.standards.all()] or [_("Chưa chọn tiêu chuẩn.")]
            facts.append(_("Minh chứng: %(text)s") % {"text": nominee.evidence or "—"})
            ok = None
        elif aspect == ItemAspect.DECLARATIONS:
            ok = bool(report and report.declarations_affirmed)
            facts = [_("Đã cam kết đủ 4 nội dung.") if ok else _("Chưa cam kết đủ 4 nội dung.")]
        else:
            problems = report_problems(nominee)
            ok = not problems
            facts = problems or [
                _("Đủ các mục; thủ trưởng xác nhận ngày %(date)s.")
                % {"date": timezone.localtime(report.confirmed_at).strftime("%d/%m/%Y")}
            ]
        rows.append(
            ChecklistRow(
                key=nominee_key(nominee, aspect),
                aspect=aspect,
                label=f"{ItemAspect(aspect).label} – {name}",
                title=str(ItemAspect(aspect).label),
                facts=facts,
                facts_ok=ok,
                item=items.get((nominee.pk, aspect)),
                nominee=nominee,
            )
        )
    return rows


def review_page(dossier: Dossier, *, with_history: bool = True) -> ReviewPage:
    """Everything the review page needs, in a fixed number of queries whatever the number of nominees."""
    detail = dossier_detail(dossier, with_history=with_history)
    dossier = detail.dossier
    review = dossier._state.fields_cache.get("review")  # select_related("review") by the review page
    if review is None:
        review, _created = DossierReview.objects.get_or_create(dossier=dossier)
    items = list(ReviewItem.objects.filter(review=review))
    by_requirement = {i.requirement_id: i for i in items if i.requirement_id}
    by_nominee = {(i.nominee_id, i.aspect): i for i in items if i.nominee_id}
    decisions = {d.nominee_id: d for d in NomineeDecision.objects.filter(dossier=dossier)}
    requirement_rows = []
    for requirement in detail.requirements:
        facts, ok = _requirement_facts(detail, requirement)
        requirement_rows.append(
            ChecklistRow(
                key=requirement_key(requirement),
                aspect=ItemAspect.REQUIREMENT,
                label=requirement.text,
                title=requirement.text,
                facts=facts,
                facts_ok=ok,
                item=by_requirement.get(requirement.pk),
                requirement=requirement,
            )
        )
    votes = detail.minutes.vote_by_nominee if detail.minutes is not None else {}
    blocks = [
        NomineeBlock(
            nominee=n, rows=_nominee_rows(n, by_nominee), decision=decisions.get(n.pk), vote=votes.get(n.pk)
        )
        for n in detail.nominees
    ]
    returns = list(
        ReviewReturn.objects.filter(dossier=dossier).select_related("created_by", "created_by__official")
    )
    return ReviewPage(
        dossier=dossier,
        detail=detail,
        review=review,
        requirement_rows=requirement_rows,
        nominee_blocks=blocks,
        returns=returns,
        history=detail.history,
    )


# ---- for the council (issue 5) -------------------------------------------------------------------------------
def accepted_nominees(campaign: Campaign) -> QuerySet[Nominee]:
    """Nominees the office puts before the ward council: those of accepted dossiers that the office did
    not reject one by one (a dossier accepted without per-nominee decisions counts whole)."""
    rejected = NomineeDecision.objects.filter(
        nominee=OuterRef("pk"), decision=NomineeDecision.Decision.REJECTED
    )
    return (
        Nominee.objects.filter(dossier__campaign=campaign, dossier__state=DossierState.ACCEPTED)
        .exclude(Exists(rejected))
        .select_related("dossier", "dossier__unit", "official", "unit")
        .order_by("dossier__unit__order", "kind", "order", "id")
    )


def latest_return(dossier: Dossier) -> ReviewReturn | None:
    return ReviewReturn.objects.filter(dossier=dossier).first()


def is_overdue_on(dossier: Dossier, today: date) -> bool:
    from .deadlines import review_due

    due = review_due(dossier)
    return due is not None and today > due
