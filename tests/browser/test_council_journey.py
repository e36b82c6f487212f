"""The ward council votes in a real browser: the office opens the vote, one member votes from a desk and one
from a phone, the others' ballots go in, the office closes the poll and sees the ranking."""

import pytest
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import expect

from campaigns.models import Campaign

from .conftest import (
    DEMO_PASSWORD,
    DESKTOP,
    assert_no_horizontal_scroll,
    axe_check,
    browser_login,
)


@pytest.fixture
def accepted_live(transactional_db):
    """The demo through the office's review (accepted nominees), in a database the live server sees.

    Teardown: the closed-poll triggers would stop SQLite's row-by-row flush, so the council's rows are removed
    with the guard lifted, then the guard goes back for the next tests."""
    call_command("seed_anhai", through="accepted", verbosity=0)
    yield Campaign.objects.get(slug="cchc-2025-h2")
    from council import dbguard
    from council.models import (
        Attendance,
        Ballot,
        ChairChoice,
        Meeting,
        OpenBallot,
        Poll,
        PollItem,
        Recusal,
        VoterRecord,
    )

    dbguard.drop(connection)
    for model in (Ballot, OpenBallot, VoterRecord, ChairChoice, Recusal, PollItem, Poll, Attendance, Meeting):
        model.objects.all().delete()
    dbguard.install(connection)


def _vote_all_agree(page):
    choices = page.locator("fieldset.ballot-item label.btn-outline-success")
    count = choices.count()
    assert count > 0
    for i in range(count):
        choices.nth(i).click()
    return count


@pytest.mark.browser
def test_council_votes_and_the_office_sees_the_ranking(
    page, mobile_page, browser, live_server, accepted_live
):
    from council import services
    from council.enums import AttendanceStatus
    from council.models import Attendance, Meeting, VoterRecord
    from council.seeding import _cast_demo_votes
    from organisation.models import User

    campaign = accepted_live
    office = User.objects.get(username="vhxh")
    import datetime as dt

    from django.utils import timezone

    meeting = services.meeting_create(
        campaign=campaign,
        actor=office,
        held_at=timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(14, 0))),
        place="Phòng họp số 1, UBND phường An Hải",
        agenda="Xét, bỏ phiếu kín đề nghị khen thưởng.",
    )
    services.attendance_record(
        meeting=meeting,
        actor=office,
        statuses={a.member_id: AttendanceStatus.PRESENT for a in Attendance.objects.filter(meeting=meeting)},
    )

    # The office opens the vote.
    browser_login(page, live_server, "vhxh", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/hoi-dong/")
    page.get_by_role("link", name=timezone.localtime(meeting.held_at).strftime("%H:%M %d/%m/%Y")).click()
    expect(page.locator("#quorum")).to_contain_text("Có mặt 9/9 thành viên; cần ít nhất 6 để biểu quyết.")
    axe_check(page)
    page.get_by_role("button", name="Mở biểu quyết").click()
    expect(page.locator("#meeting-state")).to_have_text("Đang biểu quyết")

    # A member votes from a phone: one page, big buttons, the own unit's nominees shown as recused.
    browser_login(mobile_page, live_server, "hoidong", DEMO_PASSWORD)
    # From the home page's council card on a phone (the navbar is collapsed there).
    mobile_page.get_by_role("link", name="Các cuộc họp, bỏ phiếu").click()
    mobile_page.get_by_role(
        "link", name=timezone.localtime(meeting.held_at).strftime("%H:%M %d/%m/%Y")
    ).click()
    mobile_page.get_by_role("link", name="Bỏ phiếu").click()
    expect(mobile_page.get_by_role("heading", level=1)).to_have_text("Phiếu biểu quyết")
    expect(
        mobile_page.get_by_text("Không tham gia biểu quyết (đồng thời là Thủ trưởng Công an phường).").first
    ).to_be_visible()
    assert_no_horizontal_scroll(mobile_page)
    axe_check(mobile_page)
    box = mobile_page.locator("fieldset.ballot-item label.btn-outline-success").first.bounding_box()
    assert box["height"] >= 44  # a thumb-sized target
    _vote_all_agree(mobile_page)
    mobile_page.get_by_role("button", name="Gửi phiếu").click()
    expect(mobile_page.locator("#voted")).to_contain_text("Bạn đã bỏ phiếu")

    # Another member votes from a desk.
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=DESKTOP)
    desk = context.new_page()
    try:
        browser_login(desk, live_server, "chutich", DEMO_PASSWORD)
        desk.goto(f"{live_server.url}/hoi-dong/{meeting.pk}/bo-phieu/")
        # Submitting with one choice missing keeps the others and says which.
        desk.locator("fieldset.ballot-item label.btn-outline-success").first.click()
        desk.get_by_role("button", name="Gửi phiếu").click()
        expect(desk.get_by_text("Phiếu chưa được ghi nhận")).to_be_visible()
        expect(desk.locator("fieldset.ballot-item input[value=agree]").first).to_be_checked()
        _vote_all_agree(desk)
        desk.get_by_role("button", name="Gửi phiếu").click()
        expect(desk.locator("#voted")).to_be_visible()
    finally:
        context.close()
    assert VoterRecord.objects.filter(poll__meeting=meeting).values("member").distinct().count() == 2

    # The other members' ballots (members without an account: paper ballots entered by the office).
    _cast_demo_votes(Meeting.objects.get(pk=meeting.pk), office)

    # The office closes the poll and sees the ranking.
    page.reload()
    expect(page.locator("#progress")).to_contain_text("9/9 thành viên đã bỏ phiếu.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Kết thúc biểu quyết và kiểm phiếu").click()
    expect(page.get_by_role("heading", name="Kết quả kiểm phiếu")).to_be_visible()
    expect(page.locator("#meeting-state")).to_have_text("Đã kết thúc biểu quyết")
    tally = page.locator("table.tally").first
    expect(tally.locator("caption")).to_contain_text("Giấy khen của Chủ tịch UBND phường – Tập thể")
    expect(tally.locator("tbody tr").first).to_contain_text("Đề nghị khen thưởng")
    expect(page.locator("#verification")).to_contain_text("Kết quả khớp mã kiểm tra SHA-256")
    axe_check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Kết quả kiểm phiếu (Excel)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
