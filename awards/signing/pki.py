"""Certificates: the trusted roots and intermediates, the validation context, the agency's key, names.

Validation never fetches anything from the network (allow_fetching=False): a ward's server may have no way
out, and the result must not depend on a CA's server being up. Revocation information embedded in the PDF
(its DSS) is used when present.
"""

from __future__ import annotations

import unicodedata
from contextlib import contextmanager
from pathlib import Path

from asn1crypto import pem, x509
from django.conf import settings

CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}


def _load_certificates(data: bytes) -> list[x509.Certificate]:
    if pem.detect(data):
        return [x509.Certificate.load(der) for _type, _headers, der in pem.unarmor(data, multiple=True)]
    return [x509.Certificate.load(data)]


def trust_store() -> tuple[list[x509.Certificate], list[x509.Certificate]]:
    """(roots, intermediates) from TRUST_ROOTS_DIR: a self-signed certificate is a root, any other one an
    intermediate that helps build the chain (it is trusted only through a root)."""
    roots: list[x509.Certificate] = []
    intermediates: list[x509.Certificate] = []
    folder = settings.TRUST_ROOTS_DIR
    if not folder:
        return roots, intermediates
    for path in sorted(Path(folder).iterdir()):
        if path.suffix.lower() not in CERT_SUFFIXES or not path.is_file():
            continue
        for cert in _load_certificates(path.read_bytes()):
            (roots if cert.self_signed in ("maybe", "yes") else intermediates).append(cert)
    return roots, intermediates


def validation_context(*, dss=None):
    """A ValidationContext over the configured trust store, with the PDF's own revocation data (its DSS)."""
    from pyhanko_certvalidator import ValidationContext

    roots, intermediates = trust_store()
    kwargs = {
        "trust_roots": roots,
        "other_certs": intermediates,
        "allow_fetching": False,
        # soft-fail: revocation data that is embedded is checked (a revoked certificate fails); missing
        # data is reported as "not checked" instead of refusing every certificate.
        "revocation_mode": "soft-fail",
    }
    if dss is not None:
        return dss.as_validation_context(kwargs)
    return ValidationContext(**kwargs)


def common_name(cert: x509.Certificate) -> str:
    """The subject's CN (NFC), or the whole subject when it has none."""
    subject = cert.subject.native
    name = subject.get("common_name") or cert.subject.human_friendly
    if isinstance(name, list):
        name = name[0]
    return unicodedata.normalize("NFC", str(name))


def name_key(name: str) -> str:
    """A name compared without case, diacritics or extra spaces: "TRẦN QUỐC BẢO" = "Tran Quoc Bao"."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", name or "")).replace("đ", "d")
    text = text.replace("Đ", "D").replace("\u0111", "d").replace("\u0110", "D")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def names_match(certificate_name: str, person_name: str) -> bool:
    """A certificate names the person: its CN equals the name, or ends with it after a comma or dash (some
    CAs write "UBND phường An Hải - Trần Quốc Bảo")."""
    cert_key, person_key = name_key(certificate_name), name_key(person_name)
    if not person_key:
        return False
    if cert_key == person_key:
        return True
    for sep in (",", " - ", ":"):
        if sep in cert_key and cert_key.rsplit(sep, 1)[-1].strip() == person_key:
            return True
    return False


def agency_configured() -> bool:
    return bool(settings.AGENCY_PKCS11_MODULE or settings.AGENCY_PKCS12_PATH)


@contextmanager
def agency_signer():
    """The agency's pyHanko signer, or None when not configured: a key on a PKCS#11 token when
    AGENCY_PKCS11_MODULE is set (the session is open for the duration of the block and closed after),
    the PKCS#12 file AGENCY_PKCS12_PATH otherwise. The intermediates of the trust store are added so the
    signature carries the whole chain."""
    if not agency_configured():
        yield None
        return
    _roots, intermediates = trust_store()
    if settings.AGENCY_PKCS11_MODULE:
        with _pkcs11_signer(intermediates) as signer:
            yield signer
        return
    yield _pkcs12_signer(intermediates)


def _pkcs12_signer(intermediates):
    from pyhanko.sign.signers import SimpleSigner

    password = settings.AGENCY_PKCS12_PASSWORD
    signer = SimpleSigner.load_pkcs12_data(
        Path(settings.AGENCY_PKCS12_PATH).read_bytes(),
        other_certs=intermediates,
        passphrase=password.encode() if password else None,
    )
    if signer is None:
        raise ValueError("AGENCY_PKCS12_PATH: cannot read the PKCS#12 file (wrong password?)")
    return signer


@contextmanager
def _pkcs11_signer(intermediates):
    """A PKCS11Signer over a session opened with the user PIN on the token labelled
    AGENCY_PKCS11_TOKEN_LABEL (any token when empty); the key and certificate found by their labels."""
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    label = settings.AGENCY_PKCS11_TOKEN_LABEL
    try:
        session = open_pkcs11_session(
            settings.AGENCY_PKCS11_MODULE,
            token_criteria=TokenCriteria(label=label) if label else None,
            user_pin=settings.AGENCY_PKCS11_PIN or None,
        )
    except Exception as exc:  # python-pkcs11's errors (PinIncorrect, TokenNotPresent…) often have no message
        raise ValueError(
            f"AGENCY_PKCS11: cannot open the token {label!r}: {type(exc).__name__} {exc}".strip()
        ) from exc
    try:
        yield PKCS11Signer(
            session,
            key_label=settings.AGENCY_PKCS11_KEY_LABEL or None,
            cert_label=settings.AGENCY_PKCS11_CERT_LABEL or None,
            ca_chain=intermediates,
            use_raw_mechanism=settings.AGENCY_PKCS11_RAW_MECHANISM,
        )
    finally:
        session.close()
