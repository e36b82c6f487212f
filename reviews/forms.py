"""The review form (checklist, decisions, return) and the inbox filters."""

from __future__ import annotations

import html

import django_filters
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from anhai_thidua.core.forms import LengthLimitsMixin
from campaigns.enums import AwardKind
from nominations.enums import PENDING_REVIEW_STATES, DossierState
from notifications.workdays import add_working_days
from organisation.usercache import top_unit_choices, top_unit_options

from .deadlines import overdue_before
from .enums import ItemStatus
from .models import NomineeDecision
from .search import apply_search
from .selectors import ReviewPage, with_award_kind

ACTIONS = ("save", "return", "decide")


class ReviewForm(LengthLimitsMixin, forms.Form):
    """One form for the whole review page: a status and a comment per checklist line, a decision and a
    reason per nominee, the free reasons and the due date of a return, and the two versions the page
    was built from (optimistic concurrency)."""

    dossier_version = forms.IntegerField(widget=forms.HiddenInput)
    review_version = forms.IntegerField(widget=forms.HiddenInput)
    reasons = forms.CharField(
        label=_("Nội dung khác đơn vị cần bổ sung (mỗi dòng một nội dung)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
    due_date = forms.DateField(
        label=_("Hạn nộp lại hồ sơ"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, page: ReviewPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields["dossier_version"].initial = page.dossier.version
        self.fields["review_version"].initial = page.review.version
        days = getattr(settings, "SUPPLEMENT_WORKING_DAYS", 5)
        self.fields["due_date"].initial = (
            page.review.supplement_due
            if page.dossier.state == DossierState.RETURNED
            else (add_working_days(timezone.localdate(), days))
        )
        for row in page.rows:
            self.fields[f"{row.key}-status"] = forms.ChoiceField(
                label=_("Kết quả kiểm tra – %(item)s") % {"item": row.label},
                choices=ItemStatus.choices,
                required=False,
                initial=row.status,
                widget=ChoicesSelect(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"{row.key}-comment"] = forms.CharField(
                label=_("Nhận xét – %(item)s") % {"item": row.label},
                required=False,
                initial=row.comment,
                widget=PlainTextarea(attrs={"rows": 1, "class": "form-control form-control-sm"}),
            )
        for block in page.nominee_blocks:
            name = block.nominee.formal_name
            self.fields[f"nominee-{block.nominee.pk}-decision"] = forms.ChoiceField(
                label=_("Quyết định – %(name)s") % {"name": name},
                choices=NomineeDecision.Decision.choices,
                initial=block.decision.decision if block.decision else NomineeDecision.Decision.ACCEPTED,
                widget=ChoicesSelect(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"nominee-{block.nominee.pk}-reason"] = forms.CharField(
                label=_("Lý do không tiếp nhận – %(name)s") % {"name": name},
                required=False,
                initial=block.decision.reason if block.decision else "",
                widget=PlainTextarea(attrs={"rows": 1, "class": "form-control form-control-sm"}),
            )

    # Bound fields grouped for the template.
    def row_fields(self, row):
        return self[f"{row.key}-status"], self[f"{row.key}-comment"]

    def items(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {
            row.key: {
                "status": data.get(f"{row.key}-status", ""),
                "comment": data.get(f"{row.key}-comment", ""),
            }
            for row in self.page.rows
        }

    def decisions(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {
            b.nominee.pk: {
                "decision": data.get(f"nominee-{b.nominee.pk}-decision"),
                "reason": data.get(f"nominee-{b.nominee.pk}-reason", ""),
            }
            for b in self.page.nominee_blocks
        }

    def reason_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("reasons", "").splitlines() if line.strip()]


def html_attrs(attrs: dict) -> SafeString:
    """A widget's attributes as django/forms/widgets/attrs.html writes them: in their order (flatatt sorts
    them), True as a bare name, False left out, anything else as its escaped str()."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
            for name, value in attrs.items()
            if value is not False
        )
    )


class UnitSelect(forms.Select):
    """The select of the ward's top units: the options' HTML comes written from the cache
    (organisation.usercache.top_unit_options), the chosen one marked by its unique value. The same HTML
    as forms.Select; through Django's option template a city's 2,000 units took ~120 ms of the inbox
    (issue 13), and ~6 ms even written in one pass per request."""

    def __init__(self, attrs=None, *, empty_label: str = ""):
        super().__init__(attrs)
        self.empty_label = empty_label

    def render(self, name, value, attrs=None, renderer=None):
        chosen = str(value) if value not in (None, "") else ""
        options = top_unit_options()
        if chosen:
            options = options.replace(
                f'<option value="{html.escape(chosen)}">',
                f'<option value="{html.escape(chosen)}" selected>',
                1,
            )
        empty = (
            f'<option value=""{"" if chosen else " selected"}>{html.escape(str(self.empty_label))}</option>'
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            html_attrs(self.build_attrs(self.attrs, attrs)),
            mark_safe(empty + options),
        )


class ChoicesSelect(forms.Select):
    """A small select written in one pass from its choices: the same HTML as forms.Select's template
    (flat choices, one value) without an option template rendered per choice (issue 13)."""

    def render(self, name, value, attrs=None, renderer=None):
        values = self.format_value(value)
        chosen = values[0] if values else ""
        options = "".join(
            format_html(
                '\n  <option value="{}"{}>{}</option>\n',
                str(key),
                mark_safe(" selected") if str(key) == chosen else "",
                label,
            )
            for key, label in self.choices
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            html_attrs(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # each option escaped by format_html
        )


class PlainTextarea(forms.Textarea):
    """A textarea written in one pass: the same HTML as forms.Textarea's template (the review page has two
    per checklist line and nominee; issue 13)."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            name,
            html_attrs(self.build_attrs(self.attrs, attrs)),
            value or "",
        )


class InboxFilter(django_filters.FilterSet):
    """Filters of the office's inbox. Parameters: q, unit, state, award, overdue."""

    q = django_filters.CharFilter(label=_("Tìm đơn vị, tập thể, cá nhân"), method="filter_search")
    # The ward's top units from the cache (organisation.usercache), written by UnitSelect: the same <select>
    # as a ModelChoiceFilter's without building and rendering 2,000 Unit rows per request.
    unit = django_filters.ChoiceFilter(
        field_name="unit_id",
        label=_("Đơn vị"),
        choices=top_unit_choices,
        empty_label=_("Tất cả"),
        widget=UnitSelect(empty_label=_("Tất cả")),
    )
    state = django_filters.ChoiceFilter(
        field_name="state",
        label=_("Trạng thái"),
        choices=DossierState.choices,
        empty_label=_("Tất cả"),
        widget=ChoicesSelect,
    )
    award = django_filters.ChoiceFilter(
        label=_("Hình thức đề nghị"),
        choices=AwardKind.choices,
        empty_label=_("Tất cả"),
        method="filter_award",
        widget=ChoicesSelect,
    )
    overdue = django_filters.BooleanFilter(
        label=_("Chỉ hồ sơ quá hạn thẩm định"), method="filter_overdue", widget=forms.CheckboxInput
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        for name, field in self.form.fields.items():
            css = (
                "form-check-input" if name == "overdue" else "form-select" if name != "q" else "form-control"
            )
            field.widget.attrs["class"] = css

    def filter_search(self, qs, name, value):
        return apply_search(qs, value) if value else qs

    def filter_award(self, qs, name, value):
        return with_award_kind(qs, value) if value else qs

    def filter_overdue(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(state__in=PENDING_REVIEW_STATES, submitted_at__lt=overdue_before(self.today))


class ReceiveForm(LengthLimitsMixin, forms.Form):
    dossiers = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=True)

    def __init__(self, *args, ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossiers"].choices = [(i, i) for i in ids]
        self.fields["dossiers"].error_messages["required"] = _("Hãy chọn ít nhất một hồ sơ.")
