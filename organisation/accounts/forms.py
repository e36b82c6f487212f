from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    """The six digits an authenticator app shows."""

    token = forms.CharField(
        label=_("Mã xác thực"),
        min_length=6,
        max_length=8,
        help_text=_(
            "Sáu chữ số đang hiện trong ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…)."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={
            "required": _("Vui lòng nhập mã xác thực."),
            "min_length": _("Mã xác thực gồm 6 chữ số."),
            "max_length": _("Mã xác thực gồm 6 chữ số."),
        },
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("Mã xác thực chỉ gồm chữ số."))
        return token
