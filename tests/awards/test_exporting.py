from awards.exporting import export_awards
from campaigns.exporting import registered_exporters
from tests.pdf import pdf_text


def test_awards_exporter_is_registered():
    assert export_awards in registered_exporters()


def test_export_writes_decision_certificates_register_and_proposal(issued, tmp_path):
    written = export_awards(issued.campaign, tmp_path)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    assert names == [
        "khen-thuong/giay-khen.pdf",
        "khen-thuong/ho-so-de-nghi-bang-khen.zip",
        "khen-thuong/quyet-dinh-khen-thuong.pdf",
        "khen-thuong/so-khen-thuong.xlsx",
        "khen-thuong/to-trinh-de-nghi-bang-khen.pdf",
    ]
    assert "Số: 01/QĐ-UBND" in pdf_text((tmp_path / "khen-thuong/quyet-dinh-khen-thuong.pdf").read_bytes())
    before = {p: p.read_bytes() for p in written}
    again = export_awards(issued.campaign, tmp_path)
    assert {p: p.read_bytes() for p in again}.keys() == before.keys()
    assert (tmp_path / "khen-thuong/so-khen-thuong.xlsx").read_bytes() == before[
        tmp_path / "khen-thuong/so-khen-thuong.xlsx"
    ]


def test_export_without_a_decision_writes_nothing(campaign, tmp_path, monkeypatch):
    monkeypatch.setattr("awards.selectors.council_result", lambda c: ([], None, False))
    assert export_awards(campaign, tmp_path) == []
