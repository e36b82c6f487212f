"""System check: documents need WeasyPrint's libraries and a font with Vietnamese glyphs.

`manage.py check` (and so runserver, migrate, the worker) fails with core.E001 when WeasyPrint
cannot load Pango/HarfBuzz, and with core.E002 when settings.PDF_FONT_FAMILY is not installed
with every Vietnamese letter. Set PDF_SKIP_CHECKS=1 only on machines that never print.
"""

import shutil
import subprocess  # nosec B404  # fc-list only, with a fixed argument list

from django.conf import settings
from django.core.checks import Error, Tags, register

# Letters that Latin-1 fonts lack: every tone on ă, â, ê, ô, ơ, ư, and đ.
VIETNAMESE_SAMPLE = "ẮẰẲẴẶắằẳẵặẤẦẨẪẬấầẩẫậẾỀỂỄỆếềểễệỐỒỔỖỘốồổỗộỚỜỞỠỢớờởỡợỨỪỬỮỰứừửữựđĐ"

FONT_HINT = (
    "Cài phông chữ (Debian: apt-get install fontconfig fonts-liberation2 fonts-noto-core) "
    "hoặc đặt biến môi trường PDF_FONT_FAMILY là một phông đã cài có đủ dấu tiếng Việt "
    "(xem: fc-list :lang=vi family)."
)


def _load_weasyprint():
    """Import WeasyPrint, which loads Pango and HarfBuzz through cffi (OSError when they are missing)."""
    import weasyprint  # deferred: the import itself is what the check tests

    return weasyprint


def _font_covers_vietnamese(family: str) -> bool | None:
    """Whether fontconfig knows `family` with every letter of the sample; None when fc-list is missing."""
    if not shutil.which("fc-list"):
        return None
    charset = " ".join(f"{ord(ch):x}" for ch in sorted(set(VIETNAMESE_SAMPLE)))
    try:
        out = subprocess.run(  # nosec B603 B607  # fc-list from PATH, arguments from settings, no shell
            ["fc-list", f"{family}:charset={charset}", "family"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    # fc-list prints "Family A,Family B" per face: require the exact family among them.
    wanted = family.strip().casefold()
    return any(wanted in (name.strip().casefold() for name in line.split(",")) for line in out.splitlines())


@register(Tags.compatibility)
def check_pdf_support(app_configs=None, **kwargs):
    if settings.PDF_SKIP_CHECKS:
        return []
    errors = []
    try:
        _load_weasyprint()
    except (OSError, ImportError) as exc:
        first_line = (str(exc).splitlines() or [exc.__class__.__name__])[0]
        errors.append(
            Error(
                f"Không tải được thư viện tạo PDF (WeasyPrint): {first_line}",
                hint=(
                    "Cài các gói Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
                    "libharfbuzz-subset0 (make run tự cài), rồi chạy lại."
                ),
                id="core.E001",
            )
        )
    family = settings.PDF_FONT_FAMILY
    covered = _font_covers_vietnamese(family)
    if covered is None:
        errors.append(
            Error(
                "Không kiểm tra được phông chữ in văn bản: thiếu chương trình fc-list (fontconfig).",
                hint=FONT_HINT,
                id="core.E002",
            )
        )
    elif not covered:
        errors.append(
            Error(
                f"Chưa cài phông chữ “{family}” (PDF_FONT_FAMILY) có đủ dấu tiếng Việt để in văn bản PDF.",
                hint=FONT_HINT,
                id="core.E002",
            )
        )
    return errors
