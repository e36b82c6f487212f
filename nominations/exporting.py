"""export_campaign: every dossier's documents (tờ trình, reports, minutes) and its uploaded files.

Layout inside the campaign folder:
    ho-so/<unit code>/to-trinh.pdf
    ho-so/<unit code>/bien-ban-hop.pdf
    ho-so/<unit code>/bao-cao-thanh-tich/<nn>-<name>.pdf
    ho-so/<unit code>/tai-lieu/<id>-<original name, ascii>
Withdrawn dossiers are left out.
"""

from pathlib import Path

from django.utils.text import slugify

from anhai_thidua.core.uploads import read_stored_file
from campaigns.exporting import register_exporter, write_file
from campaigns.models import Campaign

from .documents import achievement_report_pdf, dossier_cover_letter_pdf, unit_minutes_pdf
from .enums import DossierState
from .models import Dossier, UnitMinutes
from .selectors import dossier_detail


def _ascii(name: str) -> str:
    stem, dot, ext = name.replace("đ", "d").replace("Đ", "D").rpartition(".")
    if not dot:
        return slugify(name) or "tep"
    return f"{slugify(stem) or 'tep'}.{slugify(ext) or 'bin'}"


@register_exporter
def export_dossiers(campaign: Campaign, directory: Path) -> list[Path]:
    """Each unit's dossier: generated PDFs and the files the unit uploaded."""
    written: list[Path] = []
    dossiers = Dossier.objects.filter(campaign=campaign).exclude(state=DossierState.WITHDRAWN)
    for dossier in dossiers.select_related("campaign", "unit").order_by("unit__order", "unit__code"):
        folder = directory / "ho-so" / slugify(dossier.unit.code)
        detail = dossier_detail(dossier, with_history=False)
        written.append(write_file(folder / "to-trinh.pdf", dossier_cover_letter_pdf(dossier)))
        if UnitMinutes.objects.filter(dossier=dossier).exists():
            written.append(write_file(folder / "bien-ban-hop.pdf", unit_minutes_pdf(dossier)))
        for number, nominee in enumerate(detail.nominees, 1):
            name = f"{number:02d}-{slugify(_ascii(nominee.display_name).rsplit('.', 1)[0]) or 'de-nghi'}.pdf"
            written.append(write_file(folder / "bao-cao-thanh-tich" / name, achievement_report_pdf(nominee)))
        for attachment in detail.attachments:
            data = read_stored_file(attachment.file_path)  # local disk or object storage
            if data is not None:
                target = folder / "tai-lieu" / f"{attachment.pk}-{_ascii(attachment.original_name)}"
                written.append(write_file(target, data))
    return written
