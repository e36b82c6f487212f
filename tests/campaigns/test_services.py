"""Campaign services: the status workflow, create/update, copy, and saving a plan section's formsets."""

from datetime import date, timedelta

import pytest
from django.http import QueryDict

from anhai_thidua.core.domain import DomainError, IllegalTransition
from anhai_thidua.core.models import AuditEntry
from campaigns import services
from campaigns.forms import editor_section, section_formsets
from campaigns.models import Campaign, LegalBasis, PlanItem
from criteria.models import ReportingPeriod, Target, TargetResult
from tests.factories import CampaignFactory, CriterionFactory, QuotaFactory, TargetFactory


def _audit(campaign, action):
    return AuditEntry.objects.filter(object_id=campaign.pk, action=action, content_type__model="campaign")


@pytest.fixture
def draft(db):
    """A draft with what launching needs: a criterion and a quota."""
    campaign = CampaignFactory(status="draft")
    CriterionFactory(campaign=campaign)
    QuotaFactory(award_form__campaign=campaign)
    return campaign


@pytest.fixture
def plan(db):
    campaign, _created = services.campaign_seed_anhai(today=date(2025, 8, 1))
    return campaign


# --- status workflow ------------------------------------------------------------------------------------


def test_launch_moves_a_draft_to_launched_with_an_audit_row(draft, office_user):
    launched = services.campaign_launch(campaign=draft, actor=office_user)

    draft.refresh_from_db()
    assert launched.status == draft.status == "launched"
    entry = _audit(draft, "campaign_launch").get()
    assert (entry.actor, entry.from_state, entry.to_state) == (office_user, "draft", "launched")


def test_launch_is_refused_without_criteria(office_user):
    campaign = CampaignFactory(status="draft")
    QuotaFactory(award_form__campaign=campaign)

    with pytest.raises(DomainError, match="chưa có tiêu chí thi đua"):
        services.campaign_launch(campaign=campaign, actor=office_user)

    campaign.refresh_from_db()
    assert campaign.status == "draft"
    assert not _audit(campaign, "campaign_launch").exists()


def test_launch_is_refused_without_a_quota(office_user):
    campaign = CampaignFactory(status="draft")
    CriterionFactory(campaign=campaign)

    with pytest.raises(DomainError, match="chưa có số lượng khen thưởng"):
        services.campaign_launch(campaign=campaign, actor=office_user)

    campaign.refresh_from_db()
    assert campaign.status == "draft"


def test_close_moves_a_launched_campaign_to_closed(draft, office_user):
    services.campaign_launch(campaign=draft, actor=office_user)
    services.campaign_close(campaign=draft, actor=office_user)

    draft.refresh_from_db()
    assert draft.status == "closed"
    assert not draft.is_editable
    entry = _audit(draft, "campaign_close").get()
    assert (entry.from_state, entry.to_state) == ("launched", "closed")


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("draft", "campaign_close"),
        ("launched", "campaign_launch"),
        ("closed", "campaign_launch"),
        ("closed", "campaign_close"),
    ],
)
def test_illegal_transitions_raise_and_leave_the_state(office_user, status, action):
    campaign = CampaignFactory(status=status)
    CriterionFactory(campaign=campaign)
    QuotaFactory(award_form__campaign=campaign)

    with pytest.raises(IllegalTransition, match="Không thể thực hiện thao tác này"):
        getattr(services, action)(campaign=campaign, actor=office_user)

    campaign.refresh_from_db()
    assert campaign.status == status
    assert not AuditEntry.objects.exists()


def test_reopen_needs_a_reason_and_is_audited(office_user):
    campaign = CampaignFactory(status="closed")
    with pytest.raises(DomainError, match="lý do"):
        services.campaign_reopen(campaign=campaign, actor=office_user, note="  ")
    services.campaign_reopen(campaign=campaign, actor=office_user, note="Bổ sung hồ sơ")

    campaign.refresh_from_db()
    assert campaign.status == "launched"
    assert _audit(campaign, "campaign_reopen").get().note == "Bổ sung hồ sơ"


# --- create and update ------------------------------------------------------------------------------------


