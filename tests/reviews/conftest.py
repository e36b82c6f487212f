"""The dossier fixtures of tests/nominations (a launched campaign, unit A's dossier, helpers that complete
it), and submitted dossiers ready for review."""

import html
import re
from dataclasses import dataclass

import pytest

from nominations import services as dossier_services
from tests.factories import OfficialFactory, UnitFactory, UserFactory
from tests.nominations.conftest import (  # noqa: F401  (fixtures re-used as they are)
    DEADLINE,
    TODAY,
    TZ,
    _media_and_clock,
    add_collective,
    add_individual,
    campaign,
    complete_a,
    complete_dossier,
    dossier_a,
    fill_report,
    officials_a,
    save_minutes,
    team_a,
)


@pytest.fixture
def submitted_a(complete_a, head_a):  # noqa: F811
    """Unit A's complete dossier, submitted on Monday 01/12/2025."""
    return dossier_services.dossier_submit(dossier=complete_a, actor=head_a)


def make_submitted(for_campaign, *, name, code, head_name, nominee_names):
    """Another unit with a head and a complete, submitted dossier (for the inbox)."""
    unit = UnitFactory(name=name, code=code)
    head = UserFactory(
        official=OfficialFactory(full_name=head_name, unit=unit, position="Trưởng phòng"),
        roles=[("unit_head", unit)],
    )
    officials = [OfficialFactory(full_name=n, unit=unit) for n in nominee_names]
    dossier = dossier_services.dossier_create(campaign=for_campaign, unit=unit, actor=head)
    complete_dossier(dossier, head, unit, officials)
    dossier_services.dossier_submit(dossier=dossier, actor=head)
    dossier.refresh_from_db()
    return dossier, head


@dataclass
class InboxRow:
    """One row of the inbox's table as the office sees it (the rows come as cached HTML, not as objects)."""

    pk: int
    unit: str
    text: str


def inbox_rows(response) -> list[InboxRow]:
    """The rows of the inbox's table: the dossier's id (its "Xem hồ sơ" link), the unit, the row's text."""
    body = response.content.decode()
    table = body[body.index('id="inbox"') :]
    tbody = table[table.index("<tbody>") : table.index("</tbody>")]
    rows = []
    for row in tbody.split("<tr")[1:]:
        unit = re.search(r'<td class="fw-semibold">(.*?)</td>', row)
        if unit is None:  # "Không có hồ sơ nào phù hợp."
            continue
        pk = int(re.search(r'href="/ho-so/(\d+)/"', row).group(1))
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", row.split(">", 1)[1])).split())
        rows.append(InboxRow(pk=pk, unit=html.unescape(unit.group(1)), text=text))
    return rows
