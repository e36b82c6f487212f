"""seed_anhai --through submitted: every unit's dossier filled and submitted through the services."""

import pytest
from django.core import mail
from django.core.management import call_command

from nominations.models import Attachment, Dossier
from nominations.selectors import dossier_detail


@pytest.mark.django_db
def test_seed_through_submitted_is_complete_and_idempotent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_anhai", "--through", "submitted", verbosity=0)
    dossiers = list(Dossier.objects.select_related("unit", "campaign"))
    assert len(dossiers) == 6
    for dossier in dossiers:
        assert dossier.state == "submitted"
        detail = dossier_detail(dossier)
        assert detail.missing() == []
        assert len(detail.collectives) == 1 and 1 <= len(detail.individuals) <= 2
    assert Attachment.objects.filter(kind="bien_ban").count() == 6
    # Each submission reaches each of the office's addresses once (one outbox row per address).
    addresses = sorted({m.to[0] for m in mail.outbox})
    assert len(addresses) >= 2
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        (address, f"[Thi đua An Hải] Hồ sơ đề nghị khen thưởng: {d.unit.name}")
        for d in dossiers
        for address in addresses
    )
    names = {n.display_name for d in dossiers for n in dossier_detail(d).nominees}
    assert {"Trần Ngọc Sơn", "Tổ Tiếp nhận và trả kết quả", "Lâm Thị Kiều Trinh"} <= names
    call_command("seed_anhai", "--through", "submitted", verbosity=0)
    assert Dossier.objects.count() == 6
    assert Attachment.objects.count() == 6