def test_create_makes_a_draft_with_a_unique_slug(office_user):
    fields = {
        "title": "Thi đua chuyển đổi số",
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 6, 30),
    }
    first = services.campaign_create(actor=office_user, **fields)
    second = services.campaign_create(actor=office_user, **fields)

    assert (first.slug, second.slug) == ("thi-dua-chuyen-doi-so", "thi-dua-chuyen-doi-so-2")
    assert first.status == "draft" and first.created_by == office_user
    assert _audit(first, "campaign_create").get().to_state == "draft"


def test_update_changes_fields_and_audits_their_names(office_user):
    campaign = CampaignFactory(status="launched")

    services.campaign_update(
        campaign=campaign, actor=office_user, fields={"number": "07", "title": campaign.title}
    )

    campaign.refresh_from_db()
    assert campaign.number == "07"
    assert _audit(campaign, "campaign_update").get().note == "number"
    services.campaign_update(campaign=campaign, actor=office_user, fields={"number": "07"})
    assert _audit(campaign, "campaign_update").count() == 1  # nothing changed, nothing written


def test_update_is_refused_when_closed(office_user):
    campaign = CampaignFactory(status="closed", number="")

    with pytest.raises(DomainError, match="Phong trào đã kết thúc"):
        services.campaign_update(campaign=campaign, actor=office_user, fields={"number": "09"})

    campaign.refresh_from_db()
    assert campaign.number == ""
    assert not AuditEntry.objects.exists()


# --- copy ---------------------------------------------------------------------------------------------------


def _plan_rows(campaign: Campaign) -> dict:
    return {
        "legal": list(campaign.legal_bases.values_list("text", "order")),
        "items": list(
            campaign.plan_items.order_by("section", "order").values_list(
                "section", "heading", "number", "text", "order"
            )
        ),
        "criteria": [
            (
                c.number,
                c.text,
                c.order,
                [
                    (
                        t.code,
                        t.label,
                        t.numerator_label,
                        t.denominator_label,
                        t.comparator,
                        t.threshold,
                        t.order,
                    )
                    for t in c.targets.all()
                ],
            )
            for c in campaign.criteria.prefetch_related("targets")
        ],
        "awards": [
            (a.kind, a.description, a.order, sorted((q.nominee_kind, q.count) for q in a.quotas.all()))
            for a in campaign.award_forms.prefetch_related("quotas")
        ],
        "standards": list(campaign.standards.values_list("nominee_kind", "text", "order")),
        "dossier": list(campaign.dossier_requirements.values_list("kind", "text", "required", "order")),
    }


def test_copy_duplicates_every_section_and_shifts_the_deadlines(plan, office_user):
    services.campaign_update(campaign=plan, actor=office_user, fields={"number": "05", "issued_day": 12})
    plan = services.campaign_close(campaign=plan, actor=office_user)
    shift = date(2026, 1, 1) - plan.period_start

    copy = services.campaign_copy(
        source=plan,
        actor=office_user,
        title="Thi đua Cải cách hành chính 6 tháng đầu năm 2026",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
    )

    assert copy.pk != plan.pk and copy.slug != plan.slug
    assert copy.status == "draft"
    assert copy.number == "" and (copy.issued_day, copy.issued_month, copy.issued_year) == (None, None, None)
    assert copy.reference.endswith("/KH-UBND") and copy.reference.startswith("\u00a0")
    assert copy.copied_from == plan and copy.created_by == office_user
    assert (copy.period_start, copy.period_end) == (date(2026, 1, 1), date(2026, 6, 30))
    for (_kind, _label, old), (_k, _l, new) in zip(plan.deadlines(), copy.deadlines(), strict=True):
        assert old is not None and new == old + shift
    for name in (
        "preamble",
        "participants",
        "quota_text",
        "signer_name",
        "receiving_unit_id",
        "closing_text",
    ):
        assert getattr(copy, name) == getattr(plan, name)
    rows = _plan_rows(copy)
    assert rows == _plan_rows(plan)
    assert len(rows["criteria"]) == 6
    assert (
        sum(len(targets) for *_rest, targets in rows["criteria"])
        == Target.objects.filter(criterion__campaign=plan).count()
    )
    assert rows["awards"][0][3] == [("collective", 1), ("individual", 4)]
    entry = _audit(copy, "campaign_copy").get()
    assert (entry.actor, entry.to_state, entry.note) == (office_user, "draft", plan.slug)


