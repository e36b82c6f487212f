"""benchmarks/generate.py builds its large set (here at a small size) on one demo timeline."""

import argparse

import pytest


@pytest.mark.django_db(transaction=True)
def test_the_large_set_builds_on_one_timeline(capsys):
    from benchmarks.generate import build
    from council.models import PollItem
    from nominations.models import Dossier
    from reviews.models import NomineeDecision

    build(
        argparse.Namespace(city=False, demo=False, units=9, officials_per_unit=5, nominees=2, notifications=1)
    )
    # The demo's six dossiers and three generated units' (two accepted and voted on, one waiting), all submitted.
    assert Dossier.objects.count() == Dossier.objects.exclude(submitted_at=None).count() == 9
    assert PollItem.objects.exists()
    decisions = NomineeDecision.objects.select_related("dossier")
    assert decisions.count() > 0
    for decision in decisions:  # every event in its real order: the review after the submission it reviews
        assert decision.dossier.submitted_at <= decision.decided_at
