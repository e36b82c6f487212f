"""A secret poll leaves no link between member and ballot; a closed poll is frozen in the database; the
stored SHA-256 catches tampering that bypasses the triggers."""

import io
import logging
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from openpyxl import load_workbook

from anhai_thidua.core.models import AuditEntry
from council import dbguard, exporting, services
from council.enums import Choice
from council.models import Ballot, OpenBallot, Poll, PollItem, VoterRecord
from council.tally import poll_verify

from .conftest import items_of, open_meeting, vote_all

PLAN = {"Trần Ngọc Sơn": 8, "Hà Thị Thanh Thủy": 9, "Công an phường": 4}


@pytest.fixture
def closed(world):
    meeting = open_meeting(world)
    vote_all(world, meeting, PLAN, default=6)
    services.poll_close(meeting=meeting, actor=world.office)
    return meeting


# ---- secrecy ----------------------------------------------------------------------------------------------------
def test_ballot_table_has_no_member_no_time_and_a_random_key(db):
    columns = {f.column for f in Ballot._meta.get_fields() if getattr(f, "column", None)}
    assert columns == {"id", "poll_item_id", "choice"}
    assert Ballot._meta.pk.get_internal_type() == "UUIDField"
    assert not Ballot._meta.ordering
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, "council_ballot")
    assert {c.name for c in description} == {"id", "poll_item_id", "choice"}
    voter_columns = {f.column for f in VoterRecord._meta.get_fields() if getattr(f, "column", None)}
    assert not voter_columns & {"choice", "poll_item_id", "created_at", "voted_at"}


def test_ballot_keys_and_order_do_not_follow_the_voters(world):
    meeting = open_meeting(world)
    vote_all(world, meeting, PLAN, default=6)
    before = set(Ballot.objects.values_list("id", flat=True))
    assert all(isinstance(pk, uuid.UUID) and pk.version == 4 for pk in before)
    services.poll_close(meeting=meeting, actor=world.office)
    after = set(Ballot.objects.values_list("id", flat=True))
    assert len(after) == len(before) and not (after & before)  # re-inserted with new keys at close


def test_secret_vote_writes_no_log_line_or_audit_note_with_member_and_choice(world, caplog):
    meeting = open_meeting(world)
    member = world.members[3]
    caplog.set_level(logging.DEBUG)
    with connection.execute_wrapper(
        lambda execute, sql, params, many, context: execute(sql, params, many, context)
    ):
        services.vote_cast(
            meeting=meeting,
            member=member,
            choices={i.pk: "disagree" for i in items_of(meeting)},
            actor=world.user(member),
        )
    name = member.official.full_name
    for record in caplog.records:
        text = record.getMessage()
        assert not (name in text and ("disagree" in text or "Không đồng ý" in text)), text
    audit = AuditEntry.objects.get(action="vote_cast")
    assert name in audit.note and "đồng ý" not in audit.note.lower()


def test_secret_poll_export_has_aggregates_only(closed, world):
    workbook = load_workbook(io.BytesIO(exporting.tally_workbook(closed)))
    assert workbook.sheetnames == ["Kiem phieu"]
    cells = [str(c) for row in workbook.active.iter_rows(values_only=True) for c in row if c is not None]
    text = " | ".join(cells)
    for member in world.members:
        assert member.official.full_name not in text
    row = next(
        r for r in workbook.active.iter_rows(values_only=True) if str(r[2]).endswith("Hà Thị Thanh Thủy")
    )
    assert row[4:7] == (9, 0, 0)
    assert OpenBallot.objects.count() == 0


def test_open_poll_records_and_exports_names(world):
    meeting = open_meeting(world, secret=False)
    vote_all(world, meeting, PLAN, default=6)
    services.poll_close(meeting=meeting, actor=world.office)
    assert OpenBallot.objects.count() == Ballot.objects.count()
    workbook = load_workbook(io.BytesIO(exporting.tally_workbook(meeting)))
    assert workbook.sheetnames == ["Kiem phieu", "Bieu quyet cong khai"]
    names = {r[1] for r in workbook["Bieu quyet cong khai"].iter_rows(min_row=2, values_only=True)}
    assert world.members[0].official.full_name in names
    assert poll_verify(Poll.objects.get(meeting=meeting))


