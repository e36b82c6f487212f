"""`seed_anhai --through accepted`: one dossier returned, fixed, resubmitted and accepted; all others
accepted; enough accepted nominees for the council (issue 5); idempotent."""

import pytest
from django.core.management import call_command

from nominations.models import Dossier
from reviews.models import NomineeDecision, ReviewReturn
from reviews.selectors import accepted_nominees


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_seed_through_accepted_plays_the_review(db):
    call_command("seed_anhai", through="accepted", verbosity=0)
    dossiers = list(Dossier.objects.select_related("unit"))
    assert dossiers and {d.state for d in dossiers} == {"accepted"}
    returned = ReviewReturn.objects.get()
    assert returned.dossier.unit.code == "ttphcc" and len(returned.reasons) == 2
    assert returned.dossier.submission_count == 2  # fixed and resubmitted
    nominees = list(accepted_nominees(returned.dossier.campaign))
    giay_khen = [n for n in nominees if n.award_kind == "giay_khen"]
    assert sum(n.kind == "collective" for n in giay_khen) >= 1
    assert sum(n.kind == "individual" for n in giay_khen) >= 4
    assert any(n.award_kind == "bang_khen" for n in nominees)
    decisions = NomineeDecision.objects.count()

    call_command("seed_anhai", through="accepted", verbosity=0)  # again: nothing changes
    assert ReviewReturn.objects.count() == 1
    assert NomineeDecision.objects.count() == decisions
    assert {d.state for d in Dossier.objects.all()} == {"accepted"}
