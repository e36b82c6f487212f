"""The office's campaign editor in the browser: create, edit every section with formsets, copy."""

from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anhai_thidua.core.models import AuditEntry
from campaigns.enums import PlanSection
from campaigns.forms import CampaignForm, editor_sections
from campaigns.models import (
    AwardForm,
    Campaign,
    DossierRequirement,
    LegalBasis,
    PlanItem,
    Quota,
    Standard,
)
from campaigns.services import campaign_seed_anhai
from criteria.models import Criterion, Target
from tests.factories import (
    AwardFormFactory,
    CampaignFactory,
    CriterionFactory,
    OfficialFactory,
    QuotaFactory,
    TargetFactory,
)

SECTION_SLUGS = [section.slug for section in editor_sections()]


@pytest.fixture
def plan(office_unit):
    """The whole An Hải plan (without the demo organisation, which `seeded` loads more slowly)."""
    # A seed day after the plan was signed (15/08/2025), as in real use: its registration comes later.
    campaign, _created = campaign_seed_anhai(today=date(2025, 11, 3))
    return campaign


class _FormValues(HTMLParser):
    """What a browser would send for the first POST form of a page (skipping <template> rows)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, str] = {}
        self._in_template = 0
        self._textarea = None
        self._select = None
        self._form_done = False
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self._in_template += 1
        if self._in_template or self._form_done:
            return
        if tag == "form" and (attrs.get("method") or "").lower() == "post" and not attrs.get("action"):
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            elif kind not in {"submit", "button"}:
                self.data[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "template":
            self._in_template -= 1
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._in_form:
            self._in_form = False
            self._form_done = True

    def handle_data(self, data):
        if self._textarea and not self._in_template:
            self.data[self._textarea] += data.removeprefix("\n") if not self.data[self._textarea] else data


def form_values(response) -> dict[str, str]:
    parser = _FormValues()
    parser.feed(response.content.decode())
    return parser.data


def edit_url(campaign, section="chung"):
    return reverse("campaigns:edit", args=[campaign.slug, section])


def rows(formset_data: dict, prefix: str) -> list[dict]:
    """The rows of one formset as a list of {field: value}."""
    total = int(formset_data[f"{prefix}-TOTAL_FORMS"])
    result = []
    for i in range(total):
        start = f"{prefix}-{i}-"
        result.append(
            {key[len(start) :]: value for key, value in formset_data.items() if key.startswith(start)}
        )
    return result


def snapshot(campaign: Campaign) -> dict:
    """Everything the editor can change, to compare before and after."""
    campaign.refresh_from_db()
    return {
        "legal": list(campaign.legal_bases.values_list("text", "order")),
        "items": list(
            campaign.plan_items.order_by("section", "order").values_list(
                "section", "heading", "number", "text", "order"
            )
        ),
        "criteria": [
            (c.number, c.text, c.order, [(t.code, t.label, t.threshold, t.order) for t in c.targets.all()])
            for c in campaign.criteria.prefetch_related("targets")
        ],
        "awards": [
            (a.kind, a.description, sorted((q.nominee_kind, q.count) for q in a.quotas.all()))
            for a in campaign.award_forms.prefetch_related("quotas")
        ],
        "standards": list(campaign.standards.values_list("nominee_kind", "text", "order")),
        "dossier": list(campaign.dossier_requirements.values_list("kind", "text", "required", "order")),
    }


CREATE_DATA = {
    "doc_type": "KẾ HOẠCH",
    "number": "",
    "symbol": "KH-UBND",
    "issuer_parent": "",
    "issuer": "ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI",
    "place": "An Hải",
    "issued_day": "",
    "issued_month": "1",
    "issued_year": "2026",
    "title": "Phát động phong trào thi đua chuyển đổi số năm 2026",
    "preamble": "Thực hiện chỉ đạo của UBND thành phố.",
    "period_start": "2026-01-01",
    "period_end": "2026-12-31",
    "participants": "Các phòng, đơn vị thuộc phường.",
    "award_achievement": "công tác chuyển đổi số năm 2026",
    "registration_deadline": "2026-01-15",
    "criteria_report_deadline": "2026-11-30",
    "submission_deadline": "2026-12-10",
    "review_deadline": "2026-12-20",
    "council_meeting_date": "2026-12-28",
    "signer_authority": "TM. ỦY BAN NHÂN DÂN",
    "signer_capacity": "KT. CHỦ TỊCH",
    "signer_title": "PHÓ CHỦ TỊCH",
    "signer_name": "Nguyễn Thế Đức",
}


# --- create -------------------------------------------------------------------------------------------


def test_create_campaign_makes_a_draft_and_opens_the_editor(login, office_user, office_unit):
    client = login(office_user)
    response = client.post(reverse("campaigns:create"), {**CREATE_DATA, "receiving_unit": office_unit.pk})

    campaign = Campaign.objects.get(title=CREATE_DATA["title"])
    assert response.status_code == 302
    assert response["Location"] == edit_url(campaign, "can-cu")
    assert campaign.status == "draft"
    assert campaign.created_by == office_user
    assert campaign.receiving_unit == office_unit
    assert campaign.submission_deadline == date(2026, 12, 10)
    assert campaign.council_meeting_date == date(2026, 12, 28)
    assert campaign.issued_day is None and campaign.issued_month == 1
    assert AuditEntry.objects.filter(
        action="campaign_create", object_id=campaign.pk, actor=office_user
    ).exists()


def test_create_with_deadlines_out_of_order_keeps_the_typed_values(login, office_user):
    client = login(office_user)
    data = {**CREATE_DATA, "review_deadline": "2026-12-05", "council_meeting_date": "2026-12-05"}
    response = client.post(reverse("campaigns:create"), data)

    assert response.status_code == 200
    assert not Campaign.objects.exists()
    text = response.content.decode()
    assert "“Hạn thẩm định hồ sơ” phải sau “Hạn nộp hồ sơ” (10/12/2026)." in text
    assert "Chưa lưu: hãy sửa các ô có lỗi bên dưới." in text
    values = form_values(response)
    assert values["title"] == CREATE_DATA["title"]
    assert values["review_deadline"] == "2026-12-05"
    assert values["preamble"] == CREATE_DATA["preamble"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"period_end": "2025-12-31"},
            "period_end",
            "Ngày kết thúc thời gian thi đua phải sau ngày bắt đầu.",
        ),
        ({"issued_day": "30", "issued_month": "2"}, "issued_day", "Ngày 30/2/2026 không có thật."),
        (
            {"issued_day": "5", "issued_month": ""},
            "issued_month",
            "Đã ghi ngày ban hành thì phải ghi cả tháng.",
        ),
        ({"title": ""}, "title", "Trường này là bắt buộc."),
    ],
)
def test_create_refuses_bad_input_in_vietnamese(login, office_user, changes, field, message):
    client = login(office_user)
    response = client.post(reverse("campaigns:create"), {**CREATE_DATA, **changes})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert not Campaign.objects.exists()


# --- edit each section ------------------------------------------------------------------------------------


@pytest.mark.parametrize("section", SECTION_SLUGS)
def test_posting_a_section_unchanged_changes_nothing(plan, login, office_user, section):
    client = login(office_user)
    before = snapshot(plan)
    page = client.get(edit_url(plan, section))
    assert page.status_code == 200

    response = client.post(edit_url(plan, section), form_values(page))

    assert response.status_code == 302, response.context and [
        fs.errors for _p, fs in response.context["parts"]
    ]
    assert snapshot(plan) == before
    assert not AuditEntry.objects.filter(action="campaign_plan_update").exists()


def test_edit_header_updates_the_plan_fields(plan, login, office_user):
    client = login(office_user)
    data = form_values(client.get(edit_url(plan)))
    data.update(number="12", issued_day="5", quota_text="Tặng Giấy khen cho 02 tập thể.")

    response = client.post(edit_url(plan), {**data, "save_next": ""})

    assert response["Location"] == edit_url(plan, "can-cu")
    plan.refresh_from_db()
    assert plan.number == "12"
    assert plan.reference == "12/KH-UBND"
    assert plan.date_line == "An Hải, ngày 05 tháng 8 năm 2025"
    assert plan.quota_text == "Tặng Giấy khen cho 02 tập thể."
    entry = AuditEntry.objects.get(action="campaign_update", object_id=plan.pk)
    assert entry.actor == office_user
    assert set(entry.note.split(", ")) == {"number", "issued_day", "quota_text"}


def test_legal_bases_rows_added_removed_and_reordered(login, office_user):
    campaign = CampaignFactory(status="draft")
    LegalBasis.objects.create(campaign=campaign, text="Luật Thi đua, khen thưởng năm 2022", order=1)
    LegalBasis.objects.create(campaign=campaign, text="Nghị định số 152/2025/NĐ-CP", order=2)
    LegalBasis.objects.create(campaign=campaign, text="Văn bản bỏ đi", order=3)
    client = login(office_user)
    data = form_values(client.get(edit_url(campaign, "can-cu")))
    assert data["legal-TOTAL_FORMS"] == "5"  # three rows and two blank ones for use without JS

    data.update(
        {
            "legal-0-order": "3",  # the law moves to the end
            "legal-2-DELETE": "on",
            "legal-3-text": "Quyết định số 407/QĐ-UBND ngày 31/7/2025",
            "legal-3-order": "1",
        }
    )
    response = client.post(edit_url(campaign, "can-cu"), data)

    assert response.status_code == 302
    assert list(campaign.legal_bases.values_list("text", "order")) == [
        ("Quyết định số 407/QĐ-UBND ngày 31/7/2025", 1),
        ("Nghị định số 152/2025/NĐ-CP", 2),
        ("Luật Thi đua, khen thưởng năm 2022", 3),
    ]
    entry = AuditEntry.objects.get(action="campaign_plan_update", object_id=campaign.pk)
    assert entry.actor == office_user
    assert entry.note == "can-cu: thêm 1, sửa 1, xóa 1"


def test_new_rows_without_order_go_last_and_text_is_stored_nfc(login, office_user):
    campaign = CampaignFactory(status="draft")
    PlanItem.objects.create(campaign=campaign, section=PlanSection.PURPOSE, text="Mục đích một", order=1)
    client = login(office_user)
    data = form_values(client.get(edit_url(campaign, "muc-dich")))
    decomposed = "Nâng cao chất lượng phục vụ".replace("â", "a\u0302")
    data.update({"purpose-1-text": decomposed, "purpose-2-text": "Mục đích ba"})

    client.post(edit_url(campaign, "muc-dich"), data)

    texts = list(campaign.plan_items.filter(section="purpose").values_list("text", "order"))
    assert texts == [("Mục đích một", 1), ("Nâng cao chất lượng phục vụ", 2), ("Mục đích ba", 3)]
    assert campaign.plan_items.filter(section="requirement").count() == 0


def test_responsibilities_group_duties_under_headings(login, office_user):
    campaign = CampaignFactory(status="draft")
    client = login(office_user)
    data = form_values(client.get(edit_url(campaign, "to-chuc")))
    data.update(
        {
            "responsibility-0-heading": "Phòng Văn hóa - Xã hội",
            "responsibility-0-text": "Tham mưu tổ chức triển khai.",
            "responsibility-1-text": "Tổng hợp, đề nghị khen thưởng.",
            "responsibility-2-heading": "Trung tâm Sự nghiệp công",
            "responsibility-2-text": "Tuyên truyền phong trào.",
        }
    )

    client.post(edit_url(campaign, "to-chuc"), data)

    assert list(
        campaign.plan_items.filter(section="responsibility").values_list("heading", "number", "text")
    ) == [
        ("Phòng Văn hóa - Xã hội", "1", "Tham mưu tổ chức triển khai."),
        ("Phòng Văn hóa - Xã hội", "1", "Tổng hợp, đề nghị khen thưởng."),
        ("Trung tâm Sự nghiệp công", "2", "Tuyên truyền phong trào."),
    ]
    page = client.get(reverse("campaigns:detail", args=[campaign.slug])).content.decode()
    assert "1. Phòng Văn hóa - Xã hội" in page
    assert "2. Trung tâm Sự nghiệp công" in page


def test_responsibilities_first_row_needs_a_heading(login, office_user):
    campaign = CampaignFactory(status="draft")
    client = login(office_user)
    data = form_values(client.get(edit_url(campaign, "to-chuc")))
    data["responsibility-0-text"] = "Nhiệm vụ không có nhóm."

    response = client.post(edit_url(campaign, "to-chuc"), data)

    assert response.status_code == 200
    assert "Dòng đầu tiên phải có tiêu đề nhóm" in response.content.decode()
    assert form_values(response)["responsibility-0-text"] == "Nhiệm vụ không có nhóm."
    assert not campaign.plan_items.exists()


def test_criteria_and_targets_added_changed_and_removed(login, office_user):
    campaign = CampaignFactory(status="draft")
    kept = CriterionFactory(campaign=campaign, number="1.1", text="Công khai thủ tục", order=1)
    TargetFactory(criterion=kept, code="cong-khai", label="Thủ tục được công khai", threshold=100, order=1)
    TargetFactory(criterion=kept, code="bo-di", label="Chỉ tiêu bỏ đi", threshold=50, order=2)
    dropped = CriterionFactory(campaign=campaign, number="1.2", text="Tiêu chí bỏ đi", order=2)
    TargetFactory(criterion=dropped)
    client = login(office_user)
    data = form_values(client.get(edit_url(campaign, "tieu-chi")))
    assert data["criteria-TOTAL_FORMS"] == "3"
    assert data["criteria-0-targets-TOTAL_FORMS"] == "3"

    data.update(
        {
            "criteria-0-targets-0-threshold": "98.5",
            "criteria-0-targets-1-DELETE": "on",
            "criteria-0-targets-2-label": "Hồ sơ giải quyết đúng hạn",
            "criteria-0-targets-2-numerator_label": "Số hồ sơ đúng hạn",
            "criteria-0-targets-2-denominator_label": "Tổng số hồ sơ đã giải quyết",
            "criteria-0-targets-2-comparator": "gte",
            "criteria-0-targets-2-threshold": "98",
            "criteria-1-DELETE": "on",
            # A new criterion with a new target, both typed into the blank forms.
            "criteria-2-number": "1.3",
            "criteria-2-text": "Thanh toán trực tuyến",
            "criteria-2-targets-0-label": "Giao dịch thanh toán trực tuyến",
            "criteria-2-targets-0-numerator_label": "Số giao dịch trực tuyến",
            "criteria-2-targets-0-denominator_label": "Tổng số giao dịch",
            "criteria-2-targets-0-comparator": "gte",
            "criteria-2-targets-0-threshold": "60",
        }
    )
    response = client.post(edit_url(campaign, "tieu-chi"), data)

    assert response.status_code == 302
    criteria = list(campaign.criteria.prefetch_related("targets"))
    assert [(c.number, c.order) for c in criteria] == [("1.1", 1), ("1.3", 2)]
    assert [(t.code, t.label, t.threshold, t.order) for t in criteria[0].targets.all()] == [
        ("cong-khai", "Thủ tục được công khai", Decimal("98.50"), 1),
        ("ho-so-giai-quyet-dung-han", "Hồ sơ giải quyết đúng hạn", Decimal("98.00"), 2),
    ]
    new_target = criteria[1].targets.get()
    assert new_target.code == "giao-dich-thanh-toan-truc-tuyen"
    assert new_target.evaluate(6, 10)[1] == "met"
    assert not Criterion.objects.filter(pk=dropped.pk).exists()
    assert not Target.objects.filter(criterion_id=dropped.pk).exists()


def test_criteria_invalid_threshold_keeps_everything_typed(login, office_user):
    campaign = CampaignFactory(status="draft")
    criterion = CriterionFactory(campaign=campaign, number="1.1", order=1)
    TargetFactory(criterion=criterion, label="Hồ sơ trực tuyến", threshold=80)
    client = login(office_user)
    data = form_values(client.get(edit_url(campaign, "tieu-chi")))
    data.update(
        {
            "criteria-0-text": "Nội dung tiêu chí đã sửa",
            "criteria-0-targets-0-threshold": "150",
            "criteria-1-number": "1.2",
            "criteria-1-text": "Tiêu chí mới chưa lưu",
        }
    )

    response = client.post(edit_url(campaign, "tieu-chi"), data)

    assert response.status_code == 200
    text = response.content.decode()
    assert "Ngưỡng là một tỷ lệ phần trăm, từ 0 đến 100." in text
    values = form_values(response)
    assert values["criteria-0-text"] == "Nội dung tiêu chí đã sửa"
    assert values["criteria-0-targets-0-threshold"] == "150"
    assert values["criteria-1-text"] == "Tiêu chí mới chưa lưu"
    assert campaign.criteria.count() == 1
    assert Target.objects.get(criterion=criterion).threshold == 80


def test_criteria_duplicate_number_is_refused_in_vietnamese(login, office_user):
    campaign = CampaignFactory(status="draft")
    CriterionFactory(campaign=campaign, number="1.1", order=1)
    client = login(office_user)
    data = form_values(client.get(edit_url(campaign, "tieu-chi")))
    data.update({"criteria-1-number": "1.1", "criteria-1-text": "Trùng số hiệu"})

    response = client.post(edit_url(campaign, "tieu-chi"), data)

    assert response.status_code == 200
    assert "Có hai dòng trùng số hiệu: mỗi dòng phải khác nhau." in response.content.decode()
    assert campaign.criteria.count() == 1


def test_target_without_its_criterion_is_refused(login, office_user):
    campaign = CampaignFactory(status="draft")
    client = login(office_user)
    data = form_values(client.get(edit_url(campaign, "tieu-chi")))
    data.update(
        {
            "criteria-0-targets-0-label": "Chỉ tiêu lạc",
            "criteria-0-targets-0-numerator_label": "Số đạt",
            "criteria-0-targets-0-denominator_label": "Tổng số",
            "criteria-0-targets-0-threshold": "50",
        }
    )

    response = client.post(edit_url(campaign, "tieu-chi"), data)

    assert response.status_code == 200
    assert "Hãy ghi số hiệu và nội dung tiêu chí trước khi thêm chỉ tiêu." in response.content.decode()
    assert not Target.objects.exists()


def test_award_forms_and_quotas(login, office_user):
    campaign = CampaignFactory(status="draft")
    giay_khen = AwardFormFactory(campaign=campaign, kind="giay_khen", order=1)
    QuotaFactory(award_form=giay_khen, nominee_kind="individual", count=4)
    QuotaFactory(award_form=giay_khen, nominee_kind="collective", count=1)
    client = login(office_user)
    data = form_values(client.get(edit_url(campaign, "khen-thuong")))
    assert data["awards-0-quota_individual"] == "4"

    data.update(
        {
            "awards-0-quota_individual": "5",
            "awards-0-quota_collective": "",
            "awards-1-kind": "bang_khen",
            "awards-1-description": "Đề nghị Chủ tịch UBND thành phố tặng Bằng khen.",
            "awards-1-quota_individual": "1",
        }
    )
    response = client.post(edit_url(campaign, "khen-thuong"), data)

    assert response.status_code == 302
    assert sorted(Quota.objects.values_list("award_form__kind", "nominee_kind", "count")) == [
        ("bang_khen", "individual", 1),
        ("giay_khen", "individual", 5),
    ]
    assert list(AwardForm.objects.filter(campaign=campaign).values_list("kind", "order")) == [
        ("giay_khen", 1),
        ("bang_khen", 2),
    ]


def test_award_form_kind_twice_is_refused(login, office_user):
    campaign = CampaignFactory(status="draft")
    AwardFormFactory(campaign=campaign, kind="giay_khen", order=1)
    client = login(office_user)
    data = form_values(client.get(edit_url(campaign, "khen-thuong")))
    data.update({"awards-1-kind": "giay_khen", "awards-1-description": "Lặp lại"})

    response = client.post(edit_url(campaign, "khen-thuong"), data)

    assert response.status_code == 200
    assert "Có hai dòng trùng hình thức: mỗi dòng phải khác nhau." in response.content.decode()
    assert AwardForm.objects.filter(campaign=campaign).count() == 1


def test_standards_for_collectives_and_individuals(login, office_user):
    campaign = CampaignFactory(status="draft")
    client = login(office_user)
    data = form_values(client.get(edit_url(campaign, "tieu-chuan")))
    data.update(
        {
            "standard_collective-0-text": "Dẫn đầu các phòng, đơn vị.",
            "standard_individual-0-text": "Có sáng kiến được công nhận.",
            "standard_individual-1-text": "Trực tiếp tham mưu công tác cải cách hành chính.",
        }
    )

    client.post(edit_url(campaign, "tieu-chuan"), data)

    assert list(Standard.objects.values_list("nominee_kind", "text", "order")) == [
        ("collective", "Dẫn đầu các phòng, đơn vị.", 1),
        ("individual", "Có sáng kiến được công nhận.", 1),
        ("individual", "Trực tiếp tham mưu công tác cải cách hành chính.", 2),
    ]


def test_dossier_requirements(login, office_user):
    campaign = CampaignFactory(status="draft")
    client = login(office_user)
    data = form_values(client.get(edit_url(campaign, "ho-so")))
    data.update(
        {
            "dossier-0-kind": "to_trinh",
            "dossier-0-text": "Tờ trình kèm danh sách.",
            "dossier-0-required": "on",
            "dossier-1-kind": "khac",
            "dossier-1-text": "Ảnh tư liệu (nếu có).",
        }
    )
    del data["dossier-1-required"]  # a blank row starts ticked; the office unticks it

    client.post(edit_url(campaign, "ho-so"), data)

    assert list(DossierRequirement.objects.values_list("kind", "text", "required", "order")) == [
        ("to_trinh", "Tờ trình kèm danh sách.", True, 1),
        ("khac", "Ảnh tư liệu (nếu có).", False, 2),
    ]


def test_progress_numbers_itself_and_distribution_keeps_order(login, office_user):
    campaign = CampaignFactory(status="draft")
    client = login(office_user)
    data = form_values(client.get(edit_url(campaign, "tien-do")))
    data.update({"progress-0-text": "Đánh giá kết quả.", "progress-1-text": "Tổng kết phong trào."})
    client.post(edit_url(campaign, "tien-do"), data)
    data = form_values(client.get(edit_url(campaign, "noi-nhan")))
    data.update({"distribution-0-text": "TT Đảng ủy, HĐND phường;", "distribution-1-text": "Lưu: VT, VHXH."})
    client.post(edit_url(campaign, "noi-nhan"), data)

    assert list(campaign.plan_items.filter(section="progress").values_list("number", "text")) == [
        ("1", "Đánh giá kết quả."),
        ("2", "Tổng kết phong trào."),
    ]
    assert list(campaign.plan_items.filter(section="distribution").values_list("text", flat=True)) == [
        "TT Đảng ủy, HĐND phường;",
        "Lưu: VT, VHXH.",
    ]


def test_editing_a_closed_campaign_is_refused(login, office_user, admin_user):
    campaign = CampaignFactory(status="closed")
    LegalBasis.objects.create(campaign=campaign, text="Luật", order=1)
    for user in (office_user, admin_user):
        client = login(user)
        response = client.get(edit_url(campaign, "can-cu"), follow=True)
        assert response.redirect_chain == [(reverse("campaigns:detail", args=[campaign.slug]), 302)]
        assert "Phong trào đã kết thúc: không thể sửa kế hoạch." in response.content.decode()
        response = client.post(
            edit_url(campaign, "can-cu"),
            {"legal-TOTAL_FORMS": "1", "legal-INITIAL_FORMS": "0", "legal-0-text": "Mới"},
        )
        assert response.status_code == 302
    assert list(campaign.legal_bases.values_list("text", flat=True)) == ["Luật"]


def test_html_typed_into_a_field_is_shown_escaped(plan, login, office_user):
    client = login(office_user)
    data = form_values(client.get(edit_url(plan, "muc-dich")))
    data["purpose-0-text"] = '<script>alert("x")</script><b>đậm</b>'
    client.post(edit_url(plan, "muc-dich"), data)
    data = form_values(client.get(edit_url(plan)))
    data["title"] = "<i>Phong trào</i> & <img src=x onerror=alert(1)>"
    client.post(edit_url(plan), data)

    page = client.get(reverse("campaigns:detail", args=[plan.slug])).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;đậm&lt;/b&gt;" in page
    assert "<img src=x" not in page
    assert "&lt;i&gt;Phong trào&lt;/i&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in page


def test_edit_page_offers_section_nav_and_add_row_script(plan, login, office_user):
    response = login(office_user).get(edit_url(plan, "tieu-chi"))
    text = response.content.decode()

    for section in editor_sections():
        assert edit_url(plan, section.slug) in text
        assert str(section.title) in text
    assert "js/formset.js" in text
    assert 'data-formset-add="criteria"' in text
    assert 'name="criteria-__prefix__-targets-TOTAL_FORMS"' in text  # inside the empty criterion template


# --- copy ---------------------------------------------------------------------------------------------------


def test_copy_form_suggests_the_next_period_and_creates_a_draft(plan, login, office_user):
    client = login(office_user)
    page = client.get(reverse("campaigns:copy", args=[plan.slug]))
    values = form_values(page)
    assert values["period_start"] == "2026-01-01"
    assert values["period_end"] == "2026-06-30"

    response = client.post(
        reverse("campaigns:copy", args=[plan.slug]),
        {
            "title": "Phong trào thi đua Cải cách hành chính 6 tháng đầu năm 2026",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
        },
    )

    new = Campaign.objects.get(title="Phong trào thi đua Cải cách hành chính 6 tháng đầu năm 2026")
    assert response["Location"] == edit_url(new, "chung")
    assert new.status == "draft"
    assert new.copied_from == plan
    assert new.criteria.count() == 6
    assert snapshot(new) == snapshot(plan)


def test_copy_refuses_a_period_ending_before_it_starts(plan, login, office_user):
    client = login(office_user)
    response = client.post(
        reverse("campaigns:copy", args=[plan.slug]),
        {"title": "Bản sao", "period_start": "2026-06-30", "period_end": "2026-01-01"},
    )

    assert response.status_code == 200
    assert "Ngày kết thúc thời gian thi đua phải sau ngày bắt đầu." in response.content.decode()
    assert form_values(response)["title"] == "Bản sao"
    assert Campaign.objects.count() == 1


# --- buttons ------------------------------------------------------------------------------------------------


def test_office_sees_edit_copy_and_create_buttons(plan, login, office_user):
    client = login(office_user)
    detail = client.get(reverse("campaigns:detail", args=[plan.slug])).content.decode()
    listing = client.get(reverse("campaigns:list")).content.decode()

    assert "Sửa kế hoạch" in detail and reverse("campaigns:edit", args=[plan.slug]) in detail
    assert "Sao chép" in detail and reverse("campaigns:copy", args=[plan.slug]) in detail
    assert "Tạo phong trào" in listing and reverse("campaigns:create") in listing


def test_unit_head_sees_no_editing_buttons(plan, login, head_a):
    client = login(head_a)
    detail = client.get(reverse("campaigns:detail", args=[plan.slug])).content.decode()
    listing = client.get(reverse("campaigns:list")).content.decode()

    assert reverse("campaigns:edit", args=[plan.slug]) not in detail
    assert reverse("campaigns:copy", args=[plan.slug]) not in detail
    assert reverse("campaigns:create") not in listing


def test_closed_campaign_offers_copy_but_not_edit(login, office_user):
    campaign = CampaignFactory(status="closed")
    detail = login(office_user).get(reverse("campaigns:detail", args=[campaign.slug])).content.decode()

    assert reverse("campaigns:edit", args=[campaign.slug]) not in detail
    assert reverse("campaigns:copy", args=[campaign.slug]) in detail


# --- permissions ------------------------------------------------------------------------------------------


def _new_urls(campaign):
    return [
        reverse("campaigns:create"),
        reverse("campaigns:edit", args=[campaign.slug]),
        *[edit_url(campaign, slug) for slug in SECTION_SLUGS],
        reverse("campaigns:copy", args=[campaign.slug]),
    ]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("head_a", 403),
        ("council_member", 403),
        ("office_user", 200),
        ("admin_user", 200),
    ],
)
def test_permission_matrix(db, request, client, login, who, expected):
    campaign = CampaignFactory(status="launched")
    if who != "anonymous":
        login(request.getfixturevalue(who))
    for url in _new_urls(campaign):
        response = client.get(url)
        assert response.status_code == expected, url
        if who == "anonymous":
            assert response["Location"].startswith(reverse("login") + "?next=")
        # Writes are refused the same way.
        if expected != 200:
            assert client.post(url, {"title": "x"}).status_code == expected
    if expected != 200:
        assert Campaign.objects.count() == 1
        assert not AuditEntry.objects.exclude(action="sign_in").exists()  # force_login records a sign-in


def test_unit_head_cannot_edit_a_draft_either(login, head_a):
    campaign = CampaignFactory(status="draft")
    assert login(head_a).get(edit_url(campaign, "can-cu")).status_code == 403


# --- query counts --------------------------------------------------------------------------------------------


def _campaign_with_rows(n: int) -> Campaign:
    campaign = CampaignFactory(status="draft")
    for i in range(1, n + 1):
        LegalBasis.objects.create(campaign=campaign, text=f"Căn cứ {i}", order=i)
        for section in PlanSection:
            PlanItem.objects.create(
                campaign=campaign, section=section, heading=f"Nhóm {i}", text=f"Dòng {i}", order=i
            )
        criterion = CriterionFactory(campaign=campaign, number=f"1.{i}", order=i)
        for j in range(n):
            TargetFactory(criterion=criterion, order=j)
        Standard.objects.create(campaign=campaign, nominee_kind="collective", text=f"Tiêu chuẩn {i}", order=i)
        Standard.objects.create(campaign=campaign, nominee_kind="individual", text=f"Tiêu chuẩn {i}", order=i)
        DossierRequirement.objects.create(campaign=campaign, kind="khac", text=f"Thành phần {i}", order=i)
    for kind in ("giay_khen", "bang_khen")[: max(1, min(n, 2))]:
        form = AwardFormFactory(campaign=campaign, kind=kind)
        QuotaFactory(award_form=form, nominee_kind="individual", count=3)
        QuotaFactory(award_form=form, nominee_kind="collective", count=1)
    return campaign


@pytest.mark.parametrize("section", SECTION_SLUGS)
def test_edit_page_query_count_does_not_grow(login, office_user, django_assert_num_queries, section):
    small, large = _campaign_with_rows(1), _campaign_with_rows(4)
    client = login(office_user)
    client.get(edit_url(small, section))  # warm the session and the content types
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(edit_url(small, section)).status_code == 200

    with django_assert_num_queries(len(baseline.captured_queries)):
        response = client.get(edit_url(large, section))
    assert response.status_code == 200


def test_create_and_copy_pages_query_count(login, office_user, django_assert_num_queries):
    small, large = _campaign_with_rows(1), _campaign_with_rows(3)
    client = login(office_user)
    client.get(reverse("campaigns:copy", args=[small.slug]))
    with CaptureQueriesContext(connection) as baseline:
        client.get(reverse("campaigns:copy", args=[small.slug]))
    with django_assert_num_queries(len(baseline.captured_queries)):
        assert client.get(reverse("campaigns:copy", args=[large.slug])).status_code == 200


@pytest.mark.parametrize(
    ("comparator", "threshold", "saved", "error"),
    [
        ("all", "", Decimal("100"), None),
        ("all", "90", None, "Cách so sánh “đạt 100%” đi với ngưỡng 100."),
        ("gte", "", None, "Hãy nhập ngưỡng phải đạt (%)."),
        ("gte", "-1", None, "Ngưỡng là một tỷ lệ phần trăm, từ 0 đến 100."),
        ("gte", "abc", None, "Hãy nhập một số từ 0 đến 100, ví dụ 80."),
    ],
)
def test_target_threshold_and_comparator(login, office_user, comparator, threshold, saved, error):
    campaign = CampaignFactory(status="draft")
    CriterionFactory(campaign=campaign, number="1.1", order=1)
    client = login(office_user)
    data = form_values(client.get(edit_url(campaign, "tieu-chi")))
    data.update(
        {
            "criteria-0-targets-0-label": "Thủ tục được công khai",
            "criteria-0-targets-0-numerator_label": "Số thủ tục công khai",
            "criteria-0-targets-0-denominator_label": "Tổng số thủ tục",
            "criteria-0-targets-0-comparator": comparator,
            "criteria-0-targets-0-threshold": threshold,
        }
    )

    response = client.post(edit_url(campaign, "tieu-chi"), data)

    if error:
        assert response.status_code == 200
        assert error in response.content.decode()
        assert not Target.objects.exists()
    else:
        assert response.status_code == 302
        assert Target.objects.get().threshold == saved


# --- the plan's own number and date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"number": "12a"}, "number", "Số của Kế hoạch chỉ gồm chữ số"),
        ({"issued_day": "31", "issued_month": "9"}, "issued_day", "Ngày 31/9/2025 không có thật."),
        (
            {"issued_day": "20", "issued_month": "12", "registration_deadline": "2025-12-10"},
            "issued_day",
            "Ngày ban hành Kế hoạch (20/12/2025) phải trước hạn đăng ký thi đua (10/12/2025)",
        ),
    ],
)
def test_plan_number_and_date_are_checked_in_vietnamese_with_typed_text_kept(
    plan, login, office_user, values, field, message
):
    client = login(office_user)
    data = form_values(client.get(edit_url(plan)))
    data.update(values, title="Tiêu đề vừa gõ lại")
    data.pop("criteria_report_deadline", None)
    data.update(
        criteria_report_deadline="", submission_deadline="", review_deadline="", council_meeting_date=""
    )
    before = (plan.number, plan.issued_day, plan.issued_month)

    response = client.post(edit_url(plan), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Tiêu đề vừa gõ lại" in page
    plan.refresh_from_db()
    assert (plan.number, plan.issued_day, plan.issued_month) == before


def test_plan_citation_is_the_one_accessor_for_other_documents(plan):
    assert plan.citation == "Kế hoạch số 125/KH-UBND ngày 15/08/2025 của Ủy ban nhân dân phường An Hải"
    plan.issued_day = None
    assert plan.citation == "Kế hoạch số 125/KH-UBND tháng 08/2025 của Ủy ban nhân dân phường An Hải"


def test_plan_form_offers_the_office_units_and_the_leaders_not_the_whole_directory(
    login, office_user, office_unit, chairman, unit_a, django_assert_max_num_queries
):
    """At city scale the directory has thousands of units and officials: the receiving unit lists the units
    of the office's accounts, the signer the chairman and vice-chairmen (and what a plan already names)."""
    for i in range(30):
        OfficialFactory(full_name=f"Cán bộ thứ {i}", unit=unit_a)
    client = login(office_user)
    with django_assert_max_num_queries(8):
        body = client.get(reverse("campaigns:create")).content.decode()
    receiving = body.split('name="receiving_unit"')[1].split("</select>")[0]
    signer = body.split('name="signer"')[1].split("</select>")[0]
    assert office_unit.name in receiving and unit_a.name not in receiving
    assert "Trần Quốc Bảo" in signer and "Lê Thị Thu Hà" not in signer and "Cán bộ thứ" not in signer

    other = OfficialFactory(full_name="Phạm Văn Ký", unit=unit_a)
    campaign = CampaignFactory(receiving_unit=unit_a, signer=other)
    form = CampaignForm(instance=campaign)
    assert set(form.fields["signer"].queryset) == {chairman.official, other}
    assert set(form.fields["receiving_unit"].queryset) == {office_unit, unit_a}
