"""Two simultaneous votes by one member, in two real transactions (PostgreSQL: SQLite's in-memory test
database is not shared between threads; test_voting.py covers the constraint path there)."""

import threading

import pytest
from django.db import connection

from council import services
from council.models import Ballot, VoterRecord

from .conftest import items_of, open_meeting

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (row locks, threads)"
)


@pytest.mark.parametrize("skip_precheck", [False, True])
def test_two_simultaneous_votes_make_one_ballot(transactional_db, world, monkeypatch, skip_precheck):
    meeting = open_meeting(world)
    member = world.members[2]
    items = items_of(meeting)
    if skip_precheck:  # both get past the friendly check: only the unique constraint stops the second
        monkeypatch.setattr("council.services.voting._has_voted", lambda polls, member: False)
    barrier = threading.Barrier(2)
    results = []

    def vote(choice):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            services.vote_cast(
                meeting=meeting,
                member=member,
                choices={i.pk: choice for i in items},
                actor=world.user(member),
            )
            results.append("ok")
        except services.AlreadyVoted:
            results.append("already")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=vote, args=(c,)) for c in ("agree", "disagree")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == ["already", "ok"]
    assert VoterRecord.objects.filter(member=member).count() == 1
    assert Ballot.objects.count() == len(items)
    assert len(set(Ballot.objects.values_list("choice", flat=True))) == 1
