"""A launched campaign with a deadline, unit A's dossier, and a helper that completes a dossier."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import AwardForm, DossierRequirement, Quota, Standard
from nominations import services
from tests.factories import CampaignFactory, OfficialFactory, UnitFactory
from tests.pdf import MINIMAL_PDF

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2025, 12, 1)
DEADLINE = dt.date(2025, 12, 15)
PDF = MINIMAL_PDF


@pytest.fixture(autouse=True)
def _media_and_clock(settings, tmp_path, time_machine):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast fixtures
    settings.SITE_URL = "https://thidua.anhai.example.vn"
    time_machine.move_to(dt.datetime(2025, 12, 1, 9, 0, tzinfo=TZ), tick=False)


@pytest.fixture
def campaign(db, office_unit):
    campaign = CampaignFactory(
        slug="cchc-thu",
        title="Phong trào thi đua CCHC 6 tháng cuối năm 2025",
        submission_deadline=DEADLINE,
        receiving_unit=office_unit,
    )
    office_unit.email = "vhxh@anhai.example.vn"
    office_unit.save()
    giay_khen = AwardForm.objects.create(campaign=campaign, kind="giay_khen", order=1)
    Quota.objects.create(award_form=giay_khen, nominee_kind="collective", count=1)
    Quota.objects.create(award_form=giay_khen, nominee_kind="individual", count=4)
    AwardForm.objects.create(campaign=campaign, kind="bang_khen", order=2)
    Standard.objects.create(campaign=campaign, nominee_kind="collective", text="Dẫn đầu phong trào", order=1)
    Standard.objects.create(campaign=campaign, nominee_kind="individual", text="Tham mưu xuất sắc", order=1)
    Standard.objects.create(campaign=campaign, nominee_kind="individual", text="Có sáng kiến", order=2)
    for i, (kind, text) in enumerate(
        [
            ("to_trinh", "Tờ trình"),
            ("bao_cao_thanh_tich", "Báo cáo thành tích"),
            ("bien_ban", "Biên bản họp"),
        ],
        1,
    ):
        DossierRequirement.objects.create(campaign=campaign, kind=kind, text=text, order=i)
    return campaign


@pytest.fixture
def team_a(unit_a):
    return UnitFactory(name="Tổ Tiếp nhận và trả kết quả", code="motcua", kind="to", parent=unit_a)


@pytest.fixture
def officials_a(unit_a, team_a):
    return [
        OfficialFactory(full_name="Trần Ngọc Sơn", unit=team_a, position="Tổ trưởng"),
        OfficialFactory(full_name="Lê Thị Mỹ Duyên", gender="female", unit=team_a, position="Chuyên viên"),
        OfficialFactory(
            full_name="Cao Thị Phương Thảo", gender="female", unit=unit_a, position="Chuyên viên"
        ),
    ]


@pytest.fixture
def dossier_a(campaign, unit_a, head_a):
    return services.dossier_create(campaign=campaign, unit=unit_a, actor=head_a)


def pdf_upload(name="bien-ban-da-ky.pdf"):
    return SimpleUploadedFile(name, PDF)


INDIVIDUAL_REPORT = {
    "cv_full_name": "",  # filled from the official
    "cv_birth_date": dt.date(1991, 2, 20),
    "cv_gender": "male",
    "cv_hometown": "Phường An Hải, thành phố Đà Nẵng",
    "cv_position": "Tổ trưởng",
    "cv_unit_name": "Trung tâm Phục vụ hành chính công",
    "cv_qualification": "Cử nhân Luật",
    "cv_years_of_service": 10,
    "duties": "Tiếp nhận, hướng dẫn hồ sơ thủ tục hành chính.",
    "results": "Giải quyết 100% hồ sơ đúng hạn.",
    "initiatives": "Số hóa kết quả giải quyết thủ tục hành chính.",
    "not_under_discipline": True,
    "not_under_investigation": True,
    "not_under_inspection": True,
    "no_pending_complaint": True,
}
COLLECTIVE_REPORT = {
    "profile_structure": "Ban Giám đốc và 2 tổ chuyên môn.",
    "profile_staff_total": 12,
    "profile_staff_women": 7,
    "profile_functions": "Tiếp nhận và trả kết quả thủ tục hành chính.",
    "results": "Tỷ lệ hài lòng 98%.",
    "not_under_discipline": True,
    "not_under_investigation": True,
    "not_under_inspection": True,
    "no_pending_complaint": True,
}


def add_individual(dossier, head, official, **kw):
    standard = Standard.objects.filter(campaign=dossier.campaign, nominee_kind="individual").first()
    return services.nominee_add(
        dossier=dossier,
        actor=head,
        kind="individual",
        official=official,
        award_kind=kw.get("award_kind", "giay_khen"),
        standards=[standard],
        evidence=kw.get("evidence", "Tham mưu triển khai một cửa điện tử."),
    )


def add_collective(dossier, head, unit, **kw):
    standard = Standard.objects.filter(campaign=dossier.campaign, nominee_kind="collective").first()
    return services.nominee_add(
        dossier=dossier,
        actor=head,
        kind="collective",
        unit=unit,
        award_kind="giay_khen",
        standards=[standard],
        evidence=kw.get("evidence", "Dẫn đầu về tỷ lệ hồ sơ trực tuyến."),
    )


def fill_report(nominee, head, confirm=True, **overrides):
    data = dict(INDIVIDUAL_REPORT if nominee.kind == "individual" else COLLECTIVE_REPORT)
    if nominee.kind == "individual":
        data["cv_full_name"] = nominee.official.full_name
    data.update(overrides)
    services.report_save(
        nominee=nominee,
        actor=head,
        fields=data,
        prior_awards=[
            {"year": 2024, "form": "Giấy khen của Chủ tịch UBND phường", "decision": "Số 12/QĐ-UBND"}
        ],
    )
    if confirm:
        services.report_confirm(nominee=nominee, actor=head)


def save_minutes(dossier, head, votes=None, scan=True):
    nominees = list(dossier.nominees.all())
    services.minutes_save(
        dossier=dossier,
        actor=head,
        fields={
            "meeting_date": dt.date(2025, 11, 25),
            "meeting_place": "Phòng họp Trung tâm",
            "chair_name": "Phạm Văn Tâm",
            "secretary_name": "Cao Thị Phương Thảo",
            "members_total": 7,
            "members_present": 7,
            "content": "Hội đồng thống nhất đề nghị.",
        },
        votes=votes if votes is not None else {n.pk: (7, 7) for n in nominees},
    )
    if scan:
        services.attachment_add(dossier=dossier, actor=head, file=pdf_upload(), kind="bien_ban", replace=True)


def complete_dossier(dossier, head, unit, officials):
    """One collective and two individuals, each with a confirmed report, and the minutes with a scan."""
    nominees = [add_collective(dossier, head, unit)]
    nominees += [add_individual(dossier, head, o) for o in officials[:2]]
    for nominee in nominees:
        fill_report(nominee, head)
    save_minutes(dossier, head)
    dossier.refresh_from_db()
    return nominees


@pytest.fixture
def complete_a(dossier_a, head_a, unit_a, officials_a):
    complete_dossier(dossier_a, head_a, unit_a, officials_a)
    dossier_a.refresh_from_db()
    return dossier_a
