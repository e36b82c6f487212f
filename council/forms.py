from datetime import datetime, time

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anhai_thidua.core.forms import LengthLimitsMixin
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign

from .enums import AttendanceStatus, Choice


class MeetingForm(LengthLimitsMixin, forms.Form):
    campaign = forms.ModelChoiceField(
        label=_("Phong trào"),
        queryset=Campaign.objects.exclude(status=CampaignStatus.DRAFT).order_by("-period_start"),
    )
    date = forms.DateField(
        label=_("Ngày họp"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    time = forms.TimeField(
        label=_("Giờ họp"), initial=time(8, 0), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=200, initial=_("Phòng họp UBND phường An Hải"))
    agenda = forms.CharField(
        label=_("Nội dung, chương trình họp"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=_(
            "Xét, bỏ phiếu đề nghị khen thưởng các tập thể, cá nhân có thành tích trong phong trào thi đua."
        ),
    )
    secret_ballot = forms.BooleanField(label=_("Bỏ phiếu kín"), required=False, initial=True)
    number = forms.CharField(label=_("Số biên bản"), max_length=20, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Lên lịch họp")))

    def held_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"]))


class AttendanceForm(LengthLimitsMixin, forms.Form):
    """One radio group per member: present, absent, voting in writing (when the rules allow it)."""

    def __init__(self, *args, attendances, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            c
            for c in AttendanceStatus.choices
            if c[0] != AttendanceStatus.WRITTEN or settings.COUNCIL_ALLOW_WRITTEN_VOTES
        ]
        self.rows = []
        for attendance in attendances:
            name = f"member_{attendance.member_id}"
            self.fields[name] = forms.ChoiceField(
                label=attendance.member.official.full_name,
                choices=choices,
                initial=attendance.status,
                widget=forms.RadioSelect,
            )
            self.rows.append((attendance, self[name]))

    def statuses(self) -> dict[int, str]:
        return {int(k.removeprefix("member_")): v for k, v in self.cleaned_data.items()}


class BallotForm(LengthLimitsMixin, forms.Form):
    """Agree / disagree on every nominee the member may vote on; recused nominees are shown, not asked."""

    def __init__(self, *args, items, recused: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for item in items:
            name = f"item_{item.pk}"
            if item.pk in recused:
                self.rows.append((item, None, recused[item.pk]))
                continue
            self.fields[name] = forms.ChoiceField(
                label=item.nominee.formal_name,
                choices=Choice.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Hãy chọn Đồng ý hoặc Không đồng ý.")},
            )
            self.rows.append((item, self[name], ""))

    def choices(self) -> dict[int, str]:
        return {int(k.removeprefix("item_")): v for k, v in self.cleaned_data.items()}


class TieBreakForm(LengthLimitsMixin, forms.Form):
    award_kind = forms.CharField(widget=forms.HiddenInput)
    nominee_kind = forms.CharField(widget=forms.HiddenInput)
    selected = forms.TypedMultipleChoiceField(
        label=_("Chủ tịch Hội đồng chọn"), coerce=int, widget=forms.CheckboxSelectMultiple, choices=()
    )
    note = forms.CharField(label=_("Ý kiến, lý do lựa chọn"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, group=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].choices = [(o.poll_item.pk, o.nominee.formal_name) for o in group]
