"""The ward council votes in a real browser: the office opens the vote and chooses the counting committee, one
member votes from a desk and one from a phone, the member without an account votes on paper (the office only
marks her as having voted), the committee's head enters the paper totals on a phone, the office closes the
poll and sees the ranking."""

import pytest
from django.core.management import call_command
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

    Teardown: tests/conftest.py empties the council tables past the closed-poll guard before the flush."""
    call_command("seed_anhai", through="accepted", verbosity=0)
    yield Campaign.objects.get(slug="cchc-2025-h2")


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
    from council.models import Attendance, Ballot, Meeting, PaperTally, VoterRecord
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

    # The meeting chooses the counting committee: the member "hoidong" heads it, two others with him.
    head = User.objects.get(username="hoidong").official.full_name
    page.get_by_label("Trưởng Ban kiểm phiếu").select_option(label=head)
    others = page.locator("#committee-h ~ form input[type=checkbox]")
    others.nth(others.count() - 1).check()
    others.nth(others.count() - 2).check()
    page.get_by_role("button", name="Lưu Ban kiểm phiếu").click()
    expect(page.locator("#committee")).to_contain_text(f"{head} — Trưởng ban")
    # The member without an account votes on paper: the office only records that she voted.
    page.get_by_label("Phạm Thị Hồng Nhung (Có mặt)").check()
    page.get_by_role("button", name="Ghi nhận đã bỏ phiếu giấy").click()
    expect(page.locator("#paper-status")).to_contain_text("1 phiếu giấy phát ra")
    expect(page.locator("#paper-status")).to_contain_text("chờ Ban kiểm phiếu nhập kết quả")

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
    expect(mobile_page.locator("#voted")).to_contain_text("Anh/chị đã bỏ phiếu lúc")

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
    assert (
        VoterRecord.objects.filter(poll__meeting=meeting).values("member").distinct().count() == 3
    )  # + paper

    # The other members with an account vote (the paper voter is already recorded).
    _cast_demo_votes(Meeting.objects.get(pk=meeting.pk), office)
    assert Ballot.objects.filter(poll_item__poll__meeting=meeting).exists()

    # The committee's head enters the paper totals on his phone: one paper ballot.
    mobile_page.goto(f"{live_server.url}/hoi-dong/{meeting.pk}/")
    expect(mobile_page.locator("#committee")).to_contain_text("Trưởng ban")
    assert_no_horizontal_scroll(mobile_page)
    links = mobile_page.get_by_role("link", name="Nhập kết quả kiểm phiếu giấy")
    for index in range(links.count()):
        mobile_page.goto(f"{live_server.url}/hoi-dong/{meeting.pk}/")
        mobile_page.get_by_role("link", name="Nhập kết quả kiểm phiếu giấy").nth(index).click()
        expect(mobile_page.get_by_role("heading", level=1)).to_have_text("Kết quả kiểm phiếu giấy")
        assert_no_horizontal_scroll(mobile_page)
        mobile_page.get_by_label("Số phiếu thu về").fill("1")
        mobile_page.get_by_label("Số phiếu hợp lệ").fill("1")
        mobile_page.get_by_label("Số phiếu không hợp lệ").fill("1")
        agree = mobile_page.locator("#paper-tally input[name^=agree_]")
        disagree = mobile_page.locator("#paper-tally input[name^=disagree_]")
        for i in range(agree.count()):  # the paper ballot agrees on the first nominee only
            agree.nth(i).fill("1" if i == 0 else "0")
            disagree.nth(i).fill("0" if i == 0 else "1")
        mobile_page.get_by_role("button", name="Ghi nhận kết quả kiểm phiếu giấy").click()
        # 1 valid + 1 invalid is not 1 returned: said on the form, the numbers typed are kept.
        expect(mobile_page.get_by_text("phải bằng số phiếu thu về (1)")).to_be_visible()
        expect(mobile_page.get_by_label("Số phiếu hợp lệ")).to_have_value("1")
        expect(agree.first).to_have_value("1")
        assert_no_horizontal_scroll(mobile_page)
        axe_check(mobile_page)
        mobile_page.get_by_label("Số phiếu không hợp lệ").fill("0")
        mobile_page.get_by_role("button", name="Ghi nhận kết quả kiểm phiếu giấy").click()
        expect(mobile_page.get_by_text("Đã ghi nhận kết quả kiểm phiếu giấy")).to_be_visible()
    assert PaperTally.objects.filter(poll__meeting=meeting, valid=1).count() == links.count() >= 1

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
    expect(page.get_by_role("link", name="Biên bản kiểm phiếu (PDF)")).to_be_visible()
