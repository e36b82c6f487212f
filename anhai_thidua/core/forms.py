"""Form pieces shared by every app: the length limits a user sees before typing past them."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _

_SKIPPED_WIDGETS = (forms.HiddenInput, forms.PasswordInput, forms.Select, forms.RadioSelect)


def apply_length_limits(form: forms.BaseForm) -> None:
    """Give every text field a maximum length that the page shows: a `maxlength` attribute (the browser
    stops typing there) and a visible hint "Tối đa N ký tự." Fields without a column limit (TextField,
    free-text CharField) get settings.TEXT_FIELD_MAX_LENGTH, enforced by a validator too."""
    default = settings.TEXT_FIELD_MAX_LENGTH
    for field in form.fields.values():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, _SKIPPED_WIDGETS):
            continue
        if getattr(field, "_length_limited", False):
            continue
        if field.max_length is None:
            field.max_length = default
            field.validators.append(MaxLengthValidator(default))
        field.widget.attrs["maxlength"] = str(field.max_length)
        hint = _("Tối đa %(count)s ký tự.") % {"count": f"{field.max_length:,}".replace(",", ".")}
        field.help_text = f"{field.help_text} {hint}" if field.help_text else hint
        field._length_limited = True


class LengthLimitsMixin:
    """Mix into a Form or ModelForm before forms.Form. The limits are applied when the form is first
    rendered or validated, so fields that a subclass adds in its __init__ get them too."""

    def _limits(self):
        if not getattr(self, "_limits_applied", False):
            apply_length_limits(self)
            self._limits_applied = True

    def __getitem__(self, name):
        self._limits()
        return super().__getitem__(name)

    def full_clean(self):
        self._limits()
        return super().full_clean()
