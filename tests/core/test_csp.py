"""Content-Security-Policy (django-csp): a strict policy on every page, and templates that obey it."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parents[2]
APP_TEMPLATE_DIRS = [p for p in BASE_DIR.glob("*/templates") if "node_modules" not in str(p)] + [
    BASE_DIR / "templates"
]
# Mail bodies and PDF sources are not pages: mail clients need inline styles, WeasyPrint renders PDFs offline.
NOT_PAGES = ("/emails/", "/pdf/")
INLINE = re.compile(r"""\sstyle\s*=|<style[\s>]|\son[a-z]+\s*=\s*["']|<script(?![^>]*\ssrc=)""", re.I)


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/dang-nhap/", "/khong-co-trang-nay/"])
def test_every_page_carries_the_strict_policy(client, url):
    response = client.get(url)
    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


@pytest.mark.django_db
def test_signed_in_page_carries_the_policy(login, office_user):
    response = login(office_user).get(reverse("home"))
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_no_template_has_an_inline_style_script_or_handler():
    offenders = []
    for folder in APP_TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            if any(part in str(path) for part in NOT_PAGES):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if INLINE.search(line):
                    offenders.append(f"{path.relative_to(BASE_DIR)}:{number}: {line.strip()[:120]}")
    assert offenders == [], "inline style/script/handler (blocked by the CSP):\n" + "\n".join(offenders)


def test_no_form_widget_sets_an_inline_style():
    from django import forms

    import campaigns.forms.rows as rows
    import criteria.plan_editor as plan_editor

    found = []
    for module in (rows, plan_editor):
        for name in dir(module):
            obj = getattr(module, name)
            if isinstance(obj, type) and issubclass(obj, forms.BaseForm):
                for field_name, field in obj.base_fields.items():
                    if "style" in field.widget.attrs:
                        found.append(f"{name}.{field_name}")
    assert found == []


def test_confirmations_use_the_data_attribute_script():
    script = (BASE_DIR / "static" / "js" / "app.js").read_text(encoding="utf-8")
    assert "data-confirm" in script and "window.confirm" in script
    detail = (BASE_DIR / "council" / "templates" / "council" / "detail.html").read_text(encoding="utf-8")
    assert 'data-confirm="{% translate "Kết thúc biểu quyết?' in detail


@pytest.mark.django_db
def test_outbox_mail_body_is_its_own_sandboxed_document(login, office_user):
    """A mail's HTML keeps its inline styles (mail clients need them) inside a sandbox with no script."""
    from notifications.models import OutboundEmail

    email = OutboundEmail.objects.create(
        to="a@example.vn",
        from_email="thidua@anhai.example.vn",
        subject="Thử",
        body_text="x",
        body_html='<p style="margin:0">Kính gửi</p>',
    )
    client = login(office_user)
    page = client.get(reverse("notifications:outbox_detail", args=[email.pk])).content.decode()
    assert f'src="{reverse("notifications:outbox_body", args=[email.pk])}"' in page and "srcdoc" not in page
    body = client.get(reverse("notifications:outbox_body", args=[email.pk]))
    policy = _directives(body["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"] and "script-src" not in policy
    assert "sandbox" in policy and policy["frame-ancestors"] == ["'self'"]
    assert body["X-Frame-Options"] == "SAMEORIGIN"
    assert body.content.decode() == '<p style="margin:0">Kính gửi</p>'
