"""The ward council's meeting and its vote (issue 5 items 1-5).

Secret ballot, by construction of the tables:
- ``VoterRecord(poll, member)`` says WHO has voted (unique: one vote per member and poll);
- ``Ballot(poll_item, choice)`` says WHAT was voted, with no member, no timestamp and a random UUID key
  (no auto-increment id whose order would follow the voters). ``poll_close`` also re-inserts every
  ballot of the poll in random order, so neither SQLite's rowid nor PostgreSQL's physical order or xmin
  links a ballot to the transaction that wrote the voter record;
- ``OpenBallot(poll_item, member, choice)`` exists only for an open (non-secret) poll.

A closed poll is protected in the database (council/dbguard.py: triggers on SQLite and PostgreSQL) and by
the SHA-256 of its result stored in ``Poll.result_hash`` (council.tally.poll_verify).
Workflow lives in services.py, never in save().
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.enums import AwardKind
from campaigns.models import Campaign
from nominations.models import Nominee
from organisation.models import Council, CouncilMembership
from organisation.text import nfc

from .enums import STATE_BADGES, AttendanceStatus, Choice, MeetingState, VoteChannel


class Meeting(models.Model):
    """A meeting of the ward council on one campaign's accepted nominees."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("phong trào"), related_name="council_meetings", on_delete=models.PROTECT
    )
    council = models.ForeignKey(
        Council, verbose_name=_("Hội đồng"), related_name="meetings", on_delete=models.PROTECT
    )
    held_at = models.DateTimeField(_("thời gian họp"))
    place = models.CharField(_("địa điểm"), max_length=200)
    agenda = models.TextField(_("nội dung, chương trình họp"), blank=True)
    secret_ballot = models.BooleanField(
        _("bỏ phiếu kín"),
        default=True,
        help_text=_("Bỏ phiếu kín: hệ thống chỉ lưu ai đã bỏ phiếu, không lưu ai chọn gì."),
    )
    number = models.CharField(_("số biên bản"), max_length=20, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=MeetingState.choices, default=MeetingState.DRAFT
    )
    opened_at = models.DateTimeField(_("mở biểu quyết lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc biểu quyết lúc"), null=True, blank=True)
    # The end of the meeting for the minutes: recorded when the vote closes, or entered by the office.
    ended_at = models.DateTimeField(_("kết thúc cuộc họp lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cuộc họp Hội đồng TĐKT")
        verbose_name_plural = _("cuộc họp Hội đồng TĐKT")
        ordering = ["-held_at", "-id"]
        indexes = [
            models.Index(fields=["-held_at", "-id"], name="meeting_held_at"),  # the meetings list
            # latest_closed_meeting(campaign): the decision is drafted from it
            models.Index(fields=["campaign", "state", "-closed_at"], name="meeting_campaign_closed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="closed") | Q(closed_at__isnull=False), name="meeting_closed_has_time"
            ),
        ]

    def __str__(self):
        return f"{_('Họp Hội đồng')} {self.held_at:%d/%m/%Y} — {self.campaign.title}"

    def save(self, *args, **kwargs):
        self.place = nfc(self.place)
        self.agenda = nfc(self.agenda)
        super().save(*args, **kwargs)

    @property
    def state_badge(self) -> str:
        return STATE_BADGES.get(self.state, "secondary")

    @property
    def is_closed(self) -> bool:
        return self.state == MeetingState.CLOSED


class Attendance(models.Model):
    """Whether one council member attends the meeting (present, absent, or voting in writing)."""

    meeting = models.ForeignKey(Meeting, related_name="attendances", on_delete=models.CASCADE)
    member = models.ForeignKey(
        CouncilMembership, verbose_name=_("thành viên"), related_name="+", on_delete=models.PROTECT
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.ABSENT
    )
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("thành phần dự họp")
        verbose_name_plural = _("thành phần dự họp")
        ordering = ["member__order", "member__id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")]

    def __str__(self):
        return f"{self.member}: {self.get_status_display()}"


