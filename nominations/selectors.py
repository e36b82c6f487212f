"""Reads on dossiers, each with a fixed number of queries, and the completeness check they feed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_list_for_object
from anhai_thidua.core.permissions import allowed
from campaigns.enums import CampaignStatus, DossierComponentKind, NomineeKind
from campaigns.models import Campaign, Standard
from organisation.models import Official, Unit

from .enums import DossierState
from .models import AchievementReport, Attachment, DeadlineExtension, Dossier, Nominee, UnitMinutes


def dossier_scope_for_user(user) -> QuerySet[Dossier]:
    """The dossiers a user may open at all (views look dossiers up through it: others are a 404), with what
    every dossier page reads (its minutes: dossier_detail then needs no query of its own for them)."""
    qs = Dossier.objects.select_related("campaign", "unit", "minutes")
    if not user.is_authenticated:
        return qs.none()
    if allowed(user, "nominations.review_dossier"):
        return qs
    return qs.filter(unit_id__in=user.headed_unit_ids())


def dossier_list_for_user(user) -> QuerySet[Dossier]:
    """Dossiers the user may see: the office and the administrator all; a unit head the own units'."""
    qs = Dossier.objects.select_related("campaign", "unit")
    if allowed(user, "nominations.review_dossier"):
        return qs.order_by("-campaign__period_start", "unit__order", "unit__name")
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(unit_id__in=user.headed_unit_ids()).order_by("-campaign__period_start", "unit__order")


def dossier_list_page(qs: QuerySet[Dossier], number, per_page: int = 25) -> Page:
    """One page of `dossier_list_for_user(...)` (filtered or not) with its rows' nominee counts.

    The list is ordered by the campaign's start, newest first, then by unit: sorting every dossier of every
    campaign for 25 rows took ~11 ms at city scale (20,000 dossiers, hash joins with the units and the
    campaigns before the sort). Instead a count per campaign (which also gives the paginator its total) and
    the campaigns' starts tell which starts the page falls in, and only their dossiers are sorted (an index
    scan on the campaign); the page's rows are then read as before. 4 queries, whatever the history."""
    per_campaign = dict(qs.order_by().values_list("campaign_id").annotate(n=Count("pk")))  # no join, no sort
    period_of = dict(Campaign.objects.filter(pk__in=per_campaign).values_list("pk", "period_start"))
    sizes: dict = {}
    for campaign_id, n in per_campaign.items():
        sizes[period_of[campaign_id]] = sizes.get(period_of[campaign_id], 0) + n
    groups = sorted(sizes.items(), reverse=True)  # newest start first, as the list
    paginator = Paginator(qs, per_page)
    paginator.count = sum(n for _start, n in groups)  # the cached_property, from the counts above
    page = paginator.get_page(number)
    start, stop = page.start_index() - 1, page.end_index()
    starts, skip, before = [], 0, 0
    for period_start, n in groups:
        if before + n > start and before < stop:
            if not starts:
                skip = start - before
            starts.append(period_start)
        before += n
    ids = qs.filter(campaign__period_start__in=starts).values("pk")[skip : skip + stop - start]
    page.object_list = (
        list(
            Dossier.objects.filter(pk__in=ids)
            .select_related("campaign", "unit")
            .annotate(nominee_count=Count("nominees"))
            .order_by(*qs.query.order_by)
        )
        if starts
        else []
    )
    return page


def campaigns_open_for_dossier(user) -> list[tuple[Campaign, Unit]]:
    """(campaign, unit) pairs where a unit head may still open a dossier: launched, none yet (2 queries)."""
    unit_ids = user.headed_unit_ids() if user.is_authenticated else set()
    if not unit_ids:
        return []
    # Only what the list prints: the pairs are kept in the list's cache (nominations/views/listing.py).
    units = list(Unit.objects.filter(pk__in=unit_ids, parent__isnull=True).only("id", "name"))
    campaigns = list(
        Campaign.objects.filter(status=CampaignStatus.LAUNCHED)
        .only("id", "title", "submission_deadline")
        .prefetch_related(
            Prefetch(
                "dossiers",
                queryset=Dossier.objects.filter(unit_id__in=unit_ids).only("id", "unit_id", "campaign_id"),
            )
        )
    )
    pairs = []
    for campaign in campaigns:
        taken = {d.unit_id for d in campaign.dossiers.all()}
        pairs += [(campaign, unit) for unit in units if unit.pk not in taken]
    return pairs


