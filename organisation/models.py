import secrets
import uuid

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .enums import CouncilFunction, Gender, ImportStatus, Role, UnitKind
from .text import document_code, document_code_problem, fold, name_sort_key, nfc


def validate_document_code(value: str) -> None:
    problem = document_code_problem(value)
    if problem:
        raise ValidationError(problem, code="document_code")


class Unit(models.Model):
    """A department, centre or unit of the ward; a team is a unit with a parent."""

    name = models.CharField(_("tên đơn vị"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    code = models.SlugField(_("mã"), max_length=60, unique=True)
    # The unit's part of its document symbols: "TTr-TTSNC", "BB-VPHĐND" (set by the office, never derived).
    document_code = models.CharField(
        _("ký hiệu văn bản"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_document_code],
        help_text=_(
            "Chữ viết tắt của đơn vị trong số, ký hiệu văn bản, ví dụ TTSNC (Tờ trình số …/TTr-TTSNC)."
        ),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices, default=UnitKind.OFFICE)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc đơn vị"),
        null=True,
        blank=True,
        related_name="teams",
        on_delete=models.PROTECT,
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["order", "name"]
        # The directory's unit filter and every unit list: top-level units (or one unit's teams) in order.
        indexes = [models.Index(fields=["parent", "order", "name"], name="unit_parent_order_idx")]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unit_unique_name_in_parent"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self):
        return self.name if self.parent_id is None else f"{self.name} ({self.parent.name})"

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.short_name = nfc(self.short_name)
        self.document_code = document_code(self.document_code or "") or None
        super().save(*args, **kwargs)

    @property
    def top_unit_id(self):
        return self.parent_id or self.pk


class Official(models.Model):
    """A civil servant of the ward (cán bộ, công chức)."""

    code = models.CharField(_("mã cán bộ"), max_length=40, unique=True, null=True, blank=True)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), related_name="officials", on_delete=models.PROTECT
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    is_active = models.BooleanField(_("đang công tác"), default=True)
    sort_key = models.CharField(max_length=500, editable=False, db_index=True, default="")
    search_key = models.CharField(max_length=200, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("cán bộ, công chức")
        verbose_name_plural = _("cán bộ, công chức")
        ordering = ["sort_key"]
        indexes = [
            # The directory: active officials in name order (its page and its count).
            models.Index(fields=["sort_key"], condition=Q(is_active=True), name="official_active_sort_idx"),
            # Officials per unit (the unit filter's counts, a unit's people on the dossier form).
            models.Index(fields=["unit", "is_active"], name="official_unit_active_idx"),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        self.code = self.code or None
        self.position = nfc(self.position)
        self.sort_key = name_sort_key(self.full_name)
        self.search_key = fold(self.full_name)
        super().save(*args, **kwargs)

    @property
    def honorific(self) -> str:
        """ "Ông" or "Bà", as official documents address the person."""
        return "Bà" if self.gender == Gender.FEMALE else "Ông"


class User(AbstractUser):
    """A person who signs in; linked to the official they are, when they are one."""

    official = models.OneToOneField(
        Official,
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        related_name="user",
        on_delete=models.SET_NULL,
    )
    must_change_password = models.BooleanField(
        _("phải đổi mật khẩu"),
        default=False,
        help_text=_("Lần đăng nhập tới, người dùng phải đặt mật khẩu mới trước khi làm việc khác."),
    )

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.official_id:
            if not self.pk or "official" in self._state.fields_cache:
                return self.official.full_name
            return self._profile["name"] or self.official.full_name
        return self.get_full_name() or self.username

    @cached_property
    def _profile(self) -> dict:
        from .usercache import user_profile

        return user_profile(self)

    @cached_property
    def _role_rows(self) -> list[tuple[str, int | None]]:
        """The user's roles, from the per-user cache (organisation/usercache.py), invalidated on change."""
        if not self.pk:
            return []
        return [tuple(row) for row in self._profile["roles"]]

    def role_codes(self) -> set[str]:
        codes = {role for role, _unit in self._role_rows}
        if self.is_superuser:
            codes.add(Role.ADMIN)
        return codes

    def has_role(self, role: str) -> bool:
        return role in self.role_codes()

    def headed_unit_ids(self) -> set[int]:
        return {unit for role, unit in self._role_rows if role == Role.UNIT_HEAD and unit}


class RoleAssignment(models.Model):
    """One role held by a user; a unit head's role names the unit. A person may hold several."""

    user = models.ForeignKey(User, related_name="role_assignments", on_delete=models.CASCADE)
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        # Who holds a role (the office, the chairman, a unit's head): recipients and permission checks.
        indexes = [models.Index(fields=["role", "unit"], name="role_lookup_idx")]
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_unique_per_unit"),
            models.UniqueConstraint(
                fields=["user", "role"], condition=Q(unit__isnull=True), name="role_unique_without_unit"
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.UNIT_HEAD) | Q(unit__isnull=False), name="unit_head_needs_unit"
            ),
        ]

    def __str__(self):
        label = self.get_role_display()
        return f"{label}: {self.unit}" if self.unit_id else str(label)


class Council(models.Model):
    """The ward's Emulation and Commendation Council for one term (Hội đồng TĐKT phường)."""

    name = models.CharField(_("tên"), max_length=200, default="Hội đồng Thi đua - Khen thưởng phường An Hải")
    term = models.CharField(_("nhiệm kỳ"), max_length=50)
    established_by = models.CharField(_("quyết định thành lập"), max_length=200, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("Hội đồng Thi đua - Khen thưởng")
        verbose_name_plural = _("Hội đồng Thi đua - Khen thưởng")
        ordering = ["-starts_on"]

    def __str__(self):
        return f"{self.name} ({self.term})"


class CouncilMembership(models.Model):
    council = models.ForeignKey(Council, related_name="memberships", on_delete=models.CASCADE)
    official = models.ForeignKey(
        Official, verbose_name=_("thành viên"), related_name="council_memberships", on_delete=models.PROTECT
    )
    function = models.CharField(_("chức danh trong Hội đồng"), max_length=20, choices=CouncilFunction.choices)
    title = models.CharField(_("chức vụ, đơn vị"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["council", "official"], name="council_member_once")]

    def __str__(self):
        return f"{self.official} — {self.get_function_display()}"


def _import_upload_to(instance, filename):
    # A random name: the user's file name never reaches the file system. MEDIA_ROOT is not served.
    return f"imports/{secrets.token_hex(16)}.xlsx"


class OrganisationImport(models.Model):
    """One uploaded .xlsx of units and officials: kept until confirmed, then written once."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        User, verbose_name=_("người tải lên"), related_name="organisation_imports", on_delete=models.PROTECT
    )
    file = models.FileField(_("tệp"), upload_to=_import_upload_to)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    applied_at = models.DateTimeField(_("ghi lúc"), null=True, blank=True)
    summary = models.JSONField(_("kết quả"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lần nhập tệp Excel")
        verbose_name_plural = _("lần nhập tệp Excel")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"
