"""The agency's signature from a key on a PKCS#11 token (issue 14: "a PKCS#12 file … or a PKCS#11 token").

A SoftHSM v2 token in a temporary folder stands in for the agency's USB token / HSM: the test agency key and
certificate of signing_pki.py are imported into it, then the decision and the certificates PDF are signed
through the app's own code path with only the AGENCY_PKCS11_* settings (no PKCS#12 file)."""

import os
import shutil
import subprocess  # nosec B404: softhsm2-util with fixed arguments, test only
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.models import SignedDecision
from awards.signing import pki as app_pki
from awards.signing import services
from awards.signing.enums import AGENCY_FIELD, SIGNER_FIELD

from .signing_pki import make_pki, sign_external

AGENCY = "ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI"
SOFTHSM_MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")
TOKEN, PIN, KEY_LABEL = "con-dau-an-hai", "123456", "agency-seal"


def _require_softhsm():
    if not SOFTHSM_MODULE.is_file() or shutil.which("softhsm2-util") is None:
        pytest.skip("softhsm2 is not installed (apt-get install softhsm2): no PKCS#11 token to test with")
    pytest.importorskip("pkcs11", reason="python-pkcs11 is not installed: pyHanko's PKCS#11 signer needs it")


@pytest.fixture(scope="session")
def token(tmp_path_factory):
    """A SoftHSM token holding the agency's private key (imported as PKCS#8) and its certificate object.
    Once per session: the PKCS#11 module reads SOFTHSM2_CONF once, when the process first loads it (a second
    token folder would be invisible to it), and the test run may interleave this file's tests with others."""
    _require_softhsm()
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    test_pki = make_pki("TRẦN QUỐC BẢO", "Lê Thị Thu Hà", AGENCY)
    agency = test_pki.agency
    key_pem = folder / "agency-key.pem"
    key_pem.write_bytes(
        agency.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    util = ["softhsm2-util"]
    run = {"check": True, "capture_output": True, "env": {**os.environ}}
    subprocess.run(
        [*util, "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "654321"], **run
    )  # nosec B603
    subprocess.run(  # nosec B603
        [*util, "--import", str(key_pem), "--token", TOKEN, "--pin", PIN, "--label", KEY_LABEL, "--id", "01"],
        **run,
    )
    key_pem.unlink()
    der = agency.cert.public_bytes(serialization.Encoding.DER)
    lib = pkcs11.lib(str(SOFTHSM_MODULE))
    with lib.get_token(token_label=TOKEN).open(rw=True, user_pin=PIN) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: KEY_LABEL,
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: agency.cert.subject.public_bytes(),
                Attribute.VALUE: der,
            }
        )
    yield test_pki
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous


@pytest.fixture
def pkcs11_agency(settings, tmp_path, token):
    settings.TRUST_ROOTS_DIR = str(token.write_trust_roots(tmp_path / "trust"))
    settings.TSA_URL = ""
    settings.AGENCY_PKCS12_PATH = ""  # only the token: the PKCS#11 settings alone make the agency signature
    settings.AGENCY_PKCS11_MODULE = str(SOFTHSM_MODULE)
    settings.AGENCY_PKCS11_TOKEN_LABEL = TOKEN
    settings.AGENCY_PKCS11_PIN = PIN
    settings.AGENCY_PKCS11_KEY_LABEL = KEY_LABEL
    settings.AGENCY_PKCS11_CERT_LABEL = ""
    settings.AGENCY_PKCS11_RAW_MECHANISM = True  # SoftHSM v2 has CKM_ECDSA but not CKM_ECDSA_SHA256
    return token


def _signatures(data: bytes):
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    reader = PdfFileReader(io.BytesIO(data))
    vc = app_pki.validation_context()
    return [(sig, validate_pdf_signature(sig, vc)) for sig in reader.embedded_signatures]


def test_the_token_signer_is_chosen_when_the_module_is_set(pkcs11_agency, settings, tmp_path):
    from pyhanko.sign.pkcs11 import PKCS11Signer
    from pyhanko.sign.signers import SimpleSigner

    path = tmp_path / "agency.p12"
    path.write_bytes(pkcs11_agency.agency.pkcs12(b"pw"))
    settings.AGENCY_PKCS12_PATH, settings.AGENCY_PKCS12_PASSWORD = str(path), "pw"
    with app_pki.agency_signer() as signer:  # both configured: the token wins
        assert isinstance(signer, PKCS11Signer)
        assert app_pki.common_name(signer.signing_cert) == AGENCY
    settings.AGENCY_PKCS11_MODULE = ""
    with app_pki.agency_signer() as signer:  # PKCS#12 otherwise
        assert isinstance(signer, SimpleSigner)


def test_wrong_pin_fails_the_agency_signature_with_the_error_shown(
    pkcs11_agency, settings, final_pdf_pkcs11, issued, office_user, django_capture_on_commit_callbacks
):
    settings.AGENCY_PKCS11_PIN = "000000"
    signed = sign_external(final_pdf_pkcs11, pkcs11_agency.issuer)
    with django_capture_on_commit_callbacks(execute=True):
        services.signed_decision_upload(
            decision=issued, actor=office_user, file=SimpleUploadedFile("a.pdf", signed)
        )
    record = SignedDecision.objects.get(decision=issued)
    assert record.agency_status == "failed"
    assert record.agency_error == f"AGENCY_PKCS11: cannot open the token '{TOKEN}': PinIncorrect"
    assert record.signed_path and not record.agency_path  # the office's signed file stays the record


@pytest.fixture
def final_pdf_pkcs11(issued, login, office_user):
    from django.urls import reverse

    response = login(office_user).get(reverse("awards:signing_pdf", args=[issued.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_decision_signed_by_the_agency_key_on_the_token(
    pkcs11_agency, final_pdf_pkcs11, issued, office_user, django_capture_on_commit_callbacks
):
    from anhai_thidua.core.uploads import stored_file_path

    signed = sign_external(final_pdf_pkcs11, pkcs11_agency.issuer)
    with django_capture_on_commit_callbacks(execute=True):
        services.signed_decision_upload(
            decision=issued, actor=office_user, file=SimpleUploadedFile("a.pdf", signed)
        )
    record = SignedDecision.objects.get(decision=issued)
    assert record.agency_status == "done", record.agency_error
    assert record.agency_name == AGENCY
    data = stored_file_path(record.agency_path).read_bytes()
    assert data.startswith(signed)
    results = _signatures(data)
    assert [sig.field_name for sig, _s in results] == [SIGNER_FIELD, AGENCY_FIELD]
    assert all(status.bottom_line for _sig, status in results)
    assert [app_pki.common_name(sig.signer_cert) for sig, _s in results] == ["TRẦN QUỐC BẢO", AGENCY]
    assert record.report["valid"] and len(record.report["signatures"]) == 2


def test_certificates_signed_by_the_agency_key_on_the_token(
    pkcs11_agency, issued, office_user, django_capture_on_commit_callbacks
):
    from anhai_thidua.core.models import FileJob
    from awards.services import certificate_job_request

    with django_capture_on_commit_callbacks(execute=True):
        job = certificate_job_request(decision=issued, actor=office_user, blank_mode=False)
    job = FileJob.objects.get(pk=job.pk)
    assert job.state == "done", job.error
    ((sig, status),) = _signatures(job.file.read())
    assert status.bottom_line and app_pki.common_name(sig.signer_cert) == AGENCY
