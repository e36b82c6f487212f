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
