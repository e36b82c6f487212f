"""The council's minutes (biên bản) as a PDF, read back as text."""

from django.core.management import call_command

from campaigns.enums import AwardKind
from council import services
from council.documents import minutes_pdf
from council.models import Poll
from council.seeding import council_seed_vote
from council.selectors import latest_closed_meeting, meeting_outcome, pending_ties
from council.tally import poll_verify
from tests.pdf import pdf_text

from .conftest import open_meeting, schedule, vote_all


def test_minutes_pdf_has_attendees_tally_recusals_result_and_signatures(world):
    meeting = open_meeting(world, present=world.members[:8])
    vote_all(world, meeting, {"Hà Thị Thanh Thủy": 8, "Trần Ngọc Sơn": 7, "Công an phường": 8}, default=3)
    services.poll_close(meeting=meeting, actor=world.office)
    text = pdf_text(minutes_pdf(meeting))
    assert "ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI" in text.upper()
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text
    assert "Số: 03/BB-HĐTĐKT" in text
    assert "An Hải, ngày 05 tháng 02 năm 2026" in text
    assert "BIÊN BẢN" in text
    assert "Vào hồi 08 giờ 30 ngày 05/02/2026, tại Phòng họp số 1, UBND phường An Hải" in text
    assert "Chủ trì: Ông Trần Quốc Bảo, Chủ tịch Hội đồng" in text
    assert "Thư ký: Ông Ngô Thị Thanh Hương" in text
    assert "Thành viên có mặt: 8/9 thành viên (cần ít nhất 6 thành viên có mặt)" in text
    assert "Vắng mặt: Ông Phạm Thị Hồng Nhung" in text
    assert "bỏ phiếu kín" in text and "ít nhất 5/9 phiếu" in text
    assert "Giấy khen của Chủ tịch UBND phường – Cá nhân (số lượng: 04)" in text
    assert "8 (88,89%)" in text  # Vietnamese decimal comma
    assert "Không tham gia biểu quyết" in text
    assert "Ông Phạm Văn Tâm (đồng thời là Thủ trưởng Trung tâm Phục vụ hành chính công) đối với" in text
    assert "tặng Giấy khen cho 03 tập thể, cá nhân" in text
    assert "1. Ông Công an phường" not in text and "1. Công an phường" in text
    assert "THƯ KÝ" in text and "TM. HỘI ĐỒNG CHỦ TỊCH" in text
    assert "(Ký, ghi rõ họ và tên)" in text and "(Ký, đóng dấu)" in text
    assert Poll.objects.get(meeting=meeting).result_hash in text.replace(" ", "")


def test_minutes_pdf_before_the_vote(world):
    meeting = schedule(world)
    text = pdf_text(minutes_pdf(meeting))
    assert "Hội đồng chưa kết thúc biểu quyết." in text


def test_seed_vote_fills_the_quota_and_proposes_for_bang_khen(db):
    call_command("seed_anhai", through="accepted", verbosity=0)
    from campaigns.models import Campaign

    campaign = Campaign.objects.get(slug="cchc-2025-h2")
    meeting = council_seed_vote(campaign)
    assert meeting is not None and meeting.state == "closed"
    # The meeting starts, votes and then ends: the minutes never end at the time they start.
    assert meeting.held_at < meeting.closed_at and meeting.held_at.date() == meeting.closed_at.date()
    assert council_seed_vote(campaign) == meeting  # idempotent
    assert latest_closed_meeting(campaign) == meeting
    outcomes = meeting_outcome(meeting)
    awarded = [o for o in outcomes if o.award_kind == AwardKind.GIAY_KHEN and o.within_quota]
    assert sorted(o.nominee_kind for o in awarded) == ["collective"] + ["individual"] * 4
    assert any(o.award_kind == AwardKind.BANG_KHEN and o.within_quota for o in outcomes)
    assert not pending_ties(outcomes)
    assert all(poll_verify(p) for p in Poll.objects.filter(meeting=meeting))
    assert all(o.recusals for o in outcomes)  # every unit's head sits on the seeded council
    text = pdf_text(minutes_pdf(meeting))
    assert "Ông Trần Quốc Bảo" in text and "Bà Ngô Thị Thanh Hương" in text
