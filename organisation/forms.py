from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .importing import ImportFileError, check_xlsx_bytes, max_upload_bytes
from .models import Unit
from .text import document_code


class UnitForm(forms.ModelForm):
    """A unit as the office edits it (admin, directory): the document code is stored NFC, upper case, and
    checked for uniqueness in that form, so "ttsnc" and "TTSNC" are the same code."""

    class Meta:
        model = Unit
        fields = [
            "name",
            "short_name",
            "code",
            "document_code",
            "kind",
            "parent",
            "email",
            "order",
            "is_active",
        ]

    def clean_document_code(self):
        code = document_code(self.cleaned_data.get("document_code") or "")
        if not code:
            return None
        taken = Unit.objects.filter(document_code=code).exclude(pk=self.instance.pk).first()
        if taken is not None:
            raise forms.ValidationError(
                _("Ký hiệu văn bản “%(code)s” đã dùng cho %(unit)s.") % {"code": code, "unit": taken.name}
            )
        return code


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
        error_messages={
            "required": gettext_lazy("Hãy chọn tệp Excel (.xlsx) cần nhập."),
            "empty": gettext_lazy("Tệp rỗng, không có nội dung."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Dùng tệp mẫu có hai trang “Đơn vị” và “Cán bộ”; dung lượng tối đa %(limit)s. "
            "Chưa có gì được ghi cho đến khi bạn xác nhận ở bước xem trước."
        ) % {"limit": filesizeformat(max_upload_bytes())}
        self.helper = FormHelper()
        self.helper.form_tag = True
        self.helper.add_input(Submit("submit", _("Tải lên và xem trước")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Check the size before reading, then the bytes themselves: the name and the browser's type lie.
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("Tệp quá lớn (%(size)s); chỉ nhận tệp tối đa %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_upload_bytes())}
            )
        data = upload.read()
        try:
            check_xlsx_bytes(data)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from exc
        self.cleaned_data["data"] = data
        return upload


class ImportConfirmForm(forms.Form):
    """Carries the preview's fingerprint, so a confirm never writes something the user did not see."""

    digest = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=64)


class DocumentCodeForm(UnitForm):
    """The office sets one unit's document code from the directory."""

    class Meta(UnitForm.Meta):
        fields = ["document_code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = True
        self.helper.add_input(Submit("submit", _("Lưu ký hiệu")))
