"""Digitally signed decisions: the final PDF to sign, the office's upload (accepted or refused), the agency's
signature, the public pages, the register and the export, and the scan path without certificates."""

import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from anhai_thidua.core.audit import AuditEntry
from anhai_thidua.core.uploads import stored_file_path
from awards.models import DecisionSignatureUpload, SignedDecision
from awards.signing import pki as app_pki
from awards.signing import services
from awards.signing.enums import AGENCY_FIELD, SIGNER_FIELD
from tests.pdf import pdf_text

from .signing_pki import add_dss, crl, make_pki, sign_external

AGENCY = "ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI"


@pytest.fixture(scope="module")
def test_pki():
    # The chairman of tests/conftest.py is "Trần Quốc Bảo"; his certificate writes the name in capitals.
    return make_pki("TRẦN QUỐC BẢO", "Lê Thị Thu Hà", AGENCY)


@pytest.fixture
def trust(settings, tmp_path, test_pki):
    settings.TRUST_ROOTS_DIR = str(test_pki.write_trust_roots(tmp_path / "trust"))
    settings.AGENCY_PKCS12_PATH = ""
    settings.TSA_URL = ""
    return test_pki


@pytest.fixture
def agency(settings, tmp_path, trust):
    path = tmp_path / "agency.p12"
    path.write_bytes(trust.agency.pkcs12(b"mat-khau"))
    settings.AGENCY_PKCS12_PATH = str(path)
    settings.AGENCY_PKCS12_PASSWORD = "mat-khau"
    return trust


