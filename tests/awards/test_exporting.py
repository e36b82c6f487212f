from awards.exporting import export_awards
from campaigns.exporting import registered_exporters
from tests.pdf import pdf_text


def test_awards_exporter_is_registered():
    assert export_awards in registered_exporters()


def test_export_writes_decision_certificates_register_and_proposal(issued, tmp_path):
    written = export_awards(issued.campaign, tmp_path)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    assert names == [
        "khen-thuong/bien-ban-hoi-dong.pdf",
        "khen-thuong/danh-sach-chi-tien-thuong.pdf",
        "khen-thuong/giay-khen.pdf",
        "khen-thuong/ho-so-de-nghi-bang-khen.zip",
        "khen-thuong/quyet-dinh-khen-thuong.pdf",
        "khen-thuong/so-khen-thuong.xlsx",
        "khen-thuong/to-trinh-de-nghi-bang-khen.pdf",
        "khen-thuong/to-trinh-vhxh.pdf",
    ]
    assert "Số: 01/QĐ-UBND" in pdf_text((tmp_path / "khen-thuong/quyet-dinh-khen-thuong.pdf").read_bytes())
    minutes = pdf_text((tmp_path / "khen-thuong/bien-ban-hoi-dong.pdf").read_bytes())
    assert "BIÊN BẢN" in minutes and "02/02/2026" in minutes.replace(" tháng ", "/").replace(" năm ", "/")
    office = pdf_text((tmp_path / "khen-thuong/to-trinh-vhxh.pdf").read_bytes())
    assert "Số: 01/TTr-VHXH" in office and "Kính gửi: Chủ tịch Ủy ban nhân dân phường An Hải" in office
    payments = pdf_text((tmp_path / "khen-thuong/danh-sach-chi-tien-thuong.pdf").read_bytes())
    assert (
        "DANH SÁCH CHI TIỀN THƯỞNG" in payments
        and "4.250.000 đồng (Bốn triệu hai trăm năm mươi nghìn đồng)" in payments
    )
    before = {p: p.read_bytes() for p in written}
    again = export_awards(issued.campaign, tmp_path)
    assert {p: p.read_bytes() for p in again}.keys() == before.keys()
    assert (tmp_path / "khen-thuong/so-khen-thuong.xlsx").read_bytes() == before[
        tmp_path / "khen-thuong/so-khen-thuong.xlsx"
    ]


def test_export_before_the_council_has_voted_writes_nothing(result, unit_a, tmp_path):
    result.add(unit_a)  # accepted, waiting for the council, which has not met
    assert export_awards(result.campaign, tmp_path) == []
    assert list(tmp_path.iterdir()) == []
