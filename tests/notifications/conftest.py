from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from notifications.enums import ReminderKind
from notifications.registry import Owed, register_provider, unregister_provider
from organisation.selectors import unit_heads
from tests.factories import CampaignFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SUBMISSION_DEADLINE = date(2025, 12, 15)  # a Monday


@pytest.fixture
def at():
    """at(date or datetime): freeze the clock there (09:00 in Hà Nội time when a date is given)."""
    travellers = []

    def _at(moment):
        if not isinstance(moment, datetime):
            moment = datetime(moment.year, moment.month, moment.day, 9, 0, tzinfo=VN)
        for t in travellers:
            t.stop()
        travellers.clear()
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)

    yield _at
    for t in travellers:
        t.stop()


@pytest.fixture
def campaign(db):
    return CampaignFactory(
        title="Thi đua CCHC 6 tháng cuối năm 2025",
        slug="cchc-thu",
        status="launched",
        submission_deadline=SUBMISSION_DEADLINE,
    )


@pytest.fixture
def missing_units(unit_a, unit_b, head_a, head_b):
    """A deterministic submission provider: units A and B still owe their dossier (until removed)."""
    owing = {unit_a.pk: unit_a, unit_b.pk: unit_b}

    def provider(campaign, kind):
        heads = unit_heads(owing.values())
        return [Owed(unit=u, recipients=tuple(heads[u.pk])) for u in owing.values()]

    register_provider(ReminderKind.SUBMISSION, provider)
    yield owing
    unregister_provider(ReminderKind.SUBMISSION)


@pytest.fixture(autouse=True)
def _restore_registry():
    """Tests here replace and drop providers; put back the apps' own (registered from their ready())."""
    from notifications import registry

    saved = dict(registry._providers)
    yield
    registry._providers.clear()
    registry._providers.update(saved)
