"""Ordered rows of the plan edited with inline formsets.

A row may carry nested formsets of its own rows (the criteria app's criteria carry their targets).
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

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

    def nested_formsets(self, form) -> list:
        """The formsets of rows that `form`'s row carries (saved after it, validated with it)."""
        return []

    def row_preparer(self):
        """`prepare(obj, form, position, previous)` filling derived fields before each row is saved, or None."""
        return None


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
