"""Demo dossiers for `seed_anhai --through submitted`: every unit builds and submits its dossier through
the services, as its head would in the browser. The people and their achievements are invented.

Idempotent: a unit that already has a dossier for the campaign is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from anhai_thidua.core.workdays import add_working_days
from campaigns.models import Campaign, Standard
from campaigns.timeline import Timeline, demo_timeline, replaying
from organisation import seed_data
from organisation.enums import Role
from organisation.models import Official, Unit, User
from organisation.selectors import first_user_with_role, unit_head_user

from . import services
from .models import AchievementReport, Dossier

# unit code -> (collective unit code, collective award, [(official key, award, result, initiative)],
#               (members total, present), unit profile)
DEMO = {
    "vp": (
        "vp",
        "giay_khen",
        [
            (
                "vp-cv1",
                "giay_khen",
                "Tham mưu vận hành hệ thống quản lý văn bản và điều hành; 100% văn bản đi, đến của UBND phường "
                "được xử lý trên môi trường điện tử, 98,6% văn bản có chữ ký số.",
                "Xây dựng quy trình số hóa văn bản đến trong ngày, rút ngắn thời gian chuyển xử lý còn 2 giờ.",
            ),
            (
                "vp-cv2",
                "giay_khen",
                "Phụ trách văn thư, lưu trữ: cập nhật đầy đủ 1.245 hồ sơ lưu trữ điện tử; không để xảy ra sai sót.",
                "",
            ),
        ],
        (7, 7),
        "Văn phòng HĐND và UBND gồm Chánh Văn phòng, 01 Phó Chánh Văn phòng và các bộ phận tổng hợp, văn thư - "
        "lưu trữ, kế toán.",
    ),
    "vhxh": (
        "vhxh",
        "giay_khen",
        [
            (
                "vhxh-cv1",
                "giay_khen",
                "Tham mưu xây dựng và theo dõi Kế hoạch phát động phong trào thi đua CCHC; tổng hợp kết quả chấm "
                "điểm Chỉ số CCHC của các phòng, đơn vị đúng hạn.",
                "Đề xuất bảng theo dõi tiến độ đăng ký thi đua trực tuyến cho các đơn vị.",
            ),
        ],
        (6, 5),
        "Phòng Văn hóa - Xã hội gồm Trưởng phòng, 01 Phó Trưởng phòng và các chuyên viên văn hóa, lao động - "
        "xã hội, y tế - giáo dục, thi đua - khen thưởng.",
    ),
    "kthtdt": (
        "kthtdt",
        "giay_khen",
        [
            (
                "kt-cv1",
                "giay_khen",
                "Giải quyết 412 hồ sơ đất đai trên Cổng dịch vụ công, 99,3% đúng hạn; số hóa toàn bộ kết quả "
                "giải quyết thủ tục hành chính lĩnh vực đất đai còn hiệu lực.",
                "Lập danh mục tra cứu hồ sơ địa chính số, giảm 60% thời gian tra cứu.",
            ),
            (
                "kt-cv2",
                "giay_khen",
                "Tham mưu thanh toán trực tuyến phí, lệ phí đạt 72% số giao dịch.",
                "",
            ),
        ],
        (6, 6),
        "Phòng Kinh tế - Hạ tầng - Đô thị gồm Trưởng phòng, 01 Phó Trưởng phòng và các chuyên viên địa chính, "
        "kế hoạch - tài chính, xây dựng - đô thị, môi trường.",
    ),
    "ttsnc": (
        "ttsnc-vhtt",
        "giay_khen",
        [
            (
                "snc-vc2",
                "giay_khen",
                "Thực hiện 36 tin, bài tuyên truyền về cải cách hành chính, dịch vụ công trực tuyến trên trang "
                "thông tin điện tử và mạng xã hội của phường.",
                "Sản xuất video hướng dẫn nộp hồ sơ trực tuyến, hơn 15.000 lượt xem.",
            ),
        ],
        (5, 5),
        "Tổ Văn hóa - Thông tin thuộc Trung tâm Sự nghiệp công, phụ trách thông tin, tuyên truyền.",
    ),
    "ttphcc": (
        "ttphcc-motcua",
        "bang_khen",
        [
            (
                "pvhcc-cv1",
                "giay_khen",
                "Tiếp nhận 3.120 hồ sơ thủ tục hành chính, 99,8% giải quyết đúng và trước hạn; tỷ lệ hài lòng "
                "của người dân đạt 98,5%.",
                "Sắp xếp quầy hướng dẫn nộp hồ sơ trực tuyến tại chỗ cho người cao tuổi.",
            ),
            (
                "pvhcc-cv4",
                "giay_khen",
                "Số hóa 100% kết quả giải quyết thủ tục hành chính còn hiệu lực; 65% người dân không phải cung "
                "cấp lại giấy tờ đã được chấp nhận.",
                "Xây dựng quy trình số hóa hồ sơ ngay khi tiếp nhận.",
            ),
        ],
        (9, 8),
        "Tổ Tiếp nhận và trả kết quả thuộc Trung tâm Phục vụ hành chính công, tiếp nhận và trả kết quả thủ "
        "tục hành chính theo cơ chế một cửa, một cửa liên thông.",
    ),
    "capt": (
        "capt",
        "giay_khen",
        [
            (
                "ca-cb3",
                "giay_khen",
                "Thu nhận 2.460 hồ sơ định danh điện tử mức độ 2; kích hoạt tài khoản cho 96% người dân đủ điều kiện.",
                "Tổ chức điểm thu nhận lưu động vào buổi tối tại các tổ dân phố.",
            ),
            (
                "ca-cb1",
                "giay_khen",
                "Giải quyết 100% hồ sơ đăng ký cư trú trực tuyến đúng hạn.",
                "",
            ),
        ],
        (8, 8),
        "Công an phường gồm Trưởng Công an, các Phó Trưởng Công an và các tổ nghiệp vụ.",
    ),
}


def demo_scan_pdf(title: str) -> bytes:
    """A one-page PDF standing in for a signed scan (built by hand: fast and always the same bytes)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj 0 -24 Td (Ban chup co chu ky - du lieu mau) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _official(key: str) -> Official | None:
    names = {k: name for k, name, *_rest in seed_data.OFFICIALS}
    return Official.objects.filter(full_name=names.get(key, "")).first()