@pytest.fixture
def final_pdf(issued, login, office_user):
    """The final PDF for signing, as the office downloads it."""
    response = login(office_user).get(reverse("awards:signing_pdf", args=[issued.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _upload(client, decision, data: bytes, *, name="qd-da-ky.pdf", kind="digital"):
    field = "signed_file" if kind == "digital" else "scan_file"
    return client.post(
        reverse("awards:signing", args=[decision.pk]),
        {"kind": kind, field: SimpleUploadedFile(name, data, content_type="application/pdf")},
    )


def _signatures(data: bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    reader = PdfFileReader(io.BytesIO(data))
    vc = app_pki.validation_context()
    return [(sig, validate_pdf_signature(sig, vc)) for sig in reader.embedded_signatures]


# ---- the final PDF for signing ------------------------------------------------------------------------------


def test_final_pdf_has_an_empty_signature_field_between_title_and_name(final_pdf, issued, login, office_user):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    from awards.signing.pdf import _text_runs

    record = SignedDecision.objects.get(decision=issued)
    assert stored_file_path(record.issued_path).read_bytes() == final_pdf
    again = login(office_user).get(reverse("awards:signing_pdf", args=[issued.pk]))
    assert b"".join(again.streaming_content) == final_pdf  # the document of record: same bytes every time
    fields = list(enumerate_sig_fields(PdfFileReader(io.BytesIO(final_pdf))))
    assert [(name, value) for name, value, _ref in fields] == [(SIGNER_FIELD, None)]  # empty
    x1, y1, x2, y2 = record.field_box
    runs = [r for r in _text_runs(final_pdf) if r[0] == record.field_page]
    name_y = next(r[3] for r in runs if r[1] == "Trần Quốc Bảo")
    title_y = next(r[3] for r in runs if r[1] == "CHỦ TỊCH")
    assert name_y < y1 < y2 < title_y  # between the title and the name
    assert y2 - y1 > 50 and x2 - x1 > 150  # room for the signature image and the seal
    assert "Trần Quốc Bảo" in pdf_text(final_pdf) and "Số: 01/QĐ-UBND" in pdf_text(final_pdf)


def test_issuing_makes_the_final_pdf_after_commit(draft, chairman, django_capture_on_commit_callbacks):
    from awards.services import decision_issue

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decision_issue(decision=draft, actor=chairman)
    assert not SignedDecision.objects.exists()  # nothing before the issue commits
    for callback in callbacks:
        callback()
    record = SignedDecision.objects.get(decision=draft)
    data = stored_file_path(record.issued_path).read_bytes()
    assert record.issued_sha256 == hashlib.sha256(data).hexdigest() and record.issued_size == len(data)
    assert "Số: 01/QĐ-UBND" in pdf_text(data)


def test_broker_down_at_issue_loses_nothing(issued, monkeypatch, login, office_user):
    from awards.signing import tasks

    SignedDecision.objects.all().delete()

    def down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.make_issued_record, "apply_async", down)
    services.issued_record_queue(decision_id=issued.pk)  # logged, not raised
    response = login(office_user).get(reverse("awards:signing_pdf", args=[issued.pk]))
    assert response.status_code == 200 and SignedDecision.objects.filter(decision=issued).count() == 1


def test_final_pdf_only_for_issued_decisions(draft, login, office_user):
    response = login(office_user).get(reverse("awards:signing_pdf", args=[draft.pk]))
    assert response.status_code == 404
    assert not SignedDecision.objects.exists()


# ---- the office's upload ------------------------------------------------------------------------------------


def test_signed_decision_accepted(trust, final_pdf, issued, login, office_user):
    signed = sign_external(final_pdf, trust.issuer)
    response = _upload(login(office_user), issued, signed)
    assert response.status_code == 302
    record = SignedDecision.objects.get(decision=issued)
    assert record.kind == "digital"
    assert record.signer_name == "TRẦN QUỐC BẢO"
    assert stored_file_path(record.signed_path).read_bytes() == signed
    report = record.report
    assert report["valid"] is True and report["unchanged_since_issue"] is True
    (sig,) = report["signatures"]
    assert sig["field"] == SIGNER_FIELD and sig["trusted"] and sig["intact"] and sig["is_issuer"]
    assert sig["changed_after_signing"] is False and sig["coverage"] == "ENTIRE_FILE"
    assert sig["signing_time"].startswith("2026-02-05T09:00")
    assert sig["revocation_checked"] is False  # no revocation data embedded
    assert record.agency_status == "none"  # no agency key configured
    upload = DecisionSignatureUpload.objects.get()
    assert upload.accepted and upload.sha256 == record.signed_sha256
    assert AuditEntry.objects.filter(action="decision_signed_upload", object_id=issued.pk).count() == 1


def _refused(client, decision, data, expected: str):
    response = _upload(client, decision, data)
    assert response.status_code == 400
    errors = response.context["signed_form"].errors["signed_file"]
    assert any(expected in e for e in errors), errors
    record = SignedDecision.objects.get(decision=decision)
    assert record.kind == "" and record.signed_path == ""
    upload = DecisionSignatureUpload.objects.latest("id")
    assert not upload.accepted and expected in upload.reason
    assert AuditEntry.objects.filter(action="decision_signed_refused", object_id=decision.pk).exists()
    return response


def test_page_changed_after_signing_refused(trust, final_pdf, issued, login, office_user):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    signed = sign_external(final_pdf, trust.issuer)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 100 Td (10.000.000) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)
    _refused(login(office_user), issued, out.getvalue(), "Văn bản đã bị thay đổi sau khi TRẦN QUỐC BẢO ký số")
    assert DecisionSignatureUpload.objects.get().report["signatures"][0]["changed_after_signing"] is True


def test_page_changed_before_signing_refused(trust, final_pdf, issued, login, office_user):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(final_pdf))
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 100 Td (10.000.000) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)
    signed = sign_external(out.getvalue(), trust.issuer)
    _refused(login(office_user), issued, signed, "đã bị thay đổi so với bản đã ban hành")


def test_different_document_refused(trust, final_pdf, issued, login, office_user):
    from awards.documents import proposal_pdf
    from awards.signing.pdf import add_signature_field

    other = add_signature_field(proposal_pdf(issued.campaign), page=0, box=(300, 100, 470, 180))
    _refused(
        login(office_user), issued, sign_external(other, trust.issuer), "không phải là Quyết định đã ban hành"
    )


def test_untrusted_chain_refused(trust, final_pdf, issued, login, office_user):
    signed = sign_external(final_pdf, trust.untrusted_issuer)  # the issuer's name, from an unknown CA
    _refused(login(office_user), issued, signed, "không thuộc tổ chức cung cấp dịch vụ chứng thực")


def test_signer_who_is_not_the_issuer_refused(trust, final_pdf, issued, login, office_user):
    signed = sign_external(final_pdf, trust.other)
    response = _refused(login(office_user), issued, signed, "không phải của người ký ban hành")
    message = response.context["signed_form"].errors["signed_file"][0]
    assert message == (
        "Chữ ký số của Lê Thị Thu Hà, không phải của người ký ban hành Quyết định (Trần Quốc Bảo)."
    )
    assert "Lê Thị Thu Hà" in response.content.decode()  # shown on the form


