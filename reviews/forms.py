"""The review form (checklist, decisions, return) and the inbox filters."""

from __future__ import annotations

import html
import re

import django_filters
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anhai_thidua.core.forms import LengthLimitsMixin
from campaigns.enums import AwardKind
from nominations.enums import PENDING_REVIEW_STATES, DossierState
from notifications.workdays import add_working_days
from organisation.usercache import top_unit_choices, top_unit_options

from .deadlines import overdue_before
from .enums import ItemStatus
from .fragments import ReviewSheet
from .models import NomineeDecision
from .search import apply_search
from .selectors import with_award_kind

ACTIONS = ("save", "return", "decide")
_SLOT = re.compile(r"<!--field:([\w-]+):([\w -]*)-->")


def html_attrs(attrs: dict) -> SafeString:
    """A widget's attributes as django/forms/widgets/attrs.html writes them: in their order (flatatt sorts
    them), True as a bare name, False left out, anything else as its escaped str(). Written with
    conditional_escape and f-strings, as format_html would, at a fraction of its cost (30 fields a page)."""
    return mark_safe(
        "".join(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
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
            f'\n  <option value="{conditional_escape(str(key))}"{" selected" if str(key) == chosen else ""}>'
            f"{conditional_escape(label)}</option>\n"
            for key, label in self.choices
        )
        attributes = html_attrs(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{conditional_escape(name)}"{attributes}>{options}\n</select>')


class PlainTextarea(forms.Textarea):
    """A textarea written in one pass: the same HTML as forms.Textarea's template (the review page has two
    per checklist line and nominee; issue 13)."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        attributes = html_attrs(self.build_attrs(self.attrs, attrs))
        return mark_safe(
            f'<textarea name="{conditional_escape(name)}"{attributes}>\n{conditional_escape(value or "")}</textarea>'
        )


class PlainInput:
    """Mixed into an input widget: written in one pass, the same HTML as django/forms/widgets/input.html (the
    review form's hidden versions and its date; through the template engine each took as long as the
    checklist's thirty other fields together)."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        shown = "" if value is None else f' value="{conditional_escape(value)}"'
        attributes = html_attrs(self.build_attrs(self.attrs, attrs))
        return mark_safe(
            f'<input type="{self.input_type}" name="{conditional_escape(name)}"{shown}{attributes}>'
        )


class PlainHiddenInput(PlainInput, forms.HiddenInput):
    pass


class PlainDateInput(PlainInput, forms.DateInput):
    pass


class ReviewForm(LengthLimitsMixin, forms.Form):
    """One form for the whole review page: a status and a comment per checklist line, a decision and a
    reason per nominee, the free reasons and the due date of a return, and the two versions the page
    was built from (optimistic concurrency)."""

    dossier_version = forms.IntegerField(widget=PlainHiddenInput)
    review_version = forms.IntegerField(widget=PlainHiddenInput)
    reasons = forms.CharField(
        label=_("Nội dung khác đơn vị cần bổ sung (mỗi dòng một nội dung)"),
        required=False,
        widget=PlainTextarea(attrs={"rows": 3, "class": "form-control"}),
    )
    due_date = forms.DateField(
        label=_("Hạn nộp lại hồ sơ"),
        required=False,
        widget=PlainDateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, page: ReviewSheet, **kwargs):
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
        # The labels and the choices' texts translated once per form, not once per field (30 on a page).
        status_label, comment_label = gettext("Kết quả kiểm tra – %(item)s"), gettext("Nhận xét – %(item)s")
        statuses = [(value, str(label)) for value, label in ItemStatus.choices]
        for row in page.rows:
            self.fields[f"{row.key}-status"] = forms.ChoiceField(
                label=status_label % {"item": row.label},
                choices=statuses,
                required=False,
                initial=row.status,
                widget=ChoicesSelect(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"{row.key}-comment"] = forms.CharField(
                label=comment_label % {"item": row.label},
                required=False,
                initial=row.comment,
                widget=PlainTextarea(attrs={"rows": 1, "class": "form-control form-control-sm"}),
            )
        decision_label, reason_label = (
            gettext("Quyết định – %(name)s"),
            gettext("Lý do không tiếp nhận – %(name)s"),
        )
        decisions = [(value, str(label)) for value, label in NomineeDecision.Decision.choices]
        for block in page.nominee_blocks:
            self.fields[f"nominee-{block.nominee_id}-decision"] = forms.ChoiceField(
                label=decision_label % {"name": block.name},
                choices=decisions,
                initial=block.decision or NomineeDecision.Decision.ACCEPTED,
                widget=ChoicesSelect(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"nominee-{block.nominee_id}-reason"] = forms.CharField(
                label=reason_label % {"name": block.name},
                required=False,
                initial=block.reason,
                widget=PlainTextarea(attrs={"rows": 1, "class": "form-control form-control-sm"}),
            )

    def fill(self, html: str) -> SafeString:
        """The cached checklist (reviews/_checklist.html) with each slot <!--field:NAME:LABEL-CLASS--> replaced
        by the field NAME, its label first, as this form shows it now (initial or typed values). The slots
        come from the template alone: typed text reaches the HTML escaped, never as "<!--"."""

        def field(match: re.Match) -> str:
            bound = self[match[1]]
            label = f'<label class="{match[2]}" for="{conditional_escape(bound.id_for_label)}">'
            return f"{label}{conditional_escape(bound.label)}</label>{bound}"

        return mark_safe(_SLOT.sub(field, html))  # each label escaped here, each widget by its render()

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
            b.nominee_id: {
                "decision": data.get(f"nominee-{b.nominee_id}-decision"),
                "reason": data.get(f"nominee-{b.nominee_id}-reason", ""),
            }
            for b in self.page.nominee_blocks
        }

    def reason_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("reasons", "").splitlines() if line.strip()]


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