class Poll(models.Model):
    """The vote on one award form's nominees at a meeting. Closed when closed_at is set (then frozen)."""

    meeting = models.ForeignKey(Meeting, related_name="polls", on_delete=models.PROTECT)
    award_kind = models.CharField(_("hình thức khen thưởng"), max_length=20, choices=AwardKind.choices)
    secret = models.BooleanField(_("bỏ phiếu kín"), default=True)
    # Every council member of the term when the poll opened: the base of every percentage and threshold.
    members_total = models.PositiveSmallIntegerField(_("tổng số thành viên Hội đồng"))
    opened_at = models.DateTimeField(_("mở lúc"))
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    result_hash = models.CharField(_("mã kiểm tra kết quả (SHA-256)"), max_length=64, blank=True)
    # Which canonical payload the hash covers (council.tally.result_payload): 1 = ballots, voters and
    # closing time (polls closed before migration 0003); 2 = also attendance, the counting committee and
    # the paper totals. Frozen with the poll by the database triggers.
    hash_version = models.PositiveSmallIntegerField(_("phiên bản mã kiểm tra"), default=2, editable=False)

    class Meta:
        verbose_name = _("cuộc biểu quyết")
        verbose_name_plural = _("cuộc biểu quyết")
        ordering = ["meeting", "award_kind"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "award_kind"], name="poll_once_per_award_kind"),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | ~Q(result_hash=""), name="poll_closed_has_hash"
            ),
        ]

    def __str__(self):
        return f"{self.get_award_kind_display()} — {self.meeting}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class PollVerification(models.Model):
    """The last check of a closed poll's stored SHA-256 against its rows, and its answer. Written when the
    poll closes, after the chair's choice on a tie and by ``manage.py verify_polls``; the meeting page shows
    it instead of recomputing the hash on every request (council.tally.record_verification)."""

    poll = models.OneToOneField(Poll, primary_key=True, related_name="verification", on_delete=models.CASCADE)
    ok = models.BooleanField(_("khớp mã kiểm tra"))
    checked_at = models.DateTimeField(_("kiểm tra lúc"))

    class Meta:
        verbose_name = _("kết quả kiểm tra mã SHA-256")
        verbose_name_plural = _("kết quả kiểm tra mã SHA-256")

    def __str__(self):
        return f"#{self.poll_id}: {'khớp' if self.ok else 'KHÔNG KHỚP'}"


class PollItem(models.Model):
    """One nominee put to the vote in a poll."""

    poll = models.ForeignKey(Poll, related_name="items", on_delete=models.PROTECT)
    nominee = models.ForeignKey(
        Nominee, verbose_name=_("tập thể, cá nhân"), related_name="poll_items", on_delete=models.PROTECT
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("nội dung biểu quyết")
        verbose_name_plural = _("nội dung biểu quyết")
        ordering = ["poll", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["poll", "nominee"], name="poll_item_once")]

    def __str__(self):
        return str(self.nominee)


class Recusal(models.Model):
    """A member who may not vote on a nominee: head of the nominee's unit, or the nominee."""

    poll_item = models.ForeignKey(PollItem, related_name="recusals", on_delete=models.CASCADE)
    member = models.ForeignKey(CouncilMembership, related_name="+", on_delete=models.PROTECT)
    reason = models.CharField(_("lý do"), max_length=300)

    class Meta:
        verbose_name = _("không tham gia biểu quyết")
        verbose_name_plural = _("không tham gia biểu quyết")
        constraints = [models.UniqueConstraint(fields=["poll_item", "member"], name="recusal_once")]

    def __str__(self):
        return f"{self.member}: {self.reason}"