def test_unsigned_file_and_non_pdf_refused(trust, final_pdf, issued, login, office_user):
    client = login(office_user)
    _refused(client, issued, final_pdf, "Tệp chưa có chữ ký số")
    response = _upload(client, issued, b"hello", name="qd.pdf")
    assert response.status_code == 400
    assert DecisionSignatureUpload.objects.filter(accepted=False).count() == 2


def test_embedded_revocation_data_checked(trust, final_pdf, issued, login, office_user, client):
    signed = add_dss(sign_external(final_pdf, trust.issuer), [crl(trust.intermediate, [trust.other])])
    assert _upload(login(office_user), issued, signed).status_code == 302
    (sig,) = SignedDecision.objects.get(decision=issued).report["signatures"]
    assert sig["revocation_checked"] is True and sig["revoked"] is False
    client.logout()
    page = client.get(reverse("awards:public")).content.decode()
    assert "Chứng thư số chưa bị thu hồi (theo thông tin thu hồi kèm trong tệp)." in page


def test_revoked_certificate_refused(trust, final_pdf, issued, login, office_user):
    signed = add_dss(sign_external(final_pdf, trust.issuer), [crl(trust.intermediate, [trust.issuer])])
    _refused(login(office_user), issued, signed, "đã bị thu hồi")


def test_only_the_office_uploads(trust, final_pdf, issued, login, chairman, head_a, client):
    signed = sign_external(final_pdf, trust.issuer)
    page = login(chairman).get(reverse("awards:signing", args=[issued.pk])).content.decode()
    assert (
        "Tải bản cuối để ký số (PDF)" in page and "Tải lên bản đã ký số" not in page
    )  # he signs, not uploads
    response = _upload(client, issued, signed)
    assert response.status_code == 403
    client.logout()
    assert login(head_a).get(reverse("awards:signing_pdf", args=[issued.pk])).status_code == 403
    assert not DecisionSignatureUpload.objects.exists()


def test_accepted_digital_copy_is_final(trust, final_pdf, issued, office_user):
    signed = sign_external(final_pdf, trust.issuer)
    services.signed_decision_upload(
        decision=issued, actor=office_user, file=SimpleUploadedFile("a.pdf", signed)
    )
    from anhai_thidua.core.domain import DomainError

    with pytest.raises(DomainError, match="bản ký số"):
        services.scan_upload(decision=issued, actor=office_user, file=SimpleUploadedFile("b.pdf", final_pdf))


# ---- the agency's signature ---------------------------------------------------------------------------------


def test_agency_signature_added_and_verified(
    agency, final_pdf, issued, login, office_user, django_capture_on_commit_callbacks
):
    signed = sign_external(final_pdf, agency.issuer)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(login(office_user), issued, signed)
    assert response.status_code == 302
    record = SignedDecision.objects.get(decision=issued)
    assert record.agency_status == "done", record.agency_error
    assert record.agency_name == AGENCY
    data = stored_file_path(record.agency_path).read_bytes()
    assert data.startswith(signed)  # the office's signed file, plus the agency's signature
    results = _signatures(data)
    assert [sig.field_name for sig, _s in results] == [SIGNER_FIELD, AGENCY_FIELD]
    assert all(status.bottom_line for _sig, status in results)
    assert [app_pki.common_name(sig.signer_cert) for sig, _s in results] == ["TRẦN QUỐC BẢO", AGENCY]
    assert record.report["valid"] and len(record.report["signatures"]) == 2
    assert record.report["signatures"][0]["changed_after_signing"] is False  # the seal is an allowed update
    # Idempotent: a second delivery of the task changes nothing.
    assert services.agency_sign(record_id=record.pk) == "done"
    assert SignedDecision.objects.get(pk=record.pk).agency_sha256 == record.agency_sha256
    # The public file is the one with both signatures.
    served = login(office_user).get(reverse("awards:signed_pdf", args=[issued.pk]))
    assert b"".join(served.streaming_content) == data


def test_agency_signature_with_timestamp_when_tsa_configured(
    agency, settings, monkeypatch, final_pdf, issued, office_user, django_capture_on_commit_callbacks
):
    settings.TSA_URL = "http://tsa.example.vn/tsr"
    asked = []
    monkeypatch.setattr(
        "pyhanko.sign.timestamps.HTTPTimeStamper", lambda url: asked.append(url) or agency.tsa.timestamper()
    )
    signed = sign_external(final_pdf, agency.issuer)
    with django_capture_on_commit_callbacks(execute=True):
        services.signed_decision_upload(
            decision=issued, actor=office_user, file=SimpleUploadedFile("a.pdf", signed)
        )
    record = SignedDecision.objects.get(decision=issued)
    assert record.agency_status == "done", record.agency_error
    assert asked == ["http://tsa.example.vn/tsr"]
    (_signer, (_sig, status)) = _signatures(stored_file_path(record.agency_path).read_bytes())
    assert status.timestamp_validity is not None and status.timestamp_validity.valid  # PAdES B-T
    assert [s["timestamped"] for s in record.report["signatures"]] == [False, True]