def test_copy_leaves_the_source_alone(plan, office_user):
    before = _plan_rows(plan)
    services.campaign_copy(
        source=plan,
        actor=office_user,
        title="Bản sao",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )

    assert _plan_rows(plan) == before
    assert Campaign.objects.count() == 2


def test_copy_refuses_a_period_ending_before_it_starts(plan, office_user):
    with pytest.raises(DomainError, match="Ngày kết thúc phải sau ngày bắt đầu"):
        services.campaign_copy(
            source=plan,
            actor=office_user,
            title="Sai",
            period_start=date(2026, 6, 1),
            period_end=date(2026, 1, 1),
        )
    assert Campaign.objects.count() == 1


# --- saving a section ---------------------------------------------------------------------------------------


def _legal_data(campaign, rows):
    """POST data for the legal bases formset: rows of (id or None, text, order, delete)."""
    data = QueryDict(mutable=True)
    data["legal-TOTAL_FORMS"] = str(len(rows))
    data["legal-INITIAL_FORMS"] = str(sum(1 for pk, *_ in rows if pk))
    for i, (pk, text, order, delete) in enumerate(rows):
        data[f"legal-{i}-id"] = str(pk or "")
        data[f"legal-{i}-campaign"] = str(campaign.pk)
        data[f"legal-{i}-text"] = text
        data[f"legal-{i}-order"] = str(order)
        if delete:
            data[f"legal-{i}-DELETE"] = "on"
    return data


def _section(campaign, slug, data):
    return [formset for _part, formset in section_formsets(campaign, editor_section(slug), data)]


def test_section_save_applies_rows_in_order_with_an_audit_row(office_user):
    campaign = CampaignFactory(status="launched")
    a = LegalBasis.objects.create(campaign=campaign, text="A", order=1)
    b = LegalBasis.objects.create(campaign=campaign, text="B", order=2)
    formsets = _section(
        campaign,
        "can-cu",
        _legal_data(campaign, [(a.pk, "A", 9, False), (b.pk, "B", 2, True), (None, "C", 1, False)]),
    )

    services.campaign_plan_section_save(
        campaign=campaign, section="can-cu", formsets=formsets, actor=office_user
    )

    assert list(campaign.legal_bases.values_list("text", "order")) == [("C", 1), ("A", 2)]
    entry = _audit(campaign, "campaign_plan_update").get()
    assert entry.actor == office_user
    assert entry.note == "can-cu: thêm 1, sửa 1, xóa 1"


def test_section_save_is_refused_when_closed(office_user):
    campaign = CampaignFactory(status="closed")
    LegalBasis.objects.create(campaign=campaign, text="A", order=1)
    formsets = _section(campaign, "can-cu", _legal_data(campaign, [(None, "Mới", 1, False)]))

    with pytest.raises(DomainError, match="Phong trào đã kết thúc"):
        services.campaign_plan_section_save(
            campaign=campaign, section="can-cu", formsets=formsets, actor=office_user
        )

    assert list(campaign.legal_bases.values_list("text", flat=True)) == ["A"]
    assert not AuditEntry.objects.exists()


def test_section_save_wants_validated_formsets_of_the_same_campaign(office_user):
    campaign, other = CampaignFactory(status="draft"), CampaignFactory(status="draft")
    invalid = _section(campaign, "can-cu", _legal_data(campaign, [(None, "", "x", False)]))
    with pytest.raises(ValueError, match="validate"):
        services.campaign_plan_section_save(
            campaign=campaign, section="can-cu", formsets=invalid, actor=office_user
        )
    foreign = _section(other, "can-cu", _legal_data(other, [(None, "Khác", 1, False)]))
    with pytest.raises(ValueError, match="another campaign"):
        services.campaign_plan_section_save(
            campaign=campaign, section="can-cu", formsets=foreign, actor=office_user
        )
    assert not LegalBasis.objects.exists()