def officials_for_dossier(dossier: Dossier) -> QuerySet[Official]:
    """Officials a unit may nominate: active members of the unit and of its teams."""
    return (
        Official.objects.filter(is_active=True, unit__in=teams_for_dossier(dossier))
        .select_related("unit")
        .order_by("sort_key")
    )


def teams_for_dossier(dossier: Dossier) -> QuerySet[Unit]:
    """Collectives a unit may nominate: itself and its teams."""
    from django.db.models import Q

    return Unit.objects.filter(Q(pk=dossier.unit_id) | Q(parent_id=dossier.unit_id)).order_by(
        "parent_id", "order", "name"
    )


def extension_for(campaign: Campaign, unit: Unit) -> DeadlineExtension | None:
    return DeadlineExtension.objects.filter(campaign=campaign, unit=unit).first()


def effective_deadline(campaign: Campaign, extension: DeadlineExtension | None) -> date | None:
    """The last day the unit may submit: the campaign's deadline, or the later extended one."""
    deadline = campaign.submission_deadline
    if extension is not None and (deadline is None or extension.new_deadline > deadline):
        return extension.new_deadline
    return deadline


@dataclass
class DossierDetail:
    """Everything the dossier page, the completeness check and the documents need."""

    dossier: Dossier
    nominees: list[Nominee]
    minutes: object | None
    attachments: list[Attachment]
    requirements: list
    award_kinds: set[str]
    extension: DeadlineExtension | None
    history: list = field(default_factory=list)

    @property
    def collectives(self) -> list[Nominee]:
        return [n for n in self.nominees if n.kind == NomineeKind.COLLECTIVE]

    @property
    def individuals(self) -> list[Nominee]:
        return [n for n in self.nominees if n.kind == NomineeKind.INDIVIDUAL]

    @property
    def deadline(self) -> date | None:
        return effective_deadline(self.dossier.campaign, self.extension)

    def attachments_of(self, kind: str, nominee: Nominee | None = None) -> list[Attachment]:
        return [
            a for a in self.attachments if a.kind == kind and (nominee is None or a.nominee_id == nominee.pk)
        ]

    @property
    def minutes_scans(self) -> list[Attachment]:
        return self.attachments_of(DossierComponentKind.UNIT_MINUTES)

    @property
    def other_attachments(self) -> list[Attachment]:
        return [
            a
            for a in self.attachments
            if a.kind in (DossierComponentKind.OTHER, DossierComponentKind.COVER_LETTER)
        ]

    @property
    def nominee_rows(self) -> list[dict]:
        """Per nominee: its report, the report's problems, its unit vote and its signed scans."""
        votes = self.minutes.vote_by_nominee if self.minutes is not None else {}
        return [
            {
                "nominee": n,
                "report": report_of(n),
                "problems": report_problems(n),
                "vote": votes.get(n.pk),
                "scans": self.attachments_of(DossierComponentKind.ACHIEVEMENT_REPORT, n),
            }
            for n in self.nominees
        ]

    def missing(self) -> list[str]:
        return dossier_missing(self)

    def blockers(self, today: date | None = None) -> list[str]:
        return submission_blockers(self, today=today)


def dossier_detail(dossier: Dossier, *, with_history: bool = True) -> DossierDetail:
    """Load one dossier whole in a fixed number of queries, whatever the number of nominees."""
    if "campaign" not in dossier._state.fields_cache or "unit" not in dossier._state.fields_cache:
        dossier = Dossier.objects.select_related("campaign", "unit").get(pk=dossier.pk)
    # The report's prior awards (table III) are read by the report form and the PDF, each with its own query.
    nominees = list(
        Nominee.objects.filter(dossier=dossier)
        .select_related("official", "official__unit", "unit", "unit__parent", "report", "unit_vote")
        .prefetch_related(Prefetch("standards", queryset=Standard.objects.order_by("order", "id")))
        .order_by("kind", "order", "id")
    )
    minutes = minutes_of(dossier)
    if minutes is not None:
        # A vote belongs to the dossier's minutes (one per nominee), fetched with its nominee.
        minutes.vote_by_nominee = {n.pk: n.unit_vote for n in nominees if hasattr(n, "unit_vote")}
    attachments = list(
        Attachment.objects.filter(dossier=dossier)
        .select_related(
            "uploaded_by", "uploaded_by__official", "nominee", "nominee__official", "nominee__unit"
        )
        .order_by("kind", "uploaded_at", "id")
    )
    campaign = dossier.campaign
    requirements = list(campaign.dossier_requirements.all())
    award_kinds = set(campaign.award_forms.values_list("kind", flat=True))
    extension = DeadlineExtension.objects.filter(
        campaign_id=dossier.campaign_id, unit_id=dossier.unit_id
    ).first()
    history = list(audit_list_for_object(dossier)) if with_history else []
    return DossierDetail(
        dossier=dossier,
        nominees=nominees,
        minutes=minutes,
        attachments=attachments,
        requirements=requirements,
        award_kinds=award_kinds,
        extension=extension,
        history=history,
    )


