"""Nomination dossiers (hồ sơ đề nghị khen thưởng): the unit's nominees, their achievement reports, the
unit's council minutes and the attached files. Workflow lives in services.py, never in save()."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.enums import AwardKind, DossierComponentKind, NomineeKind
from campaigns.models import Campaign, DossierRequirement, Standard
from organisation.enums import Gender
from organisation.models import Official, Unit

from .enums import EDITABLE_STATES, STATE_BADGES, DossierState


class Dossier(models.Model):
    """One unit's nomination dossier for one campaign."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), related_name="dossiers", on_delete=models.PROTECT
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), related_name="dossiers", on_delete=models.PROTECT
    )
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=DossierState.choices, default=DossierState.DRAFT
    )
    # Optimistic concurrency: every write bumps it; a transition may name the version the user saw.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    letter_number = models.CharField(
        _("số tờ trình"), max_length=20, blank=True, help_text=_("Để trống nếu đơn vị ghi số khi ký.")
    )
    letter_date = models.DateField(
        _("ngày tờ trình"),
        null=True,
        blank=True,
        help_text=_("Để trống: tờ trình mang ngày nộp hồ sơ. Không được sau ngày nộp hồ sơ."),
    )
    submitted_at = models.DateTimeField(_("nộp lần cuối lúc"), null=True, blank=True)
    submission_count = models.PositiveIntegerField(_("số lần nộp"), default=0)
    last_note = models.TextField(_("ghi chú gần nhất của Phòng VH-XH"), blank=True)
    decided_at = models.DateTimeField(_("tiếp nhận/không tiếp nhận lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["campaign", "unit__order", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="dossier_once_per_campaign_unit"),
        ]
        indexes = [
            # The review inbox and the state counts: a campaign's dossiers by state, oldest submission first.
            models.Index(fields=["campaign", "state", "submitted_at"], name="dossier_campaign_state_idx"),
        ]

    def __str__(self):
        return f"{self.unit.name} — {self.campaign.title}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def state_badge(self) -> str:
        return STATE_BADGES.get(self.state, "secondary")


class Nominee(models.Model):
    """A collective (the unit or one of its teams) or an individual (an official of the unit) proposed."""

    dossier = models.ForeignKey(Dossier, related_name="nominees", on_delete=models.CASCADE)
    kind = models.CharField(_("đối tượng"), max_length=20, choices=NomineeKind.choices)
    official = models.ForeignKey(
        Official,
        verbose_name=_("cán bộ, công chức"),
        null=True,
        blank=True,
        related_name="nominations",
        on_delete=models.PROTECT,
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        related_name="nominations",
        on_delete=models.PROTECT,
    )
    award_kind = models.CharField(_("hình thức đề nghị"), max_length=20, choices=AwardKind.choices)
    standards = models.ManyToManyField(Standard, verbose_name=_("tiêu chuẩn đạt được"), related_name="+")
    evidence = models.TextField(_("minh chứng, thành tích tiêu biểu"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tập thể, cá nhân được đề nghị")
        verbose_name_plural = _("tập thể, cá nhân được đề nghị")
        ordering = ["dossier", "kind", "order", "id"]
        # The inbox's award-form filter (EXISTS a nominee of this dossier with this award kind).
        indexes = [models.Index(fields=["dossier", "award_kind"], name="nominee_dossier_award_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=NomineeKind.INDIVIDUAL, official__isnull=False, unit__isnull=True)
                    | Q(kind=NomineeKind.COLLECTIVE, unit__isnull=False, official__isnull=True)
                ),
                name="nominee_official_xor_unit",
            ),
            models.UniqueConstraint(
                fields=["dossier", "official"],
                condition=Q(official__isnull=False),
                name="nominee_official_once",
            ),
            models.UniqueConstraint(
                fields=["dossier", "unit"], condition=Q(unit__isnull=False), name="nominee_unit_once"
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def is_individual(self) -> bool:
        return self.kind == NomineeKind.INDIVIDUAL

    @property
    def display_name(self) -> str:
        if self.is_individual:
            return self.official.full_name if self.official_id else ""
        return self.unit.name if self.unit_id else ""

    @property
    def formal_name(self) -> str:
        """ "Ông Nguyễn Văn A" or the collective's name, as official documents write it."""
        if self.is_individual and self.official_id:
            return f"{self.official.honorific} {self.official.full_name}"
        return self.display_name


class AchievementReport(models.Model):
    """The achievement report (báo cáo thành tích) of one nominee, in the official template's sections.

    Individual: I. brief CV (cv_*), II. duties, results, initiatives, III. awards received (PriorAward).
    Collective: I. profile (profile_*), II. results, initiatives, III. awards received.
    """

    nominee = models.OneToOneField(Nominee, related_name="report", on_delete=models.CASCADE)
    # I. Individual: brief CV
    cv_full_name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    cv_birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    cv_gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    cv_hometown = models.CharField(_("quê quán"), max_length=200, blank=True)
    cv_residence = models.CharField(_("nơi ở hiện nay"), max_length=200, blank=True)
    cv_position = models.CharField(_("chức vụ (Đảng, chính quyền, đoàn thể)"), max_length=200, blank=True)
    cv_unit_name = models.CharField(_("đơn vị công tác"), max_length=200, blank=True)
    cv_qualification = models.CharField(_("trình độ chuyên môn, nghiệp vụ"), max_length=200, blank=True)
    cv_political_theory = models.CharField(_("trình độ lý luận chính trị"), max_length=100, blank=True)
    cv_years_of_service = models.PositiveSmallIntegerField(_("số năm công tác"), null=True, blank=True)
    # I. Collective: profile
    profile_address = models.CharField(_("địa chỉ trụ sở"), max_length=200, blank=True)
    profile_structure = models.TextField(_("cơ cấu tổ chức"), blank=True)
    profile_staff_total = models.PositiveSmallIntegerField(
        _("tổng số cán bộ, công chức"), null=True, blank=True
    )
    profile_staff_women = models.PositiveSmallIntegerField(_("trong đó nữ"), null=True, blank=True)
    profile_functions = models.TextField(_("chức năng, nhiệm vụ được giao"), blank=True)
    # II. Achievements
    duties = models.TextField(_("nhiệm vụ được giao"), blank=True)
    results = models.TextField(_("thành tích đạt được"), blank=True)
    initiatives = models.TextField(_("sáng kiến, giải pháp, cách làm mới"), blank=True)
    # Declarations NĐ 152 Điều 4 asks for: each must be affirmed before submission.
    not_under_discipline = models.BooleanField(_("không trong thời gian bị xem xét kỷ luật"), default=False)
    not_under_investigation = models.BooleanField(_("không đang bị điều tra"), default=False)
    not_under_inspection = models.BooleanField(_("không đang bị thanh tra, kiểm tra"), default=False)
    no_pending_complaint = models.BooleanField(
        _("không có đơn thư khiếu nại, tố cáo đang được xác minh"), default=False
    )
    # The unit head's confirmation (cleared whenever the report changes afterwards)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    confirmed_by_name = models.CharField(_("người xác nhận"), max_length=120, blank=True)
    confirmed_by_title = models.CharField(_("chức vụ người xác nhận"), max_length=200, blank=True)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(auto_now=True)

    TEXT_FIELDS = (
        "cv_full_name",
        "cv_hometown",
        "cv_residence",
        "cv_position",
        "cv_unit_name",
        "cv_qualification",
        "cv_political_theory",
        "profile_address",
        "profile_structure",
        "profile_functions",
        "duties",
        "results",
        "initiatives",
    )
    DECLARATION_FIELDS = (
        "not_under_discipline",
        "not_under_investigation",
        "not_under_inspection",
        "no_pending_complaint",
    )
    INDIVIDUAL_REQUIRED = (
        "cv_full_name",
        "cv_birth_date",
        "cv_gender",
        "cv_hometown",
        "cv_position",
        "cv_unit_name",
        "cv_qualification",
        "cv_years_of_service",
        "duties",
        "results",
    )
    COLLECTIVE_REQUIRED = ("profile_structure", "profile_staff_total", "profile_functions", "results")

    class Meta:
        verbose_name = _("báo cáo thành tích")
        verbose_name_plural = _("báo cáo thành tích")
        constraints = [
            models.CheckConstraint(
                condition=Q(profile_staff_women__isnull=True)
                | Q(profile_staff_total__isnull=True)
                | Q(profile_staff_women__lte=models.F("profile_staff_total")),
                name="report_women_not_above_total",
            ),
        ]

    def __str__(self):
        return f"{_('Báo cáo thành tích')}: {self.nominee}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def declarations_affirmed(self) -> bool:
        return all(getattr(self, name) for name in self.DECLARATION_FIELDS)

    def required_fields(self) -> tuple[str, ...]:
        if self.nominee.kind == NomineeKind.INDIVIDUAL:
            return self.INDIVIDUAL_REQUIRED
        return self.COLLECTIVE_REQUIRED

    def missing_fields(self) -> list[str]:
        """Verbose names of the required fields still empty."""
        missing = []
        for name in self.required_fields():
            value = getattr(self, name)
            if value is None or (isinstance(value, str) and not value.strip()):
                missing.append(str(self._meta.get_field(name).verbose_name))
        return missing


class PriorAward(models.Model):
    """III. An award the nominee received before: year, form, decision number and date."""

    report = models.ForeignKey(AchievementReport, related_name="prior_awards", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("năm"))
    form = models.CharField(_("hình thức khen thưởng, danh hiệu"), max_length=300)
    decision = models.CharField(_("số, ngày quyết định; cơ quan ban hành"), max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("khen thưởng đã nhận")
        verbose_name_plural = _("khen thưởng đã nhận")
        ordering = ["order", "year", "id"]

    def __str__(self):
        return f"{self.year}: {self.form}"


class UnitMinutes(models.Model):
    """The minutes of the unit's own emulation council meeting that chose the nominees."""

    dossier = models.OneToOneField(Dossier, related_name="minutes", on_delete=models.CASCADE)
    meeting_date = models.DateField(_("ngày họp"))
    start_time = models.TimeField(_("bắt đầu lúc"), null=True, blank=True)
    end_time = models.TimeField(_("kết thúc lúc"), null=True, blank=True)
    meeting_place = models.CharField(_("địa điểm"), max_length=200)
    chair_name = models.CharField(_("chủ trì"), max_length=120)
    secretary_name = models.CharField(_("thư ký"), max_length=120)
    members_total = models.PositiveSmallIntegerField(_("tổng số thành viên"))
    members_present = models.PositiveSmallIntegerField(_("số thành viên có mặt"))
    content = models.TextField(_("diễn biến, ý kiến thảo luận"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("biên bản họp Hội đồng TĐKT đơn vị")
        verbose_name_plural = _("biên bản họp Hội đồng TĐKT đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=Q(members_present__lte=models.F("members_total")), name="minutes_present_le_total"
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="minutes_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{_('Biên bản họp')} {self.meeting_date:%d/%m/%Y}"


class MinutesVote(models.Model):
    """The unit council's vote on one nominee: how many agreed out of how many voted."""

    minutes = models.ForeignKey(UnitMinutes, related_name="votes", on_delete=models.CASCADE)
    nominee = models.OneToOneField(Nominee, related_name="unit_vote", on_delete=models.CASCADE)
    votes_for = models.PositiveSmallIntegerField(_("số phiếu đồng ý"))
    votes_total = models.PositiveSmallIntegerField(_("tổng số phiếu"))

    class Meta:
        verbose_name = _("kết quả biểu quyết")
        verbose_name_plural = _("kết quả biểu quyết")
        constraints = [
            models.CheckConstraint(
                condition=Q(votes_for__lte=models.F("votes_total")), name="vote_for_le_total"
            ),
        ]

    def __str__(self):
        return f"{self.votes_for}/{self.votes_total}"

    @property
    def percent(self) -> int:
        return round(100 * self.votes_for / self.votes_total) if self.votes_total else 0


class Attachment(models.Model):
    """A file of the dossier: a signed scan of the minutes or of a report, or another required document.

    The file lives under MEDIA_ROOT with a random name (anhai_thidua.core.uploads); downloads go through
    a view that checks permissions and sends the original name.
    """

    dossier = models.ForeignKey(Dossier, related_name="attachments", on_delete=models.CASCADE)
    kind = models.CharField(_("thành phần"), max_length=30, choices=DossierComponentKind.choices)
    requirement = models.ForeignKey(
        DossierRequirement,
        verbose_name=_("đáp ứng yêu cầu"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    nominee = models.ForeignKey(
        Nominee,
        verbose_name=_("của"),
        null=True,
        blank=True,
        related_name="attachments",
        on_delete=models.CASCADE,
    )
    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    file_path = models.CharField(max_length=300, editable=False)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu đính kèm")
        verbose_name_plural = _("tài liệu đính kèm")
        ordering = ["kind", "uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class DeadlineExtension(models.Model):
    """The office lets one unit submit after the campaign's deadline, up to a new date."""

    campaign = models.ForeignKey(Campaign, related_name="deadline_extensions", on_delete=models.CASCADE)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), related_name="+", on_delete=models.CASCADE)
    new_deadline = models.DateField(_("hạn mới"))
    reason = models.TextField(_("lý do"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    granted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("gia hạn nộp hồ sơ")
        verbose_name_plural = _("gia hạn nộp hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="extension_once_per_campaign_unit")
        ]

    def __str__(self):
        return f"{self.unit} → {self.new_deadline:%d/%m/%Y}"