def test_agency_signature_later_from_the_signing_page(
    trust, settings, tmp_path, final_pdf, issued, login, office_user, django_capture_on_commit_callbacks
):
    client = login(office_user)
    _upload(client, issued, sign_external(final_pdf, trust.issuer))
    assert SignedDecision.objects.get(decision=issued).agency_status == "none"
    assert (
        "Ký số của cơ quan</button>"
        not in client.get(reverse("awards:signing", args=[issued.pk])).content.decode()
    )
    path = tmp_path / "agency.p12"  # the ward gets its agency certificate afterwards
    path.write_bytes(trust.agency.pkcs12(b"pw"))
    settings.AGENCY_PKCS12_PATH, settings.AGENCY_PKCS12_PASSWORD = str(path), "pw"
    assert (
        "Ký số của cơ quan</button>"
        in client.get(reverse("awards:signing", args=[issued.pk])).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("awards:signing_agency", args=[issued.pk]))
    assert response.status_code == 302
    record = SignedDecision.objects.get(decision=issued)
    assert record.agency_status == "done" and record.agency_name == AGENCY
    assert len(record.report["signatures"]) == 2 and record.report["valid"]


def test_certificates_carry_the_agency_signature(
    agency, issued, office_user, django_capture_on_commit_callbacks
):
    from anhai_thidua.core.models import FileJob

    with django_capture_on_commit_callbacks(execute=True):
        job = services_certificates(issued, office_user)
    job = FileJob.objects.get(pk=job.pk)
    assert job.state == "done", job.error
    data = job.file.read()
    ((sig, status),) = _signatures(data)
    assert status.bottom_line and app_pki.common_name(sig.signer_cert) == AGENCY
    assert "Trần Quốc Bảo" in pdf_text(data)


def services_certificates(decision, actor):
    from awards.services import certificate_job_request

    return certificate_job_request(decision=decision, actor=actor, blank_mode=False)


def test_certificates_unsigned_without_agency_key(
    trust, issued, office_user, django_capture_on_commit_callbacks
):
    from anhai_thidua.core.models import FileJob

    with django_capture_on_commit_callbacks(execute=True):
        job = services_certificates(issued, office_user)
    data = FileJob.objects.get(pk=job.pk).file.read()
    assert _signatures(data) == []


# ---- publication ------------------------------------------------------------------------------------------


def test_public_pages_show_the_signature_and_serve_the_file(
    trust, final_pdf, issued, login, office_user, client
):
    signed = sign_external(final_pdf, trust.issuer)
    services.signed_decision_upload(
        decision=issued, actor=office_user, file=SimpleUploadedFile("a.pdf", signed)
    )
    client.logout()
    page = client.get(reverse("awards:public")).content.decode()
    assert "Đã ký số bởi TRẦN QUỐC BẢO, lúc 05/02/2026 09:00" in page
    assert "Chữ ký số hợp lệ, chứng thư số được tin cậy." in page
    assert "Văn bản không bị thay đổi sau khi ký." in page
    assert "Tệp không kèm thông tin thu hồi chứng thư số." in page
    award = issued.awards.first()
    verify = client.get(reverse("award_verify", args=[award.verify_token])).content.decode()
    assert "Đã ký số bởi TRẦN QUỐC BẢO, lúc 05/02/2026 09:00" in verify
    served = client.get(reverse("awards:signed_pdf", args=[issued.pk]))
    assert served.status_code == 200 and b"".join(served.streaming_content) == signed
    report = json.loads(client.get(reverse("awards:signed_report", args=[issued.pk])).content)
    assert report["valid"] is True and report["signer"] == "TRẦN QUỐC BẢO"