def _secretary(unit: Unit, head: User) -> str:
    other = (
        Official.objects.filter(unit=unit, is_active=True)
        .exclude(pk=head.official_id)
        .order_by("sort_key")
        .first()
    )
    return other.full_name if other else "Thư ký Hội đồng"


def demo_individual_report(official: Official, result: str, initiative: str, birth: dt.date | None) -> dict:
    """The demo báo cáo thành tích fields of an individual nominee (also used by the benchmarks)."""
    return {
        "cv_full_name": official.full_name,
        "cv_birth_date": birth,
        "cv_gender": official.gender,
        "cv_hometown": "Phường An Hải, thành phố Đà Nẵng",
        "cv_residence": "Phường An Hải, thành phố Đà Nẵng",
        "cv_position": official.position,
        "cv_unit_name": official.unit.name,
        "cv_qualification": "Đại học",
        "cv_political_theory": "Trung cấp",
        "cv_years_of_service": 8,
        "duties": f"{official.position} tại {official.unit.name}; trực tiếp tham mưu, thực hiện các nhiệm vụ cải "
        "cách hành chính được phân công.",
        "results": result,
        "initiatives": initiative,
        **{name: True for name in AchievementReport.DECLARATION_FIELDS},
    }


def demo_collective_report(unit: Unit, profile: str, result: str) -> dict:
    """The demo báo cáo thành tích fields of a collective nominee (also used by the benchmarks)."""
    staff = unit.officials.filter(is_active=True)
    return {
        "profile_address": "Trụ sở UBND phường An Hải",
        "profile_structure": profile,
        "profile_staff_total": staff.count() or 1,
        "profile_staff_women": staff.filter(gender="female").count(),
        "profile_functions": f"Tham mưu, thực hiện nhiệm vụ của {unit.name} theo quy định; triển khai Kế hoạch "
        "cải cách hành chính của UBND phường.",
        "results": result,
        "initiatives": "Áp dụng công cụ theo dõi tiến độ giải quyết công việc trên môi trường số.",
        **{name: True for name in AchievementReport.DECLARATION_FIELDS},
    }


def _build_unit_dossier(campaign: Campaign, unit: Unit, head: User, spec, *, meeting_day: dt.date) -> Dossier:
    collective_code, collective_award, individuals, (total, present), profile = spec
    dossier = services.dossier_create(campaign=campaign, unit=unit, actor=head)
    nominees = _add_demo_nominees(dossier, head, collective_code, collective_award, individuals, profile)
    for nominee in nominees:
        services.report_confirm(nominee=nominee, actor=head)
    _record_demo_minutes(dossier, head, nominees, total=total, present=present, meeting_day=meeting_day)
    return dossier


