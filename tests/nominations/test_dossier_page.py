"""The dossier page counts what it lists, offers "Hủy hồ sơ" for a draft never submitted, and its history
names a resubmission "Nộp lại hồ sơ"."""

import pytest
from django.urls import reverse

from anhai_thidua.core.models import AuditEntry
from nominations import services
from nominations.models import Dossier, Nominee

from .conftest import add_individual


def test_missing_count_is_the_number_of_items_listed(dossier_a, head_a, officials_a, login):
    add_individual(dossier_a, head_a, officials_a[0])  # no report, no minutes
    response = login(head_a).get(reverse("nominations:detail", args=[dossier_a.pk]))
    page = response.content.decode()
    listed = page.split('id="missing-list"')[1].split("</ul>")[0].count("<li")
    assert listed >= 2
    assert f"Còn thiếu ({listed})" in page


def test_never_submitted_draft_offers_discard_not_withdraw(dossier_a, head_a, login):
    page = login(head_a).get(reverse("nominations:detail", args=[dossier_a.pk])).content.decode()
    assert "Hủy hồ sơ" in page and "Rút hồ sơ" not in page


def test_discard_deletes_the_draft_and_keeps_an_audit_row(dossier_a, head_a, officials_a, login):
    nominee = add_individual(dossier_a, head_a, officials_a[0])
    response = login(head_a).post(
        reverse("nominations:discard", args=[dossier_a.pk]), {"version": dossier_a.version + 1}
    )
    assert response.status_code == 302 and response["Location"] == reverse("nominations:list")
    assert not Dossier.objects.filter(pk=dossier_a.pk).exists()
    assert not Nominee.objects.filter(pk=nominee.pk).exists()
    entry = AuditEntry.objects.filter(action="dossier_discard").get()
    assert entry.object_id == dossier_a.pk and entry.actor == head_a


def test_never_submitted_draft_cannot_be_withdrawn_and_submitted_one_cannot_be_discarded(complete_a, head_a):
    with pytest.raises(services.IllegalTransition, match="dùng “Hủy hồ sơ”"):
        services.dossier_withdraw(dossier=complete_a, actor=head_a)
    services.dossier_submit(dossier=complete_a, actor=head_a)
    services.dossier_withdraw(dossier=Dossier.objects.get(pk=complete_a.pk), actor=head_a)
    services.dossier_reopen(dossier=Dossier.objects.get(pk=complete_a.pk), actor=head_a)
    with pytest.raises(services.IllegalTransition, match="chưa nộp lần nào"):
        services.dossier_discard(dossier=Dossier.objects.get(pk=complete_a.pk), actor=head_a)
    assert Dossier.objects.filter(pk=complete_a.pk).exists()


def test_resubmission_is_labelled_in_the_history(complete_a, head_a, office_user, login):
    services.dossier_submit(dossier=complete_a, actor=head_a)
    services.dossier_return(dossier=complete_a, actor=office_user, note="Bổ sung số liệu.")
    services.dossier_submit(dossier=Dossier.objects.get(pk=complete_a.pk), actor=head_a)
    page = login(head_a).get(reverse("nominations:detail", args=[complete_a.pk])).content.decode()
    history = page.split('id="history-h"')[1]
    assert history.count("Nộp lại hồ sơ") == 1
    assert history.count("<td>Nộp hồ sơ</td>") == 1
