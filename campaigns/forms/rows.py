"""Ordered rows of the plan edited with inline formsets; criteria carry a nested formset of targets."""

from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from criteria.enums import Comparator
from criteria.models import Criterion, Target

from ..enums import NomineeKind
from ..models import AwardForm, Campaign
from .common import NfcMixin, textarea

# ---------------------------------------------------------------------------------------------------------
# Plan sections: ordered rows edited with inline formsets.


class RowForm(NfcMixin, forms.ModelForm):
    """A row of an ordered list. A blank order puts the row last; the service renumbers 1, 2, 3…"""

    order = forms.IntegerField(
        label=_("Thứ tự"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm row-order w-order"}),
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


def row_formset(model, form_fields, *, fixed=None, form=RowForm, formset=RowFormSet, extra=2, labels=None):
    base = type(f"{model.__name__}RowFormSet", (formset,), {"fixed": fixed or {}})
    widgets = {name: textarea(2) for name in form_fields if name in {"text", "description"}}
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
        required=False,
        error_messages={
            "min_value": _("Ngưỡng là một tỷ lệ phần trăm, từ 0 đến 100."),
            "max_value": _("Ngưỡng là một tỷ lệ phần trăm, từ 0 đến 100."),
            "invalid": _("Hãy nhập một số từ 0 đến 100, ví dụ 80."),
        },
        widget=forms.NumberInput(attrs={"step": "0.01", "class": "w-num"}),
    )

    class Meta:
        model = Target
        fields = ["label", "numerator_label", "denominator_label", "comparator", "threshold", "order"]
        error_messages = {NON_FIELD_ERRORS: {"unique_together": _("Mã chỉ tiêu bị trùng trong tiêu chí.")}}

    def clean(self):
        cleaned = super().clean()
        threshold = cleaned.get("threshold")
        if "threshold" in self.errors:
            return cleaned
        if cleaned.get("comparator") == Comparator.EXACTLY_ALL:
            if threshold is None:
                cleaned["threshold"] = Decimal(100)
            elif threshold != 100:
                self.add_error("threshold", _("Cách so sánh “đạt 100%” đi với ngưỡng 100."))
        elif threshold is None:
            self.add_error("threshold", _("Hãy nhập ngưỡng phải đạt (%)."))
        return cleaned


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
        widgets = {"text": textarea(3), "number": forms.TextInput(attrs={"class": "w-num"})}
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
        widgets = {"description": textarea(3)}
        error_messages = {
            NON_FIELD_ERRORS: {"unique_together": _("Hình thức khen thưởng này đã có trong kế hoạch.")}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The award's whole name stays readable at every width (static/css/app.css .select-whole).
        kind = self.fields["kind"].widget
        kind.attrs["class"] = f"{kind.attrs.get('class', '')} select-whole".strip()
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
                widget=forms.NumberInput(attrs={"class": "w-num"}),
            )


def quota_field(kind: str) -> str:
    return f"quota_{kind}"


AwardFormInlineFormSet = row_formset(AwardForm, ["kind", "description"], form=AwardFormForm, extra=1)
