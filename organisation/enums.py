from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    OFFICE = "phong", _("Phòng")
    CENTRE = "trung_tam", _("Trung tâm")
    UNIT = "don_vi", _("Đơn vị")
    TEAM = "to", _("Tổ, bộ phận")


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Role(models.TextChoices):
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    OFFICE = "office", _("Phòng Văn hóa - Xã hội")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng")
    CHAIRMAN = "chairman", _("Chủ tịch UBND phường")
    VICE_CHAIRMAN = "vice_chairman", _("Phó Chủ tịch UBND phường")
    PUBLICITY = "publicity", _("Tuyên truyền (TT Sự nghiệp công)")
    ADMIN = "admin", _("Quản trị hệ thống")


ROLES_NEEDING_UNIT = {Role.UNIT_HEAD}


class CouncilFunction(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    SECRETARY = "secretary", _("Thư ký, Ủy viên thường trực")
    MEMBER = "member", _("Ủy viên")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Chờ xác nhận")
    APPLIED = "applied", _("Đã ghi vào hệ thống")
    DISCARDED = "discarded", _("Đã hủy")


# The only moves an import may make: action -> (who, {from state: to state}). The office member who uploaded
# the file applies or discards it; every other move is refused by organisation/services.py.
IMPORT_TRANSITIONS: dict[str, tuple[str, dict[str, str]]] = {
    "apply": (Role.OFFICE, {ImportStatus.PENDING: ImportStatus.APPLIED}),
    "discard": (Role.OFFICE, {ImportStatus.PENDING: ImportStatus.DISCARDED}),
}


class RowAction(models.TextChoices):
    CREATE = "create", _("Thêm mới")
    UPDATE = "update", _("Cập nhật")
    UNCHANGED = "unchanged", _("Không đổi")
