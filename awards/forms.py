"""Forms of the decision pages. They validate and lay out; every write goes through awards.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anhai_thidua.core.forms import LengthLimitsMixin
from organisation.text import nfc

from .models import AwardCoefficient, BaseSalary, Decision
from .services.decisions import EDITABLE_FIELDS

TEXTAREA = {"rows": 4}


class DecisionWordingForm(LengthLimitsMixin, forms.ModelForm):
    """The office words the draft: title, legal bases, achievement line, articles, recipients."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Decision
        fields = list(EDITABLE_FIELDS)  # the service saves exactly these
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "legal_bases": forms.Textarea(attrs={"rows": 7}),
            "article1_intro": forms.Textarea(attrs=TEXTAREA),
            "article2_text": forms.Textarea(attrs=TEXTAREA),
            "article3_text": forms.Textarea(attrs=TEXTAREA),
            "recipients": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "achievement": _("In trên Giấy khen và ở Điều 1."),
            "legal_bases": _("Mỗi dòng một căn cứ."),
            "recipients": _("Mỗi dòng một nơi nhận; dòng cuối “Lưu: VT, VHXH.”"),
        }

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = nfc(value).strip()
        return cleaned


class IssueForm(LengthLimitsMixin, forms.Form):
    decision_date = forms.DateField(
        label=_("Ngày ban hành"),
        error_messages={
            "required": _("Hãy nhập ngày ban hành."),
            "invalid": _("Ngày không hợp lệ (dd/mm/yyyy)."),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    confirm = forms.BooleanField(
        label=_("Tôi đã đọc dự thảo và ký ban hành Quyết định này (sau khi ban hành không sửa được)."),
        required=True,
        error_messages={
            "required": _(
                "Hãy đánh dấu ô xác nhận: Quyết định chỉ được ban hành khi người ký xác nhận đã đọc dự thảo, "
                "vì sau khi ban hành không sửa được."
            )
        },
    )


class SubmissionForm(forms.Form):
    """Phòng Văn hóa - Xã hội's tờ trình to the ward chairman, from the council's result."""

    submission_date = forms.DateField(
        label=_("Ngày Tờ trình"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={
            "required": _("Hãy nhập ngày Tờ trình."),
            "invalid": _("Ngày không hợp lệ (dd/mm/yyyy)."),
        },
    )
    signer_name = forms.CharField(
        label=_("Trưởng phòng ký"),
        max_length=120,
        error_messages={"required": _("Hãy nhập họ tên Trưởng phòng ký Tờ trình.")},
    )
    funding_source = forms.CharField(
        label=_("Nguồn kinh phí"),
        max_length=300,
        error_messages={"required": _("Hãy nhập nguồn kinh phí chi tiền thưởng.")},
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("signer_name", "funding_source"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = nfc(cleaned[name]).strip()
        return cleaned


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"required": _("Hãy nhập ngày áp dụng."), "invalid": _("Ngày không hợp lệ (dd/mm/yyyy).")}


class BaseSalaryForm(forms.ModelForm):
    """A base salary row: from which day, how much, which decree."""

    class Meta:
        model = BaseSalary
        fields = ["valid_from", "amount", "decree"]
        widgets = {"valid_from": DATE_WIDGET}
        help_texts = {"decree": _("Ví dụ: Nghị định số 73/2024/NĐ-CP")}
        error_messages = {
            "valid_from": DATE_ERRORS,
            "amount": {
                "required": _("Hãy nhập mức lương cơ sở."),
                "invalid": _("Mức lương cơ sở là một số nguyên (đồng)."),
                "min_value": _("Mức lương cơ sở phải lớn hơn 0."),
            },
            "decree": {"required": _("Hãy nhập văn bản quy định mức lương cơ sở.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("Mức lương cơ sở phải lớn hơn 0."))
        return amount

    def validate_unique(self):
        """Uniqueness is the service's to check (a Vietnamese message on the form)."""


class CoefficientForm(forms.ModelForm):
    """An award coefficient row: award form, subject, coefficient, from which day, which decree."""

    class Meta:
        model = AwardCoefficient
        fields = ["award_kind", "subject", "value", "valid_from", "decree"]
        widgets = {"valid_from": DATE_WIDGET}
        help_texts = {
            "value": _("Số lần mức lương cơ sở, ví dụ 0,3."),
            "decree": _("Ví dụ: Nghị định số 152/2025/NĐ-CP"),
        }
        error_messages = {
            "valid_from": DATE_ERRORS,
            "value": {
                "required": _("Hãy nhập hệ số."),
                "invalid": _("Hệ số là một số, ví dụ 0,3."),
                "max_digits": _("Hệ số quá lớn."),
                "max_decimal_places": _("Hệ số có nhiều nhất 3 chữ số thập phân."),
            },
            "decree": {"required": _("Hãy nhập văn bản quy định hệ số.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        self.fields["value"].localize = True
        self.fields["value"].widget.is_localized = True

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value is not None and value <= 0:
            raise forms.ValidationError(_("Hệ số phải lớn hơn 0."))
        return value

    def validate_unique(self):
        """Uniqueness is the service's to check (a Vietnamese message on the form)."""
