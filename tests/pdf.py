"""Reading back a generated PDF, for assertions on its text."""

import io
import re
import unicodedata

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """The PDF's text in NFC with runs of whitespace collapsed to one space."""
    assert data[:5] == b"%PDF-", "not a PDF"
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def minimal_pdf() -> bytes:
    """A valid one-page PDF (uploads are opened with pikepdf, so a header alone no longer passes)."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


MINIMAL_PDF = minimal_pdf()
