"""The editor's sections: one page per section, each with its formsets."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from ..enums import NomineeKind, PlanSection
from ..models import AwardForm, Campaign, DossierRequirement, LegalBasis, PlanItem, Quota, Standard
from ..plan_content import registered_plan_contents
from .rows import AwardFormInlineFormSet, ResponsibilityFormSet, RowFormSet, row_formset


@dataclass(frozen=True)
class Part:
    """One formset on a section page, laid out by `template`."""

    prefix: str
    title: str
    formset_class: type
    queryset: object = None
    template: str = "campaigns/_formset.html"


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    parts: tuple[Part, ...] = ()
    help: str = ""


def _plan_items(section: PlanSection, fields, formset=RowFormSet, labels=None, extra=2):
    return row_formset(
        PlanItem, fields, fixed={"section": section}, formset=formset, labels=labels, extra=extra
    )


# The sections campaigns owns; other apps' plan content (campaigns.plan_content) comes in between.
OWN_SECTIONS: tuple[Section, ...] = (
    Section("chung", _("Thông tin chung")),
    Section(
        "can-cu",
        _("Căn cứ"),
        (Part("legal", _("Căn cứ pháp lý"), row_formset(LegalBasis, ["text"])),),
        _("Ghi mỗi văn bản một dòng, không cần chữ “Căn cứ” ở đầu và dấu chấm phẩy ở cuối."),
    ),
    Section(
        "muc-dich",
        _("Mục đích"),
        (
            Part(
                "purpose",
                _("Mục đích"),
                _plan_items(PlanSection.PURPOSE, ["text"]),
                PlanItem.objects.filter(section=PlanSection.PURPOSE),
            ),
        ),
    ),
    Section(
        "yeu-cau",
        _("Yêu cầu"),
        (
            Part(
                "requirement",
                _("Yêu cầu"),
                _plan_items(PlanSection.REQUIREMENT, ["text"]),
                PlanItem.objects.filter(section=PlanSection.REQUIREMENT),
            ),
        ),
    ),
    Section(
        "noi-dung",
        _("Nội dung"),
        (
            Part(
                "content",
                _("Nội dung phong trào thi đua"),
                _plan_items(PlanSection.CONTENT, ["number", "text"]),
                PlanItem.objects.filter(section=PlanSection.CONTENT),
            ),
        ),
        _("Số mục như trong văn bản, ví dụ 2.1, 2.2."),
    ),
    Section(
        "khen-thuong",
        _("Hình thức, số lượng khen thưởng"),
        (
            Part(
                "awards",
                _("Hình thức khen thưởng"),
                AwardFormInlineFormSet,
                AwardForm.objects.prefetch_related(Prefetch("quotas", queryset=Quota.objects.all())),
            ),
        ),
        _("Để trống số lượng khi hình thức đó không giới hạn số lượng (ví dụ: đề nghị cấp trên khen)."),
    ),
    Section(
        "tieu-chuan",
        _("Tiêu chuẩn khen thưởng"),
        tuple(
            Part(
                f"standard_{kind.value}",
                _("Tiêu chuẩn đối với %(kind)s") % {"kind": kind.label.lower()},
                row_formset(Standard, ["text"], fixed={"nominee_kind": kind.value}),
                Standard.objects.filter(nominee_kind=kind.value),
            )
            for kind in NomineeKind
        ),
    ),
    Section(
        "ho-so",
        _("Hồ sơ đề nghị"),
        (
            Part(
                "dossier",
                _("Thành phần hồ sơ"),
                row_formset(DossierRequirement, ["kind", "text", "required"]),
            ),
        ),
    ),
    Section(
        "tien-do",
        _("Tiến độ"),
        (
            Part(
                "progress",
                _("Tiến độ thực hiện"),
                _plan_items(PlanSection.PROGRESS, ["number", "text"]),
                PlanItem.objects.filter(section=PlanSection.PROGRESS),
            ),
        ),
        _("Để trống số mục để đánh số tự động."),
    ),
    Section(
        "to-chuc",
        _("Tổ chức thực hiện"),
        (
            Part(
                "responsibility",
                _("Nhiệm vụ của các phòng, đơn vị"),
                _plan_items(
                    PlanSection.RESPONSIBILITY,
                    ["heading", "text"],
                    formset=ResponsibilityFormSet,
                    labels={"text": _("Nhiệm vụ")},
                    extra=3,
                ),
                PlanItem.objects.filter(section=PlanSection.RESPONSIBILITY),
            ),
        ),
        _(
            "Mỗi dòng là một nhiệm vụ. Tiêu đề nhóm là phòng, đơn vị được giao; để trống tiêu đề để nhiệm vụ "
            "thuộc nhóm ở dòng trên."
        ),
    ),
    Section(
        "noi-nhan",
        _("Nơi nhận"),
        (
            Part(
                "distribution",
                _("Nơi nhận"),
                _plan_items(PlanSection.DISTRIBUTION, ["text"], extra=2),
                PlanItem.objects.filter(section=PlanSection.DISTRIBUTION),
            ),
        ),
        _("Mỗi nơi nhận một dòng, dòng cuối thường là “Lưu: VT, …”."),
    ),
)


def editor_sections() -> tuple[Section, ...]:
    """The editor's pages in order: campaigns' own, each registered plan content after the page it follows."""
    sections = list(OWN_SECTIONS)
    for content in registered_plan_contents():
        index = next(i for i, section in enumerate(sections) if section.slug == content.after)
        sections.insert(index + 1, content.section)
    return tuple(sections)


def editor_section(slug: str) -> Section | None:
    return next((section for section in editor_sections() if section.slug == slug), None)


def section_formsets(campaign: Campaign, section: Section, data=None) -> list[tuple[Part, BaseInlineFormSet]]:
    """The bound (POST) or unbound formsets of one section page, each prefixed by its part."""
    return [
        (
            part,
            part.formset_class(
                data=data,
                instance=campaign,
                prefix=part.prefix,
                queryset=part.queryset,
            ),
        )
        for part in section.parts
    ]
