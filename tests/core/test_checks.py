"""The PDF system check: WeasyPrint's libraries (core.E001) and a Vietnamese font (core.E002)."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from anhai_thidua.core import checks


def _ids(errors):
    return [error.id for error in errors]


def test_checks_pass_on_this_machine(settings):
    settings.PDF_SKIP_CHECKS = False
    assert checks.check_pdf_support() == []
    call_command("check", verbosity=0)


def test_checks_fail_with_e002_when_the_font_family_is_missing(settings):
    settings.PDF_SKIP_CHECKS = False
    settings.PDF_FONT_FAMILY = "Phông Không Tồn Tại"
    errors = checks.check_pdf_support()
    assert _ids(errors) == ["core.E002"]
    assert "“Phông Không Tồn Tại”" in errors[0].msg
    assert "PDF_FONT_FAMILY" in errors[0].msg
    assert "fonts-liberation2" in errors[0].hint
    with pytest.raises(SystemCheckError) as exc:
        call_command("check", verbosity=0)
    assert "core.E002" in str(exc.value)
    assert "Phông Không Tồn Tại" in str(exc.value)


def test_checks_fail_with_e002_for_a_font_without_vietnamese_letters(settings, monkeypatch):
    settings.PDF_SKIP_CHECKS = False
    # A family name that is only a prefix of an installed one does not count.
    settings.PDF_FONT_FAMILY = "Liberation"
    assert _ids(checks.check_pdf_support()) == ["core.E002"]


def test_checks_fail_with_e002_when_fontconfig_is_missing(settings, monkeypatch):
    settings.PDF_SKIP_CHECKS = False
    monkeypatch.setattr(checks.shutil, "which", lambda name: None)
    errors = checks.check_pdf_support()
    assert _ids(errors) == ["core.E002"]
    assert "fc-list" in errors[0].msg


def test_checks_fail_with_e001_when_weasyprint_cannot_load_its_libraries(settings, monkeypatch):
    settings.PDF_SKIP_CHECKS = False

    def broken():
        raise OSError(
            "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file\nmore"
        )

    monkeypatch.setattr(checks, "_load_weasyprint", broken)
    errors = checks.check_pdf_support()
    assert _ids(errors) == ["core.E001"]
    assert errors[0].msg == (
        "Không tải được thư viện tạo PDF (WeasyPrint): cannot load library 'libpango-1.0-0': "
        "libpango-1.0-0: cannot open shared object file"
    )
    assert "libpango-1.0-0" in errors[0].hint
    with pytest.raises(SystemCheckError, match="core.E001"):
        call_command("check", verbosity=0)


def test_checks_can_be_skipped(settings, monkeypatch):
    settings.PDF_SKIP_CHECKS = True
    settings.PDF_FONT_FAMILY = "Phông Không Tồn Tại"
    monkeypatch.setattr(checks, "_load_weasyprint", lambda: (_ for _ in ()).throw(OSError("x")))
    assert checks.check_pdf_support() == []
