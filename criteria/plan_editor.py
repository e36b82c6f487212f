"""The campaign editor's page for criteria and their measurable targets ("Tiêu chí, chỉ tiêu").

Each criterion form carries a nested formset of its targets. The page is registered as plan content
(criteria.plan_content); campaigns.services.campaign_plan_section_save writes it.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.models import inlineformset_factory
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from campaigns.forms import RowForm, RowFormSet
from campaigns.forms.common import textarea
from campaigns.models import Campaign
from organisation.text import fold

from .enums import Comparator
from .models import Criterion, Target


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

    def row_preparer(self):
        taken = {f.instance.code for f in self.kept_forms() if f.instance.code}

        def prepare(obj, form, position, previous):
            # Targets get a stable code once, from their label; the office never types it.
            if not obj.code:
                base = slugify(fold(obj.label))[:50] or "chi-tieu"
                code, n = base, 2
                while code in taken:
                    code, n = f"{base}-{n}", n + 1
                taken.add(code)
                obj.code = code

        return prepare


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

    def nested_formsets(self, form) -> list:
        return [form.targets]

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
