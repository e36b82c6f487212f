"""export_campaign: the year-end summary (PDF) and the Excel workbooks, under tong-ket/ in the campaign folder.

Found by the registry's autodiscovery (campaigns.exporting.registered_exporters).
"""

from pathlib import Path

from campaigns.exporting import register_exporter, write_file
from campaigns.models import Campaign

FOLDER = "tong-ket"


@register_exporter
def export_criteria_reports(campaign: Campaign, directory: Path) -> list[Path]:
    """bao-cao-tong-ket.pdf, ket-qua-tieu-chi.xlsx and, once dossiers exist, ho-so-de-nghi-khen-thuong.xlsx."""
    from .documents import summary_pdf
    from .workbooks import criteria_workbook, dossiers_workbook

    folder = directory / FOLDER
    written = [
        write_file(folder / "bao-cao-tong-ket.pdf", summary_pdf(campaign)),
        write_file(folder / "ket-qua-tieu-chi.xlsx", criteria_workbook(campaign)),
    ]
    dossiers = dossiers_workbook(campaign)
    if dossiers is not None:
        written.append(write_file(folder / "ho-so-de-nghi-khen-thuong.xlsx", dossiers))
    return written
