"""Upload forms of the signing page; the checks live in awards/signing/services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SignedUploadForm(forms.Form):
    signed_file = forms.FileField(
        label=_("Tệp Quyết định đã ký số (PDF)"),
        help_text=_("Tệp tải từ nút “Tải bản cuối để ký số”, đã được người ký ký số vào ô chữ ký."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )


class ScanUploadForm(forms.Form):
    scan_file = forms.FileField(
        label=_("Bản quét Quyết định đã ký, đóng dấu (PDF)"),
        help_text=_("Khi chưa có chứng thư số: in bản cuối, ký tay, đóng dấu, quét thành tệp PDF."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )
