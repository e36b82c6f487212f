"""Generated documents cached by content (anhai_thidua/core/doccache.py): the plan PDF is laid out by
WeasyPrint once per edit, not per request, and kept through Django's storage."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from anhai_thidua.core import doccache, pdf
from campaigns.services import campaign_update
from tests.factories import CampaignFactory
from tests.pdf import pdf_text


@pytest.fixture
def renders(monkeypatch):
    """Counts WeasyPrint layouts (html_to_pdf) while still producing the real PDF."""
    calls = []
    real = pdf.html_to_pdf

    def counting(html):
        calls.append(html)
        return real(html)

    monkeypatch.setattr(pdf, "html_to_pdf", counting)
    return calls


@pytest.mark.django_db
def test_plan_pdf_renders_once_per_edit(login, office_user, renders):
    campaign = CampaignFactory(title="Thi đua cải cách hành chính năm 2026")
    client = login(office_user)
    url = reverse("campaigns:plan_pdf", args=[campaign.slug])

    first = client.get(url)
    second = client.get(url)

    assert len(renders) == 1  # the second request did not call WeasyPrint
    assert second.content == first.content
    assert "Thi đua cải cách hành chính năm 2026" in pdf_text(second.content)

    campaign_update(campaign=campaign, actor=office_user, fields={"title": "Thi đua chuyển đổi số năm 2026"})
    third = client.get(url)

    assert len(renders) == 2  # the edit made a new document
    assert "Thi đua chuyển đổi số năm 2026" in pdf_text(third.content)
    client.get(url)
    assert len(renders) == 2


@pytest.mark.django_db
def test_cached_documents_live_in_the_default_storage(settings):
    key = doccache.document_key("thu", "<p>dữ liệu</p>")
    made = doccache.get_or_render("thu", "<p>dữ liệu</p>", lambda: b"%PDF-1 one")
    again = doccache.get_or_render("thu", "<p>dữ liệu</p>", lambda: b"%PDF-1 two")

    assert made == again == b"%PDF-1 one"
    path = f"generated/thu/{key[:2]}/{key}.pdf"
    assert default_storage.exists(path)
    assert (settings.MEDIA_ROOT / path).read_bytes() == b"%PDF-1 one"


def test_the_key_follows_kind_data_and_template_version(settings):
    base = doccache.document_key("plan", "<p>a</p>")
    assert doccache.document_key("plan", "<p>b</p>") != base
    assert doccache.document_key("decision", "<p>a</p>") != base
    settings.DOCUMENT_CACHE_VERSION = "2"
    assert doccache.document_key("plan", "<p>a</p>") != base


@pytest.mark.django_db
def test_a_broken_storage_still_serves_the_document(monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr(default_storage, "save", refuse)
    assert doccache.get_or_render("thu", "x", lambda: b"%PDF-1 x") == b"%PDF-1 x"
