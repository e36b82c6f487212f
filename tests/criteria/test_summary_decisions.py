"""Section IV of the summary report is built from the issued decisions the awards app reports through
criteria.registry: number, date, awardees and amounts; "chưa ban hành" only when none exists."""

from datetime import date

import pytest
import time_machine

from criteria import registry
from criteria.documents import decision_sentence, dossier_sentence, summary_pdf
from criteria.registry import AwardLine, IssuedDecision
from tests.pdf import assert_official_format, pdf_text


@pytest.fixture
def providers(monkeypatch):
    """The registry emptied for the test (awards registers its real provider at start-up)."""
    monkeypatch.setattr(registry, "_providers", {})
    return registry


DECISION = IssuedDecision(
    reference="05/QĐ-UBND",
    decision_date=date(2026, 2, 5),
    signer="Trần Quốc Bảo",
    lines=[
        AwardLine("Tổ Tiếp nhận và trả kết quả", "Giấy khen", 1_410_000, collective=True),
        AwardLine("Bà Lê Thị Thu Hà", "Giấy khen", 710_000),
    ],
)


def test_awards_registers_its_provider_at_start_up():
    from awards.summary import issued_decisions_for_summary

    assert issued_decisions_for_summary in registry._providers.values()


@time_machine.travel("2026-02-10 09:00 +0700", tick=False)
def test_summary_lists_the_issued_decision_with_awardees_and_amounts(providers, campaign, targets, period):
    providers.register_award_summary(lambda c: [DECISION] if c == campaign else [])
    data = summary_pdf(campaign)
    text = pdf_text(data)
    assert "Quyết định số 05/QĐ-UBND ngày 05/02/2026" in text
    assert "khen thưởng 01 tập thể và 01 cá nhân với tổng số tiền thưởng 2.120.000 đồng" in text
    assert "Tổ Tiếp nhận và trả kết quả Giấy khen 1.410.000" in text
    assert "Bà Lê Thị Thu Hà Giấy khen 710.000" in text
    assert "Tổng cộng 2.120.000" in text
    assert "chưa ban hành" not in text and "chưa được ghi nhận" not in text
    assert_official_format(data)


@time_machine.travel("2026-02-10 09:00 +0700", tick=False)
def test_summary_says_not_issued_only_without_a_decision(providers, campaign, targets, period):
    text = pdf_text(summary_pdf(campaign))
    assert "Quyết định khen thưởng của phong trào chưa ban hành." in text
    assert "Quyết định số" not in text


def test_section_iv_sentences_follow_the_data():
    assert decision_sentence([]) == "Quyết định khen thưởng của phong trào chưa ban hành."
    assert decision_sentence([DECISION]).startswith(
        "Chủ tịch Ủy ban nhân dân phường đã ban hành Quyết định số 05/QĐ-UBND ngày 05/02/2026"
    )
    assert dossier_sentence(None) == "Chưa có hồ sơ đề nghị khen thưởng nào được ghi nhận trên hệ thống."
    assert dossier_sentence([("draft", "Đang soạn", 0), ("accepted", "Đã tiếp nhận", 6)]) == (
        "Tổng số hồ sơ đề nghị khen thưởng: 6, trong đó đã tiếp nhận: 6."
    )


def test_criteria_never_looks_an_app_up_by_name():
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "criteria" / "documents.py").read_text()
    assert "get_model" not in source and "decisions.Award" not in source