def _add_demo_nominees(dossier: Dossier, head: User, collective_code, collective_award, individuals, profile):
    """The unit (or its team) and its officials of the spec, each with a drafted achievement report."""
    campaign = dossier.campaign
    standards = {
        kind: list(Standard.objects.filter(campaign=campaign, nominee_kind=kind).order_by("order", "id"))
        for kind in ("collective", "individual")
    }
    collective_unit = Unit.objects.get(code=collective_code)
    nominees = []
    collective = services.nominee_add(
        dossier=dossier,
        actor=head,
        kind="collective",
        unit=collective_unit,
        award_kind=collective_award,
        standards=standards["collective"][:1],
        evidence="Dẫn đầu các đơn vị về tỷ lệ hồ sơ giải quyết đúng hạn và ứng dụng công nghệ thông tin.",
    )
    services.report_save(
        nominee=collective,
        actor=head,
        fields=demo_collective_report(
            collective_unit,
            profile,
            "Hoàn thành 100% nhiệm vụ cải cách hành chính được giao trong 6 tháng cuối năm.",
        ),
        prior_awards=[
            {"year": 2024, "form": "Tập thể lao động tiên tiến", "decision": "Quyết định số 25/QĐ-UBND"}
        ],
    )
    nominees.append(collective)
    birthdays = {k: dt.date.fromisoformat(b) for k, _n, _g, b, *_rest in seed_data.OFFICIALS if b}
    for key, award, result, initiative in individuals:
        official = _official(key)
        if official is None:
            continue
        nominee = services.nominee_add(
            dossier=dossier,
            actor=head,
            kind="individual",
            official=official,
            award_kind=award,
            standards=standards["individual"][:1] if not initiative else standards["individual"][:2],
            evidence=result,
        )
        services.report_save(
            nominee=nominee,
            actor=head,
            fields=demo_individual_report(official, result, initiative, birthdays.get(key)),
            prior_awards=[
                {"year": 2024, "form": "Hoàn thành xuất sắc nhiệm vụ", "decision": "Quyết định số 31/QĐ-UBND"}
            ],
        )
        nominees.append(nominee)
    return nominees


def _record_demo_minutes(
    dossier: Dossier, head: User, nominees, *, total: int, present: int, meeting_day: dt.date
) -> None:
    """The unit council's minutes with a vote on each nominee, and the signed minutes' scan."""
    unit = dossier.unit
    services.minutes_save(
        dossier=dossier,
        actor=head,
        fields={
            "meeting_date": meeting_day,
            "start_time": dt.time(14, 0),
            "end_time": dt.time(16, 0),
            "meeting_place": f"Phòng họp {unit.name}",
            "chair_name": head.official.full_name if head.official_id else head.get_full_name(),
            "secretary_name": _secretary(unit, head),
            "members_total": total,
            "members_present": present,
            "content": "Hội đồng nghe báo cáo thành tích của từng tập thể, cá nhân, thảo luận và biểu quyết công khai.",
        },
        votes={n.pk: (present - (i % 2), present) for i, n in enumerate(nominees)},
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.attachment_add(
        dossier=dossier,
        actor=head,
        file=SimpleUploadedFile(
            f"Biên bản họp Hội đồng TĐKT - {unit.short_name or unit.name}.pdf",
            demo_scan_pdf(f"Bien ban hop Hoi dong TDKT - {unit.code}"),
        ),
        kind="bien_ban",
        replace=True,
    )


def nominations_seed_submitted(
    campaign: Campaign, *, today: dt.date | None = None, timeline: Timeline | None = None
) -> dict[str, int]:
    """Fill and submit every unit's demo dossier (units with a head account). Each unit's council meets and
    the dossier is built on the timeline's meeting day, then submitted on its submission day, both before the
    seed day (campaigns.timeline). Returns counts."""
    today = today or timezone.localdate()
    timeline = timeline or demo_timeline(today, "submitted")
    created = submitted = 0
    office = first_user_with_role(Role.OFFICE)
    for code, spec in DEMO.items():
        unit = Unit.objects.filter(code=code, parent__isnull=True).first()
        head = unit_head_user(unit) if unit else None
        if unit is None or head is None or Dossier.objects.filter(campaign=campaign, unit=unit).exists():
            continue
        with transaction.atomic():
            with replaying(timeline.at(timeline.unit_meetings, 16, 30)):
                dossier = _build_unit_dossier(campaign, unit, head, spec, meeting_day=timeline.unit_meetings)
            created += 1
            today = timeline.submitted
            deadline = campaign.submission_deadline
            if deadline and today > deadline and office is not None:
                services.extension_grant(
                    campaign=campaign,
                    unit=unit,
                    actor=office,
                    new_deadline=add_working_days(today, 5),
                    reason="Dữ liệu mẫu: nạp sau hạn nộp hồ sơ.",
                    today=today,
                )
            with replaying(timeline.at(today, 8 + submitted)):
                # The head numbers the tờ trình in the unit's register and dates it the day it goes out.
                services.dossier_letter_save(
                    dossier=dossier, actor=head, number=f"{12 + 3 * created:02d}", letter_date=today
                )
                services.dossier_submit(dossier=Dossier.objects.get(pk=dossier.pk), actor=head, today=today)
            submitted += 1
    return {"created": created, "submitted": submitted}