def minutes_of(dossier: Dossier) -> UnitMinutes | None:
    """The dossier's minutes: from select_related("minutes") (dossier_scope_for_user) when it was read with them."""
    if "minutes" in dossier._state.fields_cache:
        return dossier._state.fields_cache["minutes"]
    return UnitMinutes.objects.filter(dossier=dossier).first()


def report_of(nominee: Nominee) -> AchievementReport | None:
    try:
        return nominee.report
    except AchievementReport.DoesNotExist:
        return None


def report_problems(nominee: Nominee) -> list[str]:
    """What keeps one nominee's report from being complete, in Vietnamese."""
    name = nominee.formal_name
    report = report_of(nominee)
    if report is None:
        return [_("Chưa lập báo cáo thành tích của %(name)s.") % {"name": name}]
    problems = []
    missing = report.missing_fields()
    if missing:
        problems.append(
            _("Báo cáo thành tích của %(name)s còn thiếu: %(fields)s.")
            % {"name": name, "fields": ", ".join(missing)}
        )
    if not report.declarations_affirmed:
        problems.append(
            _(
                "Báo cáo thành tích của %(name)s chưa cam kết đủ các nội dung: không trong thời gian xem xét kỷ "
                "luật, không bị điều tra, thanh tra, không có khiếu nại, tố cáo đang xác minh."
            )
            % {"name": name}
        )
    if not report.is_confirmed:
        problems.append(
            _("Báo cáo thành tích của %(name)s chưa có xác nhận của thủ trưởng đơn vị.") % {"name": name}
        )
    return problems


def dossier_missing(detail: DossierDetail) -> list[str]:
    """Every missing piece of the dossier (plan III.4), in Vietnamese; empty when it is complete."""
    problems: list[str] = []
    if not detail.nominees:
        problems.append(_("Hồ sơ chưa có tập thể, cá nhân nào được đề nghị khen thưởng."))
    for nominee in detail.nominees:
        name = nominee.formal_name
        if nominee.award_kind not in detail.award_kinds:
            problems.append(
                _("Hình thức khen thưởng đề nghị cho %(name)s không có trong kế hoạch.") % {"name": name}
            )
        if not nominee.standards.all():
            problems.append(_("Chưa chọn tiêu chuẩn khen thưởng mà %(name)s đạt được.") % {"name": name})
        if not nominee.evidence.strip():
            problems.append(_("Chưa ghi minh chứng, thành tích tiêu biểu của %(name)s.") % {"name": name})
        problems += report_problems(nominee)
    minutes = detail.minutes
    if minutes is None:
        problems.append(_("Chưa có biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị."))
    else:
        quorum = Decimal(settings.COUNCIL_QUORUM)
        if minutes.members_total and Decimal(minutes.members_present) < quorum * minutes.members_total:
            problems.append(
                _("Biên bản họp: số thành viên có mặt (%(present)s/%(total)s) chưa đủ hai phần ba.")
                % {"present": minutes.members_present, "total": minutes.members_total}
            )
        for nominee in detail.nominees:
            vote = minutes.vote_by_nominee.get(nominee.pk)
            name = nominee.formal_name
            if vote is None:
                problems.append(
                    _("Biên bản họp chưa ghi kết quả biểu quyết đối với %(name)s.") % {"name": name}
                )
            elif vote.votes_total > minutes.members_present:
                problems.append(
                    _(
                        "Biên bản họp: số phiếu biểu quyết đối với %(name)s (%(total)s) nhiều hơn số thành viên có mặt."
                    )
                    % {"name": name, "total": vote.votes_total}
                )
            elif vote.votes_for * 2 <= vote.votes_total:
                problems.append(
                    _("%(name)s được %(for)s/%(total)s phiếu đồng ý, chưa quá nửa nên không thể đề nghị.")
                    % {"name": name, "for": vote.votes_for, "total": vote.votes_total}
                )
        if not detail.minutes_scans:
            problems.append(_("Chưa tải lên bản chụp biên bản họp có chữ ký."))
    for requirement in detail.requirements:
        if requirement.required and requirement.kind == DossierComponentKind.OTHER:
            if not any(a.requirement_id == requirement.pk for a in detail.attachments):
                problems.append(_("Chưa tải lên: %(text)s") % {"text": requirement.text})
    return problems


