"""The year-end summary of a campaign (báo cáo tổng kết) as a PDF in the official format (NĐ 30/2020/NĐ-CP)."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.text import slugify

from anhai_thidua.core.dates import date_line
from anhai_thidua.core.money import dong
from anhai_thidua.core.pdf import DocumentHeader, Signature, keep_numbers_with_words, render_pdf
from anhai_thidua.core.templatetags.counts import group_counts_text
from campaigns.enums import PlanSection
from campaigns.models import Campaign

from . import selectors
from .registry import IssuedDecision, issued_decisions


def summary_title(campaign: Campaign) -> str:
    title = campaign.title
    for prefix in ("Phát động ", "phát động "):
        if title.startswith(prefix):
            title = title[len(prefix) :]
            break
    return f"Tổng kết {title[:1].lower()}{title[1:]}"


@dataclass
class Summary:
    campaign: Campaign
    board: selectors.Dashboard
    registrations: list
    title: str
    date_line: str
    distribution: list[str]
    decisions: list[IssuedDecision]
    dossier_sentence: str
    decision_sentence: str

    @property
    def target_tables(self):
        """For each target: the units' validated figures, in unit order."""
        units = sorted(self.board.rows, key=lambda r: (r.unit.order, r.unit.name))
        return [
            (target, [(row.unit, row.results.get(target.pk)) for row in units])
            for target in self.board.targets
        ]

    @property
    def met_units(self) -> list:
        return [row for row in self.board.rows if row.validated and row.met == row.total_targets]


def dossier_sentence(states: list[tuple[str, str, int]] | None) -> str:
    """Section IV's first sentence, from the dossiers counted by state (empty states left out)."""
    total = sum(n for _s, _l, n in states or [])
    if not total:
        return "Chưa có hồ sơ đề nghị khen thưởng nào được ghi nhận trên hệ thống."
    parts = [f"{str(label).lower()}: {n}" for _s, label, n in states if n]
    return f"Tổng số hồ sơ đề nghị khen thưởng: {total}, trong đó {'; '.join(parts)}."


def decision_sentence(decisions: list[IssuedDecision]) -> str:
    """Whether a decision was issued, and how many awards and how much money in all: from the decisions."""
    if not decisions:
        return "Quyết định khen thưởng của phong trào chưa ban hành."
    lines = [line for d in decisions for line in d.lines]
    collectives = sum(1 for line in lines if line.collective)
    total = sum(d.total for d in decisions)
    awarded = group_counts_text(collectives, len(lines) - collectives) or "không tập thể, cá nhân nào"
    cited = "; ".join(f"Quyết định số {d.reference} ngày {d.decision_date:%d/%m/%Y}" for d in decisions)
    return (
        f"Chủ tịch Ủy ban nhân dân phường đã ban hành {cited}, khen thưởng {awarded} "
        f"với tổng số tiền thưởng {dong(total)}, cụ thể như sau:"
    )


def campaign_summary(campaign: Campaign, *, period_id=None, today: date | None = None) -> Summary:
    """Everything the summary shows, in a fixed number of queries."""
    today = today or timezone.localdate()
    board = selectors.campaign_dashboard(campaign, period_id=period_id, today=today)
    distribution = list(
        campaign.plan_items.filter(section=PlanSection.DISTRIBUTION)
        .order_by("order")
        .values_list("text", flat=True)
    )
    decisions = issued_decisions(campaign)
    return Summary(
        campaign=campaign,
        board=board,
        registrations=list(selectors.registration_list(campaign)),
        title=summary_title(campaign),
        date_line=date_line(campaign.place, today),
        distribution=distribution or ["Như trên;", "Lưu: VT, VHXH."],
        decisions=decisions,
        dossier_sentence=dossier_sentence(board.dossier_states),
        decision_sentence=decision_sentence(decisions),
    )


def summary_pdf(campaign: Campaign, *, period_id=None, today: date | None = None) -> bytes:
    """The year-end summary (Báo cáo tổng kết …/BC-UBND) as PDF bytes, with the shared NĐ 30 header and sign-off."""
    summary = campaign_summary(campaign, period_id=period_id, today=today)
    header = DocumentHeader(
        issuer=campaign.issuer,
        issuer_parent=campaign.issuer_parent,
        reference="\u00a0" * 6 + "/BC-UBND",
        date_line=summary.date_line,
    )
    signature = Signature(
        title=campaign.signer_title,
        name=campaign.signer_name,
        authority=campaign.signer_authority,
        capacity=campaign.signer_capacity,
    )
    return render_pdf(
        "criteria/pdf/summary.html",
        {
            "summary": summary,
            "campaign": campaign,
            "board": summary.board,
            "header": header,
            "doc_type": "BÁO CÁO",
            "doc_title": keep_numbers_with_words(summary.title),
            "signature": signature,
            "recipients": summary.distribution,
        },
    )


def summary_filename(campaign: Campaign) -> str:
    return f"bao-cao-tong-ket-{slugify(campaign.slug)}.pdf"
