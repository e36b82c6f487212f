"""Forms for the office's campaign editor: the plan's own fields, and one page of formsets per plan section.

Forms validate only; every write goes through campaigns.services.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from criteria.models import Criterion, Target
from organisation.models import Official, Unit
from organisation.text import nfc

from .enums import NomineeKind, PlanSection
from .models import AwardForm, Campaign, DossierRequirement, LegalBasis, PlanItem, Quota, Standard


class NfcMixin:
    """Store typed Vietnamese in NFC, whatever the keyboard sent."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = nfc(value).strip()
        return cleaned


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows=2):
    return forms.Textarea(attrs={"rows": rows})


# Deadlines in workflow order. `strict`: the date must fall after the previous one, not on the same day.
DEADLINE_FIELDS = [
    ("registration_deadline", False),
    ("criteria_report_deadline", False),
    ("submission_deadline", False),
    ("review_deadline", True),
    ("council_meeting_date", True),
]


class CampaignForm(NfcMixin, forms.ModelForm):
    """The plan's own fields: header, texts, deadlines and signer. Used to create a draft and to edit it."""

    issued_day = forms.IntegerField(label=_("Ngày ban hành"), required=False, min_value=1, max_value=31)
    issued_month = forms.IntegerField(label=_("Tháng ban hành"), required=False, min_value=1, max_value=12)
    issued_year = forms.IntegerField(label=_("Năm ban hành"), required=False, min_value=2000, max_value=2100)

    class Meta:
        model = Campaign
        fields = [
            "doc_type",
            "number",
            "symbol",
            "issuer_parent",
            "issuer",
            "place",
            "issued_day",
            "issued_month",
            "issued_year",
            "title",
            "preamble",
            "period_start",
            "period_end",
            "participants",
            "award_achievement",
            "city_standard",
            "collective_standard_intro",
            "individual_standard_intro",
            "quota_text",
            "receiving_unit",
            "submission_text",
            "funding_text",
            "closing_text",
            "registration_deadline",
            "criteria_report_deadline",
            "submission_deadline",
            "review_deadline",
            "council_meeting_date",
            "signer_authority",
            "signer_capacity",
            "signer_title",
            "signer_name",
            "signer",
        ]
        widgets = {
            "title": _text(2),
            "preamble": _text(4),
            "participants": _text(2),
            "city_standard": _text(3),
            "collective_standard_intro": _text(2),
            "individual_standard_intro": _text(2),
            "quota_text": _text(2),
            "submission_text": _text(2),
            "funding_text": _text(2),
            "closing_text": _text(2),
            "period_start": _date_input(),
            "period_end": _date_input(),
            **{name: _date_input() for name, _strict in DEADLINE_FIELDS},
        }
        help_texts = {
            "issued_day": _("Để trống khi chưa ký."),
            "signer": _("Cán bộ ký trong danh bạ (không bắt buộc)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_unit"].queryset = Unit.objects.select_related("parent").order_by("name")
        self.fields["signer"].queryset = Official.objects.order_by("full_name")
        self.fields["issued_day"].help_text = _("Để trống khi chưa ký.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        row = "row g-3"
        col = "col-sm-6 col-lg-4"
        self.helper.layout = Layout(
            Fieldset(
                _("Thể thức văn bản"),
                Div(
                    Div("doc_type", css_class=col),
                    Div("number", css_class="col-sm-3 col-lg-2"),
                    Div("symbol", css_class="col-sm-3 col-lg-2"),
                    Div("place", css_class=col),
                    css_class=row,
                ),
                Div(
                    Div("issuer_parent", css_class="col-sm-6"),
                    Div("issuer", css_class="col-sm-6"),
                    css_class=row,
                ),
                Div(
                    Div("issued_day", css_class="col-4 col-lg-2"),
                    Div("issued_month", css_class="col-4 col-lg-2"),
                    Div("issued_year", css_class="col-4 col-lg-2"),
                    css_class=row,
                ),
            ),
            Fieldset(
                _("Trích yếu, thời gian và đối tượng"),
                "title",
                "preamble",
                Div(Div("period_start", css_class=col), Div("period_end", css_class=col), css_class=row),
                "participants",
                "award_achievement",
            ),
            Fieldset(
                _("Tiêu chuẩn, số lượng, hồ sơ và kinh phí"),
                "city_standard",
                "collective_standard_intro",
                "individual_standard_intro",
                "quota_text",
                "receiving_unit",
                "submission_text",
                "funding_text",
                "closing_text",
            ),
            Fieldset(
                _("Các mốc thời gian"),
                Div(*[Div(name, css_class=col) for name, _strict in DEADLINE_FIELDS], css_class=row),
            ),
            Fieldset(
                _("Người ký"),
                Div(
                    Div("signer_authority", css_class=col),
                    Div("signer_capacity", css_class=col),
                    Div("signer_title", css_class=col),
                    css_class=row,
                ),
                Div(
                    Div("signer_name", css_class="col-sm-6"),
                    Div("signer", css_class="col-sm-6"),
                    css_class=row,
                ),
            ),
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc thời gian thi đua phải sau ngày bắt đầu."))
        self._clean_issued_date(cleaned)
        self._clean_deadlines(cleaned)
        return cleaned

    def _clean_issued_date(self, cleaned):
        day, month, year = (cleaned.get(f"issued_{part}") for part in ("day", "month", "year"))
        if day and not month:
            self.add_error("issued_month", _("Đã ghi ngày ban hành thì phải ghi cả tháng."))
        if month and not year:
            self.add_error("issued_year", _("Đã ghi tháng ban hành thì phải ghi cả năm."))
        if day and month and year:
            try:
                date(year, month, day)
            except ValueError:
                self.add_error(
                    "issued_day",
                    _("Ngày %(day)s/%(month)s/%(year)s không có thật.")
                    % {
                        "day": day,
                        "month": month,
                        "year": year,
                    },
                )

    def _clean_deadlines(self, cleaned):
        previous_name, previous = None, None
        for name, strict in DEADLINE_FIELDS:
            value = cleaned.get(name)
            if value is None:
                continue
            if previous is not None and (value < previous or (strict and value == previous)):
                self.add_error(
                    name,
                    _("“%(this)s” phải %(how)s “%(before)s” (%(date)s).")
                    % {
                        "this": self.fields[name].label,
                        "how": _("sau") if strict else _("không sớm hơn"),
                        "before": self.fields[previous_name].label,
                        "date": previous.strftime("%d/%m/%Y"),
                    },
                )
                continue
            previous_name, previous = name, value


def next_period(start: date, end: date) -> tuple[date, date]:
    """The period right after [start, end], as long: whole months when the period is whole months."""
    following = end + timedelta(days=1)
    if start.day == 1 and following.day == 1:
        months = (following.year - start.year) * 12 + following.month - start.month
        index = following.year * 12 + following.month - 1 + months
        return following, date(index // 12, index % 12 + 1, 1) - timedelta(days=1)
    return following, following + (end - start)


class CopyForm(NfcMixin, forms.Form):
    """The new campaign's title and period; everything else is copied from the source."""

    title = forms.CharField(label=_("Trích yếu của phong trào mới"), max_length=400, widget=_text(2))
    period_start = forms.DateField(label=_("Thời gian thi đua từ"), widget=_date_input())
    period_end = forms.DateField(label=_("đến"), widget=_date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc thời gian thi đua phải sau ngày bắt đầu."))
        return cleaned


# ---------------------------------------------------------------------------------------------------------
# Plan sections: ordered rows edited with inline formsets.


class RowForm(NfcMixin, forms.ModelForm):
    """A row of an ordered list. A blank order puts the row last; the service renumbers 1, 2, 3…"""

    order = forms.IntegerField(
        label=_("Thứ tự"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(
            attrs={"class": "form-control form-control-sm row-order", "style": "width:5.5rem"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Rows are laid out by hand in tables (campaigns/_formset.html), so the Bootstrap classes go here.
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select form-select-sm"
            else:
                css = "form-control form-control-sm"
            classes = widget.attrs.get("class", "")
            if css.split()[0] not in classes:
                widget.attrs["class"] = f"{classes} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"


class RowFormSet(BaseInlineFormSet):
    """Rows of one list of the campaign. `fixed` values (e.g. the plan section) are set on every new row."""

    fixed: dict = {}

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        for name, value in self.fixed.items():
            setattr(form.instance, name, value)
        return form

    def get_unique_error_message(self, unique_check):
        fields = self.form.base_fields
        labels = [str(fields[name].label).lower() for name in unique_check if name in fields]
        return _("Có hai dòng trùng %(fields)s: mỗi dòng phải khác nhau.") % {"fields": ", ".join(labels)}

    def kept_forms(self) -> list:
        """The rows that will exist after saving, in the order the user asked for."""
        kept = [
            (index, form)
            for index, form in enumerate(self.forms)
            if not self._should_delete_form(form) and (form.instance.pk or form.has_changed())
        ]

        def key(pair):
            index, form = pair
            order = form.cleaned_data.get("order")
            return (order is None, order if order is not None else 0, index)

        return [form for _index, form in sorted(kept, key=key)]


def _row_formset(model, form_fields, *, fixed=None, form=RowForm, formset=RowFormSet, extra=2, labels=None):
    base = type(f"{model.__name__}RowFormSet", (formset,), {"fixed": fixed or {}})
    widgets = {name: _text(2) for name in form_fields if name in {"text", "description"}}
    return inlineformset_factory(
        Campaign,
        model,
        form=form,
        formset=base,
        fields=[*form_fields, "order"],
        widgets=widgets,
        labels=labels,
        extra=extra,
        can_delete=True,
    )


class ResponsibilityFormSet(RowFormSet):
    """Duties grouped under a heading (the office or unit in charge). A blank heading continues the group above."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = self.kept_forms()
        if kept and not kept[0].cleaned_data.get("heading"):
            raise forms.ValidationError(
                _("Dòng đầu tiên phải có tiêu đề nhóm (tên phòng, đơn vị được giao nhiệm vụ).")
            )


# Criteria: each criterion form carries a nested formset of its targets.


class TargetForm(RowForm):
    threshold = forms.DecimalField(
        label=_("Ngưỡng (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("Ngưỡng là một tỷ lệ phần trăm, từ 0 đến 100."),
            "max_value": _("Ngưỡng là một tỷ lệ phần trăm, từ 0 đến 100."),
            "invalid": _("Hãy nhập một số, ví dụ 80 hoặc 98,5."),
        },
        widget=forms.NumberInput(attrs={"step": "0.01", "style": "width:6rem"}),
    )

    class Meta:
        model = Target
        fields = ["label", "numerator_label", "denominator_label", "comparator", "threshold", "order"]
        error_messages = {NON_FIELD_ERRORS: {"unique_together": _("Mã chỉ tiêu bị trùng trong tiêu chí.")}}


class TargetFormSet(RowFormSet):
    """Targets of one criterion, read from the criterion's prefetched targets (no query per criterion)."""

    def __init__(self, *args, prefetched=None, **kwargs):
        self._prefetched = prefetched
        super().__init__(*args, **kwargs)

    def get_queryset(self):
        if self._prefetched is not None:
            return self._prefetched
        return super().get_queryset()


TargetInlineFormSet = inlineformset_factory(
    Criterion, Target, form=TargetForm, formset=TargetFormSet, extra=1, can_delete=True
)


class CriterionForm(RowForm):
    class Meta:
        model = Criterion
        fields = ["number", "text", "order"]
        widgets = {"text": _text(3), "number": forms.TextInput(attrs={"style": "width:6rem"})}
        error_messages = {
            NON_FIELD_ERRORS: {"unique_together": _("Số hiệu tiêu chí này đã có trong kế hoạch.")}
        }


class CriterionFormSet(RowFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        prefetched = list(form.instance.targets.all()) if form.instance.pk else []
        form.targets = TargetInlineFormSet(
            data=self.data if self.is_bound else None,
            instance=form.instance,
            prefix=f"{form.prefix}-targets",
            prefetched=prefetched,
        )

    def is_valid(self):
        valid = super().is_valid()
        for form in self.forms:
            if not self._should_delete_form(form):
                valid = form.targets.is_valid() and valid
        return valid

    def clean(self):
        super().clean()
        for form in self.forms:
            if not form.instance.pk and not form.has_changed() and form.targets.has_changed():
                form.add_error(None, _("Hãy ghi số hiệu và nội dung tiêu chí trước khi thêm chỉ tiêu."))


CriterionInlineFormSet = inlineformset_factory(
    Campaign,
    Criterion,
    form=CriterionForm,
    formset=CriterionFormSet,
    extra=1,
    can_delete=True,
)


# Award forms: the quota per nominee kind is edited on the award form's own row.


class AwardFormForm(RowForm):
    class Meta:
        model = AwardForm
        fields = ["kind", "description", "order"]
        widgets = {"description": _text(3)}
        error_messages = {
            NON_FIELD_ERRORS: {"unique_together": _("Hình thức khen thưởng này đã có trong kế hoạch.")}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        counts = {}
        if self.instance.pk:
            counts = {q.nominee_kind: q.count for q in self.instance.quotas.all()}
        for kind in NomineeKind:
            self.fields[quota_field(kind)] = forms.IntegerField(
                label=_("Số lượng: %(kind)s") % {"kind": kind.label.lower()},
                required=False,
                min_value=0,
                max_value=999,
                initial=counts.get(kind.value),
                widget=forms.NumberInput(attrs={"style": "width:6rem"}),
            )


def quota_field(kind: str) -> str:
    return f"quota_{kind}"


AwardFormInlineFormSet = _row_formset(AwardForm, ["kind", "description"], form=AwardFormForm, extra=1)


@dataclass(frozen=True)
class Part:
    """One formset on a section page."""

    prefix: str
    title: str
    formset_class: type
    queryset: object = None


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    parts: tuple[Part, ...] = ()
    help: str = ""


def _plan_items(section: PlanSection, fields, formset=RowFormSet, labels=None, extra=2):
    return _row_formset(
        PlanItem, fields, fixed={"section": section}, formset=formset, labels=labels, extra=extra
    )


SECTIONS: tuple[Section, ...] = (
    Section("chung", _("Thông tin chung")),
    Section(
        "can-cu",
        _("Căn cứ"),
        (Part("legal", _("Căn cứ pháp lý"), _row_formset(LegalBasis, ["text"])),),
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
        "tieu-chi",
        _("Tiêu chí, chỉ tiêu"),
        (
            Part(
                "criteria",
                _("Tiêu chí thi đua"),
                CriterionInlineFormSet,
                Criterion.objects.prefetch_related(
                    Prefetch("targets", queryset=Target.objects.order_by("order", "id"))
                ),
            ),
        ),
        _(
            "Mỗi tiêu chí có thể có các chỉ tiêu đo được: số đạt trên tổng số, so với ngưỡng phần trăm (0 đến 100)."
        ),
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
                _row_formset(Standard, ["text"], fixed={"nominee_kind": kind.value}),
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
                _row_formset(DossierRequirement, ["kind", "text", "required"]),
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
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}


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