def test_section_save_refuses_to_delete_a_target_units_reported_on(office_user, unit_a):
    campaign = CampaignFactory(status="launched")
    criterion = CriterionFactory(campaign=campaign, number="1.2", order=1)
    target = TargetFactory(criterion=criterion, label="Hồ sơ trực tuyến", threshold=80, order=1)
    period = ReportingPeriod.objects.create(
        campaign=campaign,
        name="Quý III",
        start=date(2025, 7, 1),
        end=date(2025, 9, 30),
        due_date=date(2025, 10, 5),
    )
    TargetResult.objects.create(period=period, unit=unit_a, target=target, numerator=8, denominator=10)
    data = QueryDict(mutable=True)
    data.update(
        {
            "criteria-TOTAL_FORMS": "1",
            "criteria-INITIAL_FORMS": "1",
            "criteria-0-id": str(criterion.pk),
            "criteria-0-campaign": str(campaign.pk),
            "criteria-0-number": "1.2",
            "criteria-0-text": "Nội dung đã sửa",
            "criteria-0-order": "1",
            "criteria-0-targets-TOTAL_FORMS": "1",
            "criteria-0-targets-INITIAL_FORMS": "1",
            "criteria-0-targets-0-id": str(target.pk),
            "criteria-0-targets-0-criterion": str(criterion.pk),
            "criteria-0-targets-0-label": "Hồ sơ trực tuyến",
            "criteria-0-targets-0-numerator_label": "Số đạt",
            "criteria-0-targets-0-denominator_label": "Tổng số",
            "criteria-0-targets-0-comparator": "gte",
            "criteria-0-targets-0-threshold": "80",
            "criteria-0-targets-0-order": "1",
            "criteria-0-targets-0-DELETE": "on",
        }
    )
    formsets = _section(campaign, "tieu-chi", data)
    assert all(formset.is_valid() for formset in formsets)

    with pytest.raises(DomainError, match="các đơn vị đã dùng đến nó"):
        services.campaign_plan_section_save(
            campaign=campaign, section="tieu-chi", formsets=formsets, actor=office_user
        )

    criterion.refresh_from_db()
    assert criterion.text == "Tiêu chí thử nghiệm"  # the whole save rolled back
    assert TargetResult.objects.filter(target=target).exists()


def test_section_save_numbers_responsibility_groups(office_user):
    campaign = CampaignFactory(status="draft")
    data = QueryDict(mutable=True)
    rows = [("Phòng A", "Việc 1"), ("", "Việc 2"), ("Phòng B", "Việc 3"), ("Phòng A", "Việc 4")]
    data.update({"responsibility-TOTAL_FORMS": str(len(rows)), "responsibility-INITIAL_FORMS": "0"})
    for i, (heading, text) in enumerate(rows):
        data.update({f"responsibility-{i}-heading": heading, f"responsibility-{i}-text": text})

    services.campaign_plan_section_save(
        campaign=campaign, section="to-chuc", formsets=_section(campaign, "to-chuc", data), actor=office_user
    )

    assert list(PlanItem.objects.values_list("heading", "number", "text", "order")) == [
        ("Phòng A", "1", "Việc 1", 1),
        ("Phòng A", "1", "Việc 2", 2),
        ("Phòng B", "2", "Việc 3", 3),
        ("Phòng A", "3", "Việc 4", 4),
    ]


def test_unchanged_section_writes_no_audit(office_user):
    campaign = CampaignFactory(status="draft")
    a = LegalBasis.objects.create(campaign=campaign, text="A", order=1)
    formsets = _section(campaign, "can-cu", _legal_data(campaign, [(a.pk, "A", 1, False)]))

    services.campaign_plan_section_save(
        campaign=campaign, section="can-cu", formsets=formsets, actor=office_user
    )

    assert not AuditEntry.objects.exists()
    assert campaign.updated_at == Campaign.objects.get(pk=campaign.pk).updated_at


def test_deadlines_survive_a_copy_when_blank(office_user):
    source = CampaignFactory(status="closed", submission_deadline=date(2025, 12, 10))
    copy = services.campaign_copy(
        source=source,
        actor=office_user,
        title="Sau",
        period_start=date(2026, 7, 1),
        period_end=date(2026, 12, 31),
    )

    assert copy.submission_deadline == date(2025, 12, 10) + timedelta(days=365)
    assert copy.registration_deadline is None
