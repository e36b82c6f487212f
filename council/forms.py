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

    def __init__(self, *args, group=(), choices=None, **kwargs):
        """group: the tied outcomes; or choices, [(poll item id, formal name)] as the meeting page keeps them."""
        super().__init__(*args, **kwargs)
        if choices is None:
            choices = [(o.poll_item.pk, o.nominee.formal_name) for o in group]
        self.fields["selected"].choices = list(choices)


def _member_label(attendance) -> str:
    return attendance.member.official.full_name


class CommitteeForm(forms.Form):
    """The counting committee chosen at the meeting: a head and members, among the members present."""

    prefix = "committee"  # the meeting page has other member checkboxes: keep ids and names apart

    head = forms.TypedChoiceField(
        label=_("Trưởng Ban kiểm phiếu"),
        coerce=int,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": _("Hãy chọn Trưởng Ban kiểm phiếu.")},
    )
    members = forms.TypedMultipleChoiceField(
        label=_("Thành viên Ban kiểm phiếu"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, attendances, committee=(), **kwargs):
        super().__init__(*args, **kwargs)
        present = [
            (a.member_id, _member_label(a)) for a in attendances if a.status == AttendanceStatus.PRESENT
        ]
        self.fields["head"].choices = [("", "—")] + present
        self.fields["members"].choices = present
        head = next((c.member_id for c in committee if c.head), None)
        if head:
            self.initial.setdefault("head", head)
        self.initial.setdefault("members", [c.member_id for c in committee if not c.head])

    def clean(self):
        data = super().clean()
        members = [m for m in data.get("members") or [] if m != data.get("head")]
        if data.get("head") is not None and not members:
            self.add_error("members", _("Hãy chọn ít nhất một thành viên Ban kiểm phiếu ngoài trưởng ban."))
        data["members"] = members
        return data


class PaperVotersForm(forms.Form):
    """Members who vote on paper (present) or in writing: marked as having voted, nothing more."""

    prefix = "paper"

    members = forms.TypedMultipleChoiceField(
        label=_("Thành viên bỏ phiếu giấy"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn thành viên bỏ phiếu giấy.")},
    )

    def __init__(self, *args, attendances, voted=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = [
            (a.member_id, f"{_member_label(a)} ({a.get_status_display()})")
            for a in attendances
            if a.status != AttendanceStatus.ABSENT and a.member_id not in voted
        ]


class PaperTallyForm(forms.Form):
    """The counting committee's totals of one poll's paper ballots. Every violation of the arithmetic is a
    message on the field it concerns (services.paper_tally_problems); the numbers typed stay on the form."""

    issued = forms.IntegerField(label=_("Số phiếu phát ra"), min_value=0)
    returned = forms.IntegerField(label=_("Số phiếu thu về"), min_value=0)
    valid = forms.IntegerField(label=_("Số phiếu hợp lệ"), min_value=0)
    invalid = forms.IntegerField(label=_("Số phiếu không hợp lệ"), min_value=0)

    def __init__(self, *args, items, expected_issued: int, counts=None, recused=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        self.expected_issued = expected_issued
        self.recused = recused or {}
        counts = counts or {}
        self.rows = []
        for item in items:
            agree, disagree = counts.get(item.pk, (None, None))
            for kind, label, value in (
                ("agree", _("Đồng ý"), agree),
                ("disagree", _("Không đồng ý"), disagree),
            ):
                self.fields[f"{kind}_{item.pk}"] = forms.IntegerField(
                    label=label,
                    min_value=0,
                    initial=value,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "form-control"}),
                    error_messages={"required": _("Hãy nhập số phiếu (0 nếu không có).")},
                )
            self.rows.append((item, self[f"agree_{item.pk}"], self[f"disagree_{item.pk}"]))
        for name in ("issued", "returned", "valid", "invalid"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "class": "form-control"})
            self.fields[name].error_messages["required"] = _("Hãy nhập số phiếu (0 nếu không có).")
        self.fields["issued"].help_text = _(
            "Bằng số thành viên bỏ phiếu giấy hoặc biểu quyết bằng văn bản: %(n)s."
        ) % {"n": expected_issued}

    def counts(self) -> dict[int, tuple[int, int]]:
        return {
            item.pk: (self.cleaned_data[f"agree_{item.pk}"], self.cleaned_data[f"disagree_{item.pk}"])
            for item in self.items
        }

    def clean(self):
        from .services import paper_tally_problems

        data = super().clean()
        if self.errors:
            return data
        for field, message in paper_tally_problems(
            issued=data["issued"],
            returned=data["returned"],
            valid=data["valid"],
            invalid=data["invalid"],
            counts=self.counts(),
            expected_issued=self.expected_issued,
            names={item.pk: item.nominee.display_name for item in self.items},
            recused=self.recused,
        ):
            self.add_error(field, message)
        return data


class EndTimeForm(forms.Form):
    date = forms.DateField(
        label=_("Ngày kết thúc"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    time = forms.TimeField(
        label=_("Giờ kết thúc cuộc họp"),
        widget=forms.TimeInput(attrs={"type": "time", "class": "form-control"}, format="%H:%M"),
    )

    def ended_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"]))
