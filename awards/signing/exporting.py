"""export_campaign: the signed decision (or its scan) and its validation report, beside the other award
documents:
    khen-thuong/quyet-dinh-khen-thuong-da-ky-so.pdf   (or -ban-quet.pdf)
    khen-thuong/xac-thuc-chu-ky-so.json
"""

import json
from pathlib import Path

from anhai_thidua.core.uploads import stored_file_path
from awards.enums import DecisionStatus
from campaigns.exporting import register_exporter, write_file
from campaigns.models import Campaign

from ..models import SignedDecision


@register_exporter
def export_signed_decision(campaign: Campaign, directory: Path) -> list[Path]:
    """The campaign's signed decision and its report (nothing before a signed copy is uploaded)."""
    record = (
        SignedDecision.objects.filter(decision__campaign=campaign, decision__status=DecisionStatus.ISSUED)
        .exclude(kind="")
        .select_related("decision")
        .first()
    )
    if record is None:
        return []
    folder = directory / "khen-thuong"
    suffix = "da-ky-so" if record.is_digital else "ban-quet"
    report = json.dumps(record.report, ensure_ascii=False, indent=2, sort_keys=True).encode()
    return [
        write_file(
            folder / f"quyet-dinh-khen-thuong-{suffix}.pdf", stored_file_path(record.final_path).read_bytes()
        ),
        write_file(folder / "xac-thuc-chu-ky-so.json", report),
    ]
