"""The NĐ 30 format checker in tests/pdf.py catches what it claims to (it must be able to fail)."""

import pytest
from weasyprint import HTML

from tests.pdf import assert_official_format

HEAD = """<style>@page {{ size: A4; margin: 20mm 15mm 20mm 30mm }} body {{ font-family: 'Liberation Serif' }}
.qh {{ font-weight: bold; font-size: 12pt }} .tn {{ font-weight: bold; font-size: 13pt }}
.date {{ font-style: {date_style} }} .nn {{ font-weight: bold; font-style: italic; font-size: 12pt }}</style>
<p class="qh">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p class="tn">Độc lập - Tự do - Hạnh phúc</p>
<p>Số: 01/QĐ-UBND</p><p class="date">An Hải, ngày 05 tháng 02 năm 2026</p>{tail}"""
RECIPIENTS = '<p class="nn">Nơi nhận:</p><p>- Như Điều 3;</p><p>- Lưu: VT, VHXH.</p>'


def _pdf(date_style="italic", tail=RECIPIENTS) -> bytes:
    return HTML(string=HEAD.format(date_style=date_style, tail=tail)).write_pdf()


def test_official_format_accepts_a_well_formed_page():
    runs = assert_official_format(_pdf())
    assert any(run.text == "Số: 01/QĐ-UBND" for run in runs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"date_style": "normal"}, "italics"),
        ({"tail": ""}, "Nơi nhận"),
        ({"tail": '<p class="nn">Nơi nhận:</p><p>- Như Điều 3;</p>'}, "Lưu"),
    ],
)
def test_official_format_refuses_what_nd30_does_not_allow(kwargs, message):
    with pytest.raises(AssertionError, match=message):
        assert_official_format(_pdf(**kwargs))


def test_official_format_refuses_a_landscape_page_as_portrait():
    with pytest.raises(AssertionError, match="not A4"):
        assert_official_format(HTML(string="<style>@page { size: A4 landscape }</style>x").write_pdf())
