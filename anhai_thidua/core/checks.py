"""System check: documents need WeasyPrint's libraries and a font with Vietnamese glyphs."""

import shutil
import subprocess

from django.conf import settings
from django.core.checks import Error, Tags, register

VIETNAMESE_SAMPLE = "ẮẰẲẴẶắằẳẵặđĐơƠưƯ"


def _font_covers_vietnamese(family: str) -> bool:
    if not shutil.which("fc-list"):
        return False
    # fc-list with a charset filter lists only fonts holding every character of the sample.
    charset = " ".join(f"{ord(ch):x}" for ch in VIETNAMESE_SAMPLE)
    out = subprocess.run(
        ["fc-list", f"{family}:charset={charset}", "family"], capture_output=True, text=True, timeout=20
    ).stdout
    return bool(out.strip())


@register(Tags.compatibility, deploy=False)
def check_pdf_support(app_configs=None, **kwargs):
    if settings.PDF_SKIP_CHECKS:
        return []
    errors = []
    try:
        import weasyprint  # noqa: F401  (loads Pango and HarfBuzz through cffi)
    except (OSError, ImportError) as exc:
        errors.append(
            Error(
                "Không tải được thư viện tạo PDF (WeasyPrint): " + str(exc).splitlines()[0],
                hint="Cài các gói Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0",
                id="core.E001",
            )
        )
    if not _font_covers_vietnamese(settings.PDF_FONT_FAMILY):
        errors.append(
            Error(
                f"Không có phông chữ “{settings.PDF_FONT_FAMILY}” đủ dấu tiếng Việt để in văn bản.",
                hint="Cài các gói Debian: apt-get install fonts-liberation2 fonts-noto-core fontconfig",
                id="core.E002",
            )
        )
    return errors