def letter_date_problem(letter_date: date | None, submission_day: date) -> str | None:
    """Why a tờ trình dated `letter_date` cannot go with a dossier submitted on `submission_day` (None if it can)."""
    if letter_date is None or letter_date <= submission_day:
        return None
    return _(
        "Ngày tờ trình %(date)s sau ngày nộp hồ sơ (%(day)s): tờ trình không được ghi ngày sau ngày nộp hồ sơ."
    ) % {"date": letter_date.strftime("%d/%m/%Y"), "day": submission_day.strftime("%d/%m/%Y")}


def minutes_date_problem(meeting_date: date | None, submission_day: date) -> str | None:
    """Why minutes dated `meeting_date` cannot go with a dossier submitted on `submission_day` (None if they can).

    The unit's council meets before its head submits the dossier: minutes dated after the submission (or, while
    editing, after today, since the dossier cannot be submitted earlier than today) are refused."""
    if meeting_date is None or meeting_date <= submission_day:
        return None
    return _(
        "Ngày họp %(date)s sau ngày nộp hồ sơ (%(day)s): biên bản họp Hội đồng của đơn vị không được ghi ngày "
        "sau ngày nộp hồ sơ. Hãy ghi ngày đã họp."
    ) % {"date": meeting_date.strftime("%d/%m/%Y"), "day": submission_day.strftime("%d/%m/%Y")}


def submission_blockers(detail: DossierDetail, *, today: date | None = None) -> list[str]:
    """Reasons outside the dossier's content that stop a submission: campaign state, deadline."""
    return dossier_blockers(detail.dossier, minutes=detail.minutes, extension=detail.extension, today=today)


def dossier_blockers(
    dossier: Dossier,
    *,
    minutes: UnitMinutes | None,
    extension: DeadlineExtension | None,
    today: date | None = None,
) -> list[str]:
    """submission_blockers() from the dossier (with its campaign), its minutes and its extension alone: the
    dossier page's cached sections keep the extension, the minutes come with the dossier."""
    campaign = dossier.campaign
    today = today or timezone.localdate()
    problems = []
    if campaign.status != CampaignStatus.LAUNCHED:
        problems.append(
            _("Phong trào đang ở trạng thái “%(state)s”: chỉ nộp hồ sơ khi phong trào đã phát động.")
            % {"state": campaign.get_status_display()}
        )
    if minutes is not None:
        problem = minutes_date_problem(minutes.meeting_date, today)
        if problem:
            problems.append(problem)
    problem = letter_date_problem(dossier.letter_date, today)
    if problem:
        problems.append(problem)
    deadline = effective_deadline(campaign, extension)
    # A dossier the office returned for supplements may come back after the deadline: the office asked.
    if deadline is not None and today > deadline and dossier.state != DossierState.RETURNED:
        if extension is not None:
            problems.append(
                _("Đã quá hạn nộp hồ sơ được gia hạn (%(date)s).") % {"date": deadline.strftime("%d/%m/%Y")}
            )
        else:
            problems.append(
                _(
                    "Đã quá hạn nộp hồ sơ (%(date)s). Đơn vị chỉ nộp được khi Phòng Văn hóa - Xã hội "
                    "gia hạn cho đơn vị."
                )
                % {"date": deadline.strftime("%d/%m/%Y")}
            )
    return problems
