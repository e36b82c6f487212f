"""The plan's own fields (create, edit the header) and the copy form."""

from datetime import date, timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from organisation.selectors import plan_signers, receiving_units

from ..models import Campaign
from .common import NfcMixin, date_input, textarea

DEADLINE_FIELDS = [
    ("registration_deadline", False),
    ("criteria_report_deadline", False),
    ("submission_deadline", False),
    ("review_deadline", True),
    ("council_meeting_date", True),
]


class CampaignForm(NfcMixin, forms.ModelForm):
    """The plan's own fields: header, texts, deadlines and signer. Used to create a draft and to edit it."""

    issued_day = forms.IntegerField(label=_("Ngày ban hành"), required=False, min_value=1, max_value=31)
    issued_month = forms.IntegerField(label=_("Tháng ban hành"), required=False, min_value=1, max_value=12)
    issued_year = forms.IntegerField(label=_("Năm ban hành"), required=False, min_value=2000, max_value=2100)

    class Meta:
        model = Campaign
        fields = [
            "doc_type",
            "number",
            "symbol",
            "issuer_parent",
            "issuer",
            "place",
            "issued_day",
            "issued_month",
            "issued_year",
            "title",
            "preamble",
            "period_start",
            "period_end",
            "participants",
            "award_achievement",
            "city_standard",
            "collective_standard_intro",
            "individual_standard_intro",
            "quota_text",
            "receiving_unit",
            "submission_text",
            "funding_text",
            "closing_text",
            "registration_deadline",
            "criteria_report_deadline",
            "submission_deadline",
            "review_deadline",
            "council_meeting_date",
            "signer_authority",
            "signer_capacity",
            "signer_title",
            "signer_name",
            "signer",
        ]
        widgets = {
            "title": textarea(2),
            "preamble": textarea(4),
            "participants": textarea(2),
            "city_standard": textarea(3),
            "collective_standard_intro": textarea(2),
            "individual_standard_intro": textarea(2),
            "quota_text": textarea(2),
            "submission_text": textarea(2),
            "funding_text": textarea(2),
            "closing_text": textarea(2),
            "period_start": date_input(),
            "period_end": date_input(),
            **{name: date_input() for name, _strict in DEADLINE_FIELDS},
        }
        labels = {"period_start": _("Thời gian thi đua từ ngày"), "period_end": _("Đến ngày")}
        help_texts = {
            "issued_day": _("Để trống khi chưa ký."),
            "signer": _("Cán bộ ký trong danh bạ (không bắt buộc)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The office units and the People's Committee's leaders, not every unit and official of a city.
        self.fields["receiving_unit"].queryset = receiving_units(self.instance.receiving_unit_id)
        self.fields["signer"].queryset = plan_signers(self.instance.signer_id)
        self.fields["issued_day"].help_text = _("Để trống khi chưa ký.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = _campaign_layout()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc thời gian thi đua phải sau ngày bắt đầu."))
        self._clean_issued_date(cleaned)
        self._clean_deadlines(cleaned)
        return cleaned

    def clean_number(self):
        number = (self.cleaned_data.get("number") or "").strip()
        if number and not number.isdigit():
            raise forms.ValidationError(
                _("Số của Kế hoạch chỉ gồm chữ số (ví dụ 125); ký hiệu “KH-UBND” ghi ở ô bên cạnh.")
            )
        return number

    def _clean_issued_date(self, cleaned):
        day, month, year = (cleaned.get(f"issued_{part}") for part in ("day", "month", "year"))
        if day and not month:
            self.add_error("issued_month", _("Đã ghi ngày ban hành thì phải ghi cả tháng."))
        if month and not year:
            self.add_error("issued_year", _("Đã ghi tháng ban hành thì phải ghi cả năm."))
        if day and month and year:
            try:
                issued = date(year, month, day)
            except ValueError:
                self.add_error(
                    "issued_day",
                    _("Ngày %(day)s/%(month)s/%(year)s không có thật.")
                    % {
                        "day": day,
                        "month": month,
                        "year": year,
                    },
                )
                return
            registration = cleaned.get("registration_deadline")
            if registration and issued > registration:
                self.add_error(
                    "issued_day",
                    _(
                        "Ngày ban hành Kế hoạch (%(issued)s) phải trước hạn đăng ký thi đua (%(deadline)s): "
                        "các đơn vị đăng ký theo Kế hoạch đã ban hành."
                    )
                    % {"issued": issued.strftime("%d/%m/%Y"), "deadline": registration.strftime("%d/%m/%Y")},
                )

    def _clean_deadlines(self, cleaned):
        previous_name, previous = None, None
        for name, strict in DEADLINE_FIELDS:
            value = cleaned.get(name)
            if value is None:
                continue
            if previous is not None and (value < previous or (strict and value == previous)):
                self.add_error(
                    name,
                    _("“%(this)s” phải %(how)s “%(before)s” (%(date)s).")
                    % {
                        "this": self.fields[name].label,
                        "how": _("sau") if strict else _("không sớm hơn"),
                        "before": self.fields[previous_name].label,
                        "date": previous.strftime("%d/%m/%Y"),
                    },
                )
                continue
            previous_name, previous = name, value


def _campaign_layout() -> Layout:
    """The plan's fields grouped as the document reads: form of the document, title and period, standards
    and texts, deadlines, signer."""
    row = "row g-3"
    col = "col-sm-6 col-lg-4"
    return Layout(
        Fieldset(
            _("Thể thức văn bản"),
            Div(
                Div("doc_type", css_class=col),
                Div("number", css_class="col-sm-3 col-lg-2"),
                Div("symbol", css_class="col-sm-3 col-lg-2"),
                Div("place", css_class=col),
                css_class=row,
            ),
            Div(
                Div("issuer_parent", css_class="col-sm-6"),
                Div("issuer", css_class="col-sm-6"),
                css_class=row,
            ),
            Div(
                Div("issued_day", css_class="col-4 col-lg-2"),
                Div("issued_month", css_class="col-4 col-lg-2"),
                Div("issued_year", css_class="col-4 col-lg-2"),
                css_class=row,
            ),
        ),
        Fieldset(
            _("Trích yếu, thời gian và đối tượng"),
            "title",
            "preamble",
            Div(Div("period_start", css_class=col), Div("period_end", css_class=col), css_class=row),
            "participants",
            "award_achievement",
        ),
        Fieldset(
            _("Tiêu chuẩn, số lượng, hồ sơ và kinh phí"),
            "city_standard",
            "collective_standard_intro",
            "individual_standard_intro",
            "quota_text",
            "receiving_unit",
            "submission_text",
            "funding_text",
            "closing_text",
        ),
        Fieldset(
            _("Các mốc thời gian"),
            Div(*[Div(name, css_class=col) for name, _strict in DEADLINE_FIELDS], css_class=row),
        ),
        Fieldset(
            _("Người ký"),
            Div(
                Div("signer_authority", css_class=col),
                Div("signer_capacity", css_class=col),
                Div("signer_title", css_class=col),
                css_class=row,
            ),
            Div(
                Div("signer_name", css_class="col-sm-6"),
                Div("signer", css_class="col-sm-6"),
                css_class=row,
            ),
        ),
    )


def next_period(start: date, end: date) -> tuple[date, date]:
    """The period right after [start, end], as long: whole months when the period is whole months."""
    following = end + timedelta(days=1)
    if start.day == 1 and following.day == 1:
        months = (following.year - start.year) * 12 + following.month - start.month
        index = following.year * 12 + following.month - 1 + months
        return following, date(index // 12, index % 12 + 1, 1) - timedelta(days=1)
    return following, following + (end - start)


class CopyForm(NfcMixin, forms.Form):
    """The new campaign's title and period; everything else is copied from the source."""

    title = forms.CharField(label=_("Trích yếu của phong trào mới"), max_length=400, widget=textarea(2))
    period_start = forms.DateField(label=_("Thời gian thi đua từ ngày"), widget=date_input())
    period_end = forms.DateField(label=_("Đến ngày"), widget=date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc thời gian thi đua phải sau ngày bắt đầu."))
        return cleaned