def test_public_page_query_count_does_not_grow(trust, final_pdf, issued, office_user, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The signed record comes with the decisions (select_related): signing adds no query to the pages.
    award = issued.awards.first()
    urls = [reverse("awards:public"), reverse("award_verify", args=[award.verify_token])]

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            result.append(len(ctx))
        return result

    before = counts()
    signed = sign_external(final_pdf, trust.issuer)
    services.signed_decision_upload(
        decision=issued, actor=office_user, file=SimpleUploadedFile("a.pdf", signed)
    )
    assert counts() == before
    assert "Đã ký số bởi" in client.get(urls[0]).content.decode()


def test_nothing_public_before_upload(issued, client):
    assert client.get(reverse("awards:signed_pdf", args=[issued.pk])).status_code == 404
    assert "Đã ký số bởi" not in client.get(reverse("awards:public")).content.decode()


def test_register_and_export_carry_signed_file_and_report(
    trust, final_pdf, issued, office_user, login, tmp_path
):
    from awards.exporting import export_awards  # noqa: F401 - loads the signing exporter too
    from awards.signing.exporting import export_signed_decision
    from campaigns.exporting import registered_exporters

    signed = sign_external(final_pdf, trust.issuer)
    record = services.signed_decision_upload(
        decision=issued, actor=office_user, file=SimpleUploadedFile("a.pdf", signed)
    )
    response = login(office_user).get(reverse("awards:register_xlsx", args=[issued.campaign.slug]))
    sheet = load_workbook(io.BytesIO(response.content))["Ky so"]
    row = [c.value for c in sheet[2]]
    assert row[0] == "01/QĐ-UBND" and row[2] == "Bản điện tử đã ký số" and row[3] == "TRẦN QUỐC BẢO"
    assert row[4] == "05/02/2026 09:00" and row[5] == "Hợp lệ"
    assert row[7].endswith(reverse("awards:signed_pdf", args=[issued.pk]))
    assert sheet.cell(row=2, column=8).hyperlink.target == row[7]
    assert row[8] == record.signed_sha256 and json.loads(row[9])["valid"] is True
    assert export_signed_decision in registered_exporters()
    written = export_signed_decision(issued.campaign, tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [
        "khen-thuong/quyet-dinh-khen-thuong-da-ky-so.pdf",
        "khen-thuong/xac-thuc-chu-ky-so.json",
    ]
    assert Path(written[0]).read_bytes() == signed
    assert json.loads(Path(written[1]).read_text())["signer"] == "TRẦN QUỐC BẢO"


# ---- without certificates: the scan ---------------------------------------------------------------------------


def test_scan_path(final_pdf, issued, login, office_user, client, tmp_path):
    from tests.pdf import MINIMAL_PDF

    scan = MINIMAL_PDF  # a real (blank) PDF: uploads are opened with pikepdf
    response = _upload(login(office_user), issued, scan, name="QĐ 01 bản quét.pdf", kind="scan")
    assert response.status_code == 302
    record = SignedDecision.objects.get(decision=issued)
    assert record.kind == "scan" and record.signer_name == "Trần Quốc Bảo" and record.signed_at is None
    assert AuditEntry.objects.filter(action="decision_signed_upload", to_state="scan").count() == 1
    client.logout()
    page = client.get(reverse("awards:public")).content.decode()
    assert "Bản giấy đã ký, đóng dấu (bản quét)" in page and "Đã ký số bởi" not in page
    served = client.get(reverse("awards:signed_pdf", args=[issued.pk]))
    assert b"".join(served.streaming_content) == scan
    from awards.signing.exporting import export_signed_decision

    written = export_signed_decision(issued.campaign, tmp_path)
    assert written[0].name == "quyet-dinh-khen-thuong-ban-quet.pdf"


# ---- names and trust roots ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("certificate", "person", "match"),
    [
        ("TRẦN QUỐC BẢO", "Trần Quốc Bảo", True),
        ("Tran Quoc Bao", "Trần Quốc Bảo", True),
        ("Tra\u0300n Quo\u0302\u0301c Ba\u0309o", "Trần Quốc Bảo", True),  # NFD from some tokens
        ("UBND phường An Hải - Trần Quốc Bảo", "Trần Quốc Bảo", True),
        ("Trần Quốc Bảo Anh", "Trần Quốc Bảo", False),
        ("Đoàn Văn Quý", "Doan Van Quy", True),
        ("Lê Thị Thu Hà", "Trần Quốc Bảo", False),
    ],
)
def test_names_match(certificate, person, match):
    assert app_pki.names_match(certificate, person) is match


def test_trust_store_reads_pem_and_der(trust, settings):
    roots, intermediates = app_pki.trust_store()
    assert [app_pki.common_name(c) for c in roots] == ["Test Root CA An Hai"]
    assert [app_pki.common_name(c) for c in intermediates] == ["Test Government CA An Hai"]