# ---- the database refuses changes to a closed poll ---------------------------------------------------------------
def _raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_triggers_are_installed(db):
    assert dbguard.installed(connection)


def test_closed_poll_refuses_raw_sql_changes(closed):
    ballot = Ballot.objects.filter(choice="disagree").first()
    item = PollItem.objects.filter(poll__meeting=closed).first()
    poll = Poll.objects.get(meeting=closed)
    member = VoterRecord.objects.first().member
    refused = [
        (
            "UPDATE council_ballot SET choice = 'agree' WHERE id = %s",
            [ballot.pk.hex if connection.vendor == "sqlite" else ballot.pk],
        ),
        ("DELETE FROM council_ballot WHERE poll_item_id = %s", [item.pk]),
        (
            "INSERT INTO council_ballot (id, poll_item_id, choice) VALUES (%s, %s, 'agree')",
            [uuid.uuid4().hex if connection.vendor == "sqlite" else uuid.uuid4(), item.pk],
        ),
        ("DELETE FROM council_voterrecord WHERE member_id = %s", [member.pk]),
        ("UPDATE council_voterrecord SET channel = 'paper'", []),
        ("DELETE FROM council_pollitem WHERE id = %s", [item.pk]),
        ("UPDATE council_poll SET closed_at = NULL, result_hash = '' WHERE id = %s", [poll.pk]),
        ("DELETE FROM council_poll WHERE id = %s", [poll.pk]),
    ]
    for sql, params in refused:
        with pytest.raises(IntegrityError, match="poll is closed"):
            _raw(sql, params)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.filter(pk=ballot.pk).update(choice="agree")
    assert Ballot.objects.get(pk=ballot.pk).choice == "disagree"
    assert poll_verify(poll)


def test_open_poll_is_not_frozen(world):
    meeting = open_meeting(world)
    vote_all(world, meeting, PLAN, default=6)
    ballot = Ballot.objects.first()
    other = Choice.DISAGREE if ballot.choice == Choice.AGREE else Choice.AGREE
    Ballot.objects.filter(pk=ballot.pk).update(choice=other)  # the guard allows it while the poll is open
    assert Ballot.objects.get(pk=ballot.pk).choice == other


# ---- the hash ---------------------------------------------------------------------------------------------------
def test_hash_recompute_detects_tampering_when_triggers_are_bypassed(closed):
    poll = Poll.objects.get(meeting=closed)
    assert len(poll.result_hash) == 64 and poll_verify(poll)
    call_command("verify_polls", stdout=io.StringIO())
    dbguard.drop(connection)
    try:
        ballot = Ballot.objects.filter(choice="disagree").first()
        Ballot.objects.filter(pk=ballot.pk).update(choice="agree")
        assert not poll_verify(poll)
        with pytest.raises(CommandError, match="không khớp mã kiểm tra"):
            call_command("verify_polls", stdout=io.StringIO())
        from council.checks import check_poll_hashes

        assert [e.id for e in check_poll_hashes(databases=["default"])] == ["council.E001"]
    finally:
        dbguard.install(connection)
    assert dbguard.installed(connection)


def test_hash_covers_the_closing_time_and_voters(closed):
    poll = Poll.objects.get(meeting=closed)
    dbguard.drop(connection)
    try:
        Poll.objects.filter(pk=poll.pk).update(closed_at=poll.closed_at.replace(microsecond=1))
        assert not poll_verify(poll)
        Poll.objects.filter(pk=poll.pk).update(closed_at=poll.closed_at)
        assert poll_verify(poll)
        VoterRecord.objects.filter(poll=poll).first().delete()
        assert not poll_verify(poll)
    finally:
        dbguard.install(connection)
