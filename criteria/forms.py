from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from anhai_thidua.core.forms import LengthLimitsMixin
from anhai_thidua.core.uploads import ACCEPT_ATTRIBUTE, validate_upload

from .models import Announcement, Criterion, ReportingPeriod, Target, TargetResult


class RegistrationForm(LengthLimitsMixin, forms.Form):
    """One commitment per criterion, and a note."""

    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: người phụ trách, chương trình, kế hoạch riêng của đơn vị."),
    )

    def __init__(self, *args, criteria: list[Criterion], registration=None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        if registration is not None:
            initial.setdefault("note", registration.note)
            for commitment in registration.commitments.all():
                initial.setdefault(f"criterion_{commitment.criterion_id}", commitment.text)
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        fields = {}
        for criterion in criteria:
            fields[f"criterion_{criterion.pk}"] = forms.CharField(
                label=_("Cam kết thực hiện tiêu chí %(number)s") % {"number": criterion.number},
                help_text=criterion.text,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": _("Hãy ghi nội dung cam kết cho tiêu chí này.")},
            )
        fields["note"] = self.fields.pop("note")
        self.fields = {**fields, **self.fields}
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Gửi đăng ký thi đua")))

    def commitments(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodForm(LengthLimitsMixin, forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["name", "start", "end", "due_date"]
        widgets = {"start": DateInput(), "end": DateInput(), "due_date": DateInput()}
        help_texts = {"name": _("Ví dụ: Quý IV năm 2025, 6 tháng cuối năm 2025.")}

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", submit_label or _("Lưu kỳ báo cáo")))

    def clean(self):
        data = super().clean()
        start, end, due = data.get("start"), data.get("end"), data.get("due_date")
        if start and end and end < start:
            self.add_error("end", _("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu."))
        if start and due and due < start:
            self.add_error("due_date", _("Hạn báo cáo không thể trước ngày bắt đầu kỳ."))
        return data

    def _post_clean(self):
        # The service saves; skip the model's own validation of the unsaved instance's uniqueness.
        pass


class ResultsForm(LengthLimitsMixin, forms.Form):
    """The unit's counts for every target of the campaign in one period.

    Figures already sent to the office are shown but cannot change.
    """

    def __init__(self, *args, targets: list[Target], results: dict[int, TargetResult], **kwargs):
        initial = kwargs.setdefault("initial", {})
        for target_id, result in results.items():
            initial.setdefault(f"n_{target_id}", result.numerator)
            initial.setdefault(f"d_{target_id}", result.denominator)
            initial.setdefault(f"note_{target_id}", result.unit_note)
        super().__init__(*args, **kwargs)
        self.targets = targets
        self.results = results
        for target in targets:
            result = results.get(target.pk)
            locked = result is not None and not result.is_editable
            common = {
                "required": False,
                "min_value": 0,
                "disabled": locked,
                "error_messages": {
                    "invalid": _("Hãy nhập một số nguyên."),
                    "min_value": _("Số liệu không được âm."),
                },
            }
            self.fields[f"n_{target.pk}"] = forms.IntegerField(
                label=target.numerator_label,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                **common,
            )
            self.fields[f"d_{target.pk}"] = forms.IntegerField(
                label=target.denominator_label,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                **common,
            )
            self.fields[f"note_{target.pk}"] = forms.CharField(
                label=_("Giải trình (nếu có)"),
                required=False,
                disabled=locked,
                widget=forms.Textarea(attrs={"rows": 1}),
            )

    def clean(self):
        data = super().clean()
        for target in self.targets:
            n_name, d_name = f"n_{target.pk}", f"d_{target.pk}"
            if self.fields[n_name].disabled:
                continue
            numerator, denominator = data.get(n_name), data.get(d_name)
            if n_name in self.errors or d_name in self.errors:
                continue
            if (numerator is None) != (denominator is None):
                missing = d_name if denominator is None else n_name
                self.add_error(
                    missing, _("Hãy nhập cả hai số của chỉ tiêu này (không phát sinh thì nhập 0 và 0).")
                )
            elif numerator is not None and numerator > denominator:
                self.add_error(
                    n_name,
                    _("“%(num)s” không được lớn hơn “%(den)s” (%(d)s).")
                    % {"num": target.numerator_label, "den": target.denominator_label, "d": denominator},
                )
        return data

    def rows(self):
        """(target, result, numerator field, denominator field, note field) for the template."""
        return [
            (t, self.results.get(t.pk), self[f"n_{t.pk}"], self[f"d_{t.pk}"], self[f"note_{t.pk}"])
            for t in self.targets
        ]

    def values(self) -> dict[int, tuple[int | None, int | None]]:
        return {
            t.pk: (self.cleaned_data.get(f"n_{t.pk}"), self.cleaned_data.get(f"d_{t.pk}"))
            for t in self.targets
            if not self.fields[f"n_{t.pk}"].disabled
        }

    def notes(self) -> dict[int, str]:
        return {t.pk: self.cleaned_data.get(f"note_{t.pk}") or "" for t in self.targets}


class EvidenceForm(LengthLimitsMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp minh chứng"),
        validators=[validate_upload],
        allow_empty_file=True,  # validate_upload refuses it, naming the file
        help_text=_("PDF, DOCX, JPEG hoặc PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        error_messages={"required": _("Hãy chọn tệp minh chứng.")},
    )


class ReviewForm(LengthLimitsMixin, forms.Form):
    action = forms.ChoiceField(
        choices=[("validate", _("Xác nhận số liệu")), ("question", _("Đề nghị đơn vị xem lại"))],
        widget=forms.HiddenInput,
    )
    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("action") == "question" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Hãy ghi rõ nội dung đề nghị đơn vị xem lại."))
        return data


class AnnouncementForm(LengthLimitsMixin, forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"body": _("Văn bản thuần; xuống dòng được giữ nguyên.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Đăng thông báo")))

    def _post_clean(self):
        pass
