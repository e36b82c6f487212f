"""Forms for the dossier pages. They validate and lay out; every write goes through nominations.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from anhai_thidua.core.forms import LengthLimitsMixin
from anhai_thidua.core.uploads import ACCEPT_ATTRIBUTE, validate_upload
from campaigns.enums import AwardKind, DossierComponentKind, NomineeKind
from campaigns.models import Standard
from organisation.enums import Gender
from organisation.models import Official, Unit
from organisation.text import nfc

from .models import AchievementReport, Nominee
from .selectors import officials_for_dossier, teams_for_dossier


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _file_input():
    return forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE})


class NfcForm(LengthLimitsMixin, forms.Form):
    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = nfc(value)
        return cleaned


class OfficialChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Official) -> str:
        return f"{obj.full_name} — {obj.position}, {obj.unit.name}" if obj.position else obj.full_name


class NomineeForm(NfcForm):
    official = OfficialChoiceField(
        label=_("Cán bộ, công chức"), queryset=Official.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(label=_("Tập thể"), queryset=Unit.objects.none(), required=False)
    award_kind = forms.ChoiceField(label=_("Hình thức đề nghị"))
    standards = forms.ModelMultipleChoiceField(
        label=_("Tiêu chuẩn đạt được (mục III.3.2 của kế hoạch)"),
        queryset=Standard.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất một tiêu chuẩn khen thưởng đạt được.")},
    )
    evidence = forms.CharField(
        label=_("Minh chứng, thành tích tiêu biểu"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Tóm tắt thành tích chứng minh tiêu chuẩn đã chọn; chi tiết ghi trong báo cáo thành tích."
        ),
        error_messages={"required": _("Hãy ghi minh chứng, thành tích tiêu biểu.")},
    )

    def __init__(self, *args, dossier, kind: str, nominee: Nominee | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        campaign = dossier.campaign
        kinds = set(campaign.award_forms.values_list("kind", flat=True))
        self.fields["award_kind"].choices = [(k, label) for k, label in AwardKind.choices if k in kinds]
        self.fields["standards"].queryset = Standard.objects.filter(campaign=campaign, nominee_kind=kind)
        self.fields["standards"].label_from_instance = lambda s: s.text
        if nominee is not None:
            del self.fields["official"]
            del self.fields["unit"]
        elif kind == NomineeKind.INDIVIDUAL:
            del self.fields["unit"]
            taken = dossier.nominees.filter(official__isnull=False).values("official_id")
            self.fields["official"].queryset = officials_for_dossier(dossier).exclude(pk__in=taken)
            self.fields["official"].required = True
            self.fields["official"].error_messages["required"] = _("Hãy chọn cán bộ, công chức được đề nghị.")
        else:
            del self.fields["official"]
            taken = dossier.nominees.filter(unit__isnull=False).values("unit_id")
            self.fields["unit"].queryset = teams_for_dossier(dossier).exclude(pk__in=taken)
            self.fields["unit"].required = True
            self.fields["unit"].error_messages["required"] = _("Hãy chọn tập thể được đề nghị.")


class ReportForm(NfcForm):
    """Every field optional: "Lưu nháp" saves whatever is typed; the completeness panel says what is left."""

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        if kind == NomineeKind.INDIVIDUAL:
            names = [
                "cv_full_name",
                "cv_birth_date",
                "cv_gender",
                "cv_hometown",
                "cv_residence",
                "cv_position",
                "cv_unit_name",
                "cv_qualification",
                "cv_political_theory",
                "cv_years_of_service",
                "duties",
                "results",
                "initiatives",
            ]
        else:
            names = [
                "profile_address",
                "profile_structure",
                "profile_staff_total",
                "profile_staff_women",
                "profile_functions",
                "results",
                "initiatives",
            ]
        names += list(AchievementReport.DECLARATION_FIELDS)
        required = set(
            AchievementReport.INDIVIDUAL_REQUIRED
            if kind == NomineeKind.INDIVIDUAL
            else AchievementReport.COLLECTIVE_REQUIRED
        )
        for name in names:
            model_field = AchievementReport._meta.get_field(name)
            field = model_field.formfield()
            field.required = False
            if name == "cv_birth_date":
                field.widget = _date_input()
            elif name == "cv_gender":
                field = forms.ChoiceField(
                    label=model_field.verbose_name, choices=[("", "—"), *Gender.choices], required=False
                )
            elif isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 6 if name in {"results", "duties", "initiatives"} else 3
            if name in required:
                field.widget.attrs["data-required-for-submit"] = "1"
            field.label = str(field.label)[:1].upper() + str(field.label)[1:]
            self.fields[name] = field
        self.fields["results"].help_text = _(
            "Kết quả thực hiện nhiệm vụ, các chỉ tiêu cải cách hành chính đạt được (số liệu cụ thể)."
        )
        self.declaration_names = list(AchievementReport.DECLARATION_FIELDS)
        self.kind = kind

    def clean(self):
        cleaned = super().clean()
        total, women = cleaned.get("profile_staff_total"), cleaned.get("profile_staff_women")
        if total is not None and women is not None and women > total:
            self.add_error("profile_staff_women", _("Số cán bộ nữ không thể lớn hơn tổng số."))
        return cleaned


class PriorAwardForm(NfcForm):
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=1950,
        max_value=2100,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
    )
    form = forms.CharField(
        label=_("Hình thức khen thưởng, danh hiệu"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    decision = forms.CharField(
        label=_("Số, ngày quyết định; cơ quan ban hành"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("form") and not cleaned.get("year"):
            self.add_error("year", _("Hãy ghi năm được khen thưởng."))
        if cleaned.get("year") and not cleaned.get("form"):
            self.add_error("form", _("Hãy ghi hình thức khen thưởng."))
        return cleaned


PriorAwardFormSet = forms.formset_factory(PriorAwardForm, extra=2, max_num=30)


class ScanForm(LengthLimitsMixin, forms.Form):
    """One signed scan (report or minutes). Checked by core.uploads."""

    scan = forms.FileField(
        label=_("Bản chụp có chữ ký (PDF, DOCX, JPEG, PNG)"),
        required=False,
        validators=[validate_upload],
        allow_empty_file=True,  # validate_upload refuses it, naming the file
        widget=_file_input(),
    )


class LetterForm(NfcForm):
    number = forms.CharField(label=_("Số tờ trình"), max_length=20, required=False)
    letter_date = forms.DateField(
        label=_("Ngày tờ trình"),
        required=False,
        widget=_date_input(),
        help_text=_("Để trống: tờ trình mang ngày nộp hồ sơ. Không được sau ngày nộp hồ sơ."),
    )


class MinutesForm(NfcForm):
    meeting_date = forms.DateField(label=_("Ngày họp"), widget=_date_input())
    start_time = forms.TimeField(
        label=_("Bắt đầu lúc"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Hãy ghi giờ bắt đầu cuộc họp."), "invalid": _("Giờ ghi dạng 14:00.")},
    )
    end_time = forms.TimeField(
        label=_("Kết thúc lúc"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Hãy ghi giờ kết thúc cuộc họp."), "invalid": _("Giờ ghi dạng 16:30.")},
    )
    meeting_place = forms.CharField(label=_("Địa điểm"), max_length=200)
    chair_name = forms.CharField(label=_("Chủ trì"), max_length=120)
    secretary_name = forms.CharField(label=_("Thư ký"), max_length=120)
    members_total = forms.IntegerField(label=_("Tổng số thành viên Hội đồng"), min_value=1, max_value=200)
    members_present = forms.IntegerField(label=_("Số thành viên có mặt"), min_value=0, max_value=200)
    content = forms.CharField(
        label=_("Diễn biến, ý kiến thảo luận, kết luận"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    def __init__(self, *args, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self.nominees = list(nominees)
        for nominee in self.nominees:
            self.fields[f"for_{nominee.pk}"] = forms.IntegerField(
                label=_("Số phiếu đồng ý"), min_value=0, max_value=200
            )
            self.fields[f"total_{nominee.pk}"] = forms.IntegerField(
                label=_("Tổng số phiếu"), min_value=0, max_value=200
            )

    def vote_rows(self):
        return [(n, self[f"for_{n.pk}"], self[f"total_{n.pk}"]) for n in self.nominees]

    def clean(self):
        cleaned = super().clean()
        present, total = cleaned.get("members_present"), cleaned.get("members_total")
        if present is not None and total is not None and present > total:
            self.add_error("members_present", _("Số thành viên có mặt không thể lớn hơn tổng số thành viên."))
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start is not None and end is not None and end <= start:
            self.add_error("end_time", _("Giờ kết thúc cuộc họp phải sau giờ bắt đầu."))
        for nominee in self.nominees:
            agree, cast = cleaned.get(f"for_{nominee.pk}"), cleaned.get(f"total_{nominee.pk}")
            if agree is not None and cast is not None and agree > cast:
                self.add_error(f"for_{nominee.pk}", _("Số phiếu đồng ý không thể lớn hơn tổng số phiếu."))
            if cast is not None and present is not None and cast > present:
                self.add_error(
                    f"total_{nominee.pk}", _("Tổng số phiếu không thể lớn hơn số thành viên có mặt.")
                )
        return cleaned

    def fields_and_votes(self):
        fields = {k: self.cleaned_data[k] for k in self.base_fields}
        votes = {
            n.pk: (self.cleaned_data[f"for_{n.pk}"], self.cleaned_data[f"total_{n.pk}"])
            for n in self.nominees
        }
        return fields, votes


class AttachmentForm(NfcForm):
    kind = forms.ChoiceField(label=_("Thành phần hồ sơ"), choices=DossierComponentKind.choices)
    requirement = forms.ChoiceField(label=_("Đáp ứng yêu cầu"), required=False)
    nominee = forms.ChoiceField(label=_("Của tập thể, cá nhân"), required=False)
    description = forms.CharField(label=_("Mô tả"), max_length=300, required=False)
    file = forms.FileField(
        label=_("Tệp (PDF, DOCX, JPEG, PNG)"),
        validators=[validate_upload],
        allow_empty_file=True,  # validate_upload refuses it, naming the file
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        error_messages={"required": _("Hãy chọn tệp để tải lên.")},
    )

    def __init__(self, *args, detail, **kwargs):
        super().__init__(*args, **kwargs)
        self.detail = detail
        self.fields["requirement"].choices = [("", "—")] + [(str(r.pk), r.text) for r in detail.requirements]
        self.fields["nominee"].choices = [("", "—")] + [(str(n.pk), n.display_name) for n in detail.nominees]

    def clean_requirement(self):
        value = self.cleaned_data.get("requirement")
        return next((r for r in self.detail.requirements if str(r.pk) == value), None)

    def clean_nominee(self):
        value = self.cleaned_data.get("nominee")
        return next((n for n in self.detail.nominees if str(n.pk) == value), None)


class NoteForm(NfcForm):
    note = forms.CharField(
        label=_("Ghi chú, lý do"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ExtensionForm(NfcForm):
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Unit.objects.filter(parent__isnull=True, is_active=True)
    )
    new_deadline = forms.DateField(label=_("Hạn mới"), widget=_date_input())
    reason = forms.CharField(label=_("Lý do gia hạn"), widget=forms.Textarea(attrs={"rows": 3}))
