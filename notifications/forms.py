from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import parse_offsets, validate_offsets


class ReminderSettingsForm(forms.Form):
    offsets = forms.CharField(
        label=_("Nhắc trước hạn (số ngày)"),
        max_length=60,
        validators=[validate_offsets],
        help_text=_("Các số ngày trước hạn, cách nhau bằng dấu phẩy, ví dụ: 7,3,1."),
    )
    after_days = forms.IntegerField(
        label=_("Nhắc lại sau hạn (số ngày)"),
        min_value=0,
        max_value=30,
        help_text=_("Nhắc một lần sau hạn chừng này ngày; 0 là không nhắc sau hạn."),
    )
    escalate = forms.BooleanField(
        label=_("Sau lần nhắc quá hạn, gửi Phòng Văn hóa - Xã hội danh sách đơn vị còn thiếu"),
        required=False,
    )
    enabled = forms.BooleanField(label=_("Gửi nhắc hạn cho phong trào này"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.add_input(Submit("save", _("Lưu cấu hình nhắc hạn")))

    def clean_offsets(self):
        value = self.cleaned_data["offsets"]
        return ",".join(str(d) for d in parse_offsets(value))


class RemindNowForm(forms.Form):
    kind = forms.ChoiceField(label=_("Nhắc ngay những đơn vị còn thiếu"), choices=())

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)
