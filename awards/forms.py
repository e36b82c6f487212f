"""Forms of the decision pages. They validate and lay out; every write goes through awards.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anhai_thidua.core.forms import LengthLimitsMixin
from organisation.text import nfc

from .models import Decision

TEXTAREA = {"rows": 4}


class DecisionWordingForm(LengthLimitsMixin, forms.ModelForm):
    """The office words the draft: title, legal bases, achievement line, articles, recipients."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Decision
        fields = [
            "title",
            "legal_bases",
            "achievement",
            "article1_intro",
            "article2_text",
            "article3_text",
            "recipients",
        ]
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
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    confirm = forms.BooleanField(
        label=_("Tôi đã đọc dự thảo và ký ban hành Quyết định này (sau khi ban hành không sửa được)."),
        required=True,
    )
