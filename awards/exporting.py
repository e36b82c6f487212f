"""export_campaign: the council's minutes, the award decision, the
certificates, the award register and the proposal to the city with its archive.

Layout inside the campaign folder:
    khen-thuong/bien-ban-hoi-dong.pdf            (council.documents.minutes_pdf, once the council has met)
    khen-thuong/to-trinh-vhxh.pdf                (the office's tờ trình to the ward chairman)
    khen-thuong/quyet-dinh-khen-thuong.pdf
    khen-thuong/danh-sach-chi-tien-thuong.pdf    (issued decisions only)
    khen-thuong/giay-khen.pdf                    (issued decisions only)
    khen-thuong/so-khen-thuong.xlsx
    khen-thuong/to-trinh-de-nghi-bang-khen.pdf   (when nominees are proposed)
    khen-thuong/ho-so-de-nghi-bang-khen.zip
"""

from pathlib import Path

from campaigns.exporting import register_exporter, write_file
from campaigns.models import Campaign
from council.documents import minutes_pdf
from council.models import Meeting

from .documents import (
    certificates_pdf,
    decision_pdf,
    payment_list_pdf,
    proposal_archive,
    proposal_pdf,
    submission_pdf,
)
from .selectors import campaign_outcomes, decision_for_campaign, proposal_nominees, submission_for_campaign
from .workbooks import award_register_workbook


def _minutes(campaign: Campaign) -> bytes | None:
    _outcomes, meeting_id = campaign_outcomes(campaign)
    if meeting_id is None:
        return None
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    return minutes_pdf(meeting) if meeting else None


@register_exporter
def export_awards(campaign: Campaign, directory: Path) -> list[Path]:
    """The award documents of the campaign (nothing when there is no tờ trình, decision or proposal)."""
    folder = directory / "khen-thuong"
    written: list[Path] = []
    decision = decision_for_campaign(campaign)
    submission = submission_for_campaign(campaign)
    if decision is not None:
        minutes = _minutes(campaign)
        if minutes:
            written.append(write_file(folder / "bien-ban-hoi-dong.pdf", minutes))
    if submission is not None:
        written.append(write_file(folder / "to-trinh-vhxh.pdf", submission_pdf(submission)))
    if decision is not None:
        written.append(write_file(folder / "quyet-dinh-khen-thuong.pdf", decision_pdf(decision)))
        if decision.is_issued:
            written.append(write_file(folder / "danh-sach-chi-tien-thuong.pdf", payment_list_pdf(decision)))
            written.append(write_file(folder / "giay-khen.pdf", certificates_pdf(decision, blank_mode=False)))
            written.append(
                write_file(folder / "so-khen-thuong.xlsx", award_register_workbook(campaign=campaign))
            )
    if proposal_nominees(campaign):
        written.append(write_file(folder / "to-trinh-de-nghi-bang-khen.pdf", proposal_pdf(campaign)))
        written.append(write_file(folder / "ho-so-de-nghi-bang-khen.zip", proposal_archive(campaign)))
    return written


# The signed decision and its validation report (awards/signing/exporting.py) register their own exporter.
from .signing import exporting as _signing_exporting  # noqa: E402, F401