class VoterRecord(models.Model):
    """WHO has voted in a poll. Holds no choice; one per member and poll (the double-vote guard)."""

    poll = models.ForeignKey(Poll, related_name="voter_records", on_delete=models.PROTECT)
    member = models.ForeignKey(CouncilMembership, related_name="+", on_delete=models.PROTECT)
    channel = models.CharField(_("hình thức"), max_length=10, choices=VoteChannel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("thành viên đã bỏ phiếu")
        verbose_name_plural = _("thành viên đã bỏ phiếu")
        constraints = [models.UniqueConstraint(fields=["poll", "member"], name="voter_once_per_poll")]

    def __str__(self):
        return f"{self.member} ✓"


class Ballot(models.Model):
    """WHAT was voted on one item: no member, no timestamp, a random key, no ordering."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll_item = models.ForeignKey(PollItem, related_name="ballots", on_delete=models.PROTECT)
    choice = models.CharField(_("lựa chọn"), max_length=10, choices=Choice.choices)

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")
        # The tally's GROUP BY (item, choice) reads this index alone (an index-only scan), not the table.
        indexes = [models.Index(fields=["poll_item", "choice"], name="ballot_item_choice")]

    def __str__(self):
        return self.get_choice_display()


class OpenBallot(models.Model):
    """An open (non-secret) poll's ballot with the member's name, besides the anonymous Ballot."""

    poll_item = models.ForeignKey(PollItem, related_name="open_ballots", on_delete=models.PROTECT)
    member = models.ForeignKey(CouncilMembership, related_name="+", on_delete=models.PROTECT)
    choice = models.CharField(_("lựa chọn"), max_length=10, choices=Choice.choices)

    class Meta:
        verbose_name = _("phiếu biểu quyết công khai")
        verbose_name_plural = _("phiếu biểu quyết công khai")
        constraints = [models.UniqueConstraint(fields=["poll_item", "member"], name="open_ballot_once")]

    def __str__(self):
        return f"{self.member}: {self.get_choice_display()}"


class CountingMember(models.Model):
    """A member of the counting committee (ban kiểm phiếu) the meeting chose among the members present:
    one head (trưởng ban) and members. The committee counts the paper ballots and signs the biên bản."""

    meeting = models.ForeignKey(Meeting, related_name="counting_members", on_delete=models.CASCADE)
    member = models.ForeignKey(
        CouncilMembership, verbose_name=_("thành viên"), related_name="+", on_delete=models.PROTECT
    )
    head = models.BooleanField(_("trưởng ban"), default=False)

    class Meta:
        verbose_name = _("thành viên Ban kiểm phiếu")
        verbose_name_plural = _("Ban kiểm phiếu")
        ordering = ["-head", "member__order", "member__id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="counting_member_once"),
            models.UniqueConstraint(fields=["meeting"], condition=Q(head=True), name="counting_one_head"),
        ]

    def __str__(self):
        return f"{self.member}{' (trưởng ban)' if self.head else ''}"


class PaperTally(models.Model):
    """The counting committee's count of one poll's paper ballots (and written votes): how many were issued,
    returned, valid and invalid. The totals per nominee are in PaperCount. No row names a voter."""

    poll = models.OneToOneField(Poll, related_name="paper_tally", on_delete=models.PROTECT)
    issued = models.PositiveSmallIntegerField(_("số phiếu phát ra"))
    returned = models.PositiveSmallIntegerField(_("số phiếu thu về"))
    valid = models.PositiveSmallIntegerField(_("số phiếu hợp lệ"))
    invalid = models.PositiveSmallIntegerField(_("số phiếu không hợp lệ"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    entered_at = models.DateTimeField(_("nhập lúc"))

    class Meta:
        verbose_name = _("kết quả kiểm phiếu giấy")
        verbose_name_plural = _("kết quả kiểm phiếu giấy")
        constraints = [
            models.CheckConstraint(
                condition=Q(returned__lte=models.F("issued")), name="paper_returned_le_issued"
            ),
            models.CheckConstraint(
                condition=Q(valid=models.F("returned") - models.F("invalid")), name="paper_valid_plus_invalid"
            ),
        ]

    def __str__(self):
        return f"{self.poll}: {self.valid}/{self.issued}"


class PaperCount(models.Model):
    """The paper ballots' totals for one nominee: đồng ý and không đồng ý (never a voter)."""

    poll_item = models.OneToOneField(PollItem, related_name="paper_count", on_delete=models.PROTECT)
    agree = models.PositiveSmallIntegerField(_("đồng ý"), default=0)
    disagree = models.PositiveSmallIntegerField(_("không đồng ý"), default=0)

    class Meta:
        verbose_name = _("số phiếu giấy của một tập thể, cá nhân")
        verbose_name_plural = _("số phiếu giấy của một tập thể, cá nhân")

    def __str__(self):
        return f"{self.poll_item}: {self.agree}/{self.disagree}"


class ChairChoice(models.Model):
    """The chair's choice for a nominee tied at the quota boundary: in (selected) or out, with a note."""

    poll_item = models.OneToOneField(PollItem, related_name="chair_choice", on_delete=models.PROTECT)
    selected = models.BooleanField(_("được chọn trong số lượng khen thưởng"))
    note = models.TextField(_("ý kiến của Chủ tịch Hội đồng"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(_("thời điểm"))
    # SHA-256 of the poll's result hash and this choice (council.tally.choice_seal): the choice is made after
    # the poll closed, so it is sealed by chaining onto the closed poll's hash; verify_polls checks both.
    seal = models.CharField(_("mã kiểm tra"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("lựa chọn của Chủ tịch Hội đồng")
        verbose_name_plural = _("lựa chọn của Chủ tịch Hội đồng")

    def __str__(self):
        return f"{self.poll_item}: {'✓' if self.selected else '✗'}"
