"""A throw-away PKI made on the fly with `cryptography`, for the signature tests: a test root CA and its
intermediate, the issuing official's certificate (CN = his name), another person's certificate, an
untrusted CA with a certificate bearing the issuer's name, and the agency's certificate as PKCS#12."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
END = dt.datetime(2035, 1, 1, tzinfo=dt.UTC)


@dataclass
class Identity:
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    chain: list[x509.Certificate] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def signer(self):
        """A pyHanko signer with this key and chain (what the agency's signing tool holds)."""
        from asn1crypto import keys
        from asn1crypto import x509 as asn1_x509
        from pyhanko.sign.signers import SimpleSigner
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        der = serialization.Encoding.DER
        key_der = self.key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        cert = asn1_x509.Certificate.load(self.cert.public_bytes(der))
        chain = [asn1_x509.Certificate.load(c.public_bytes(der)) for c in self.chain]
        return SimpleSigner(
            signing_cert=cert,
            signing_key=keys.PrivateKeyInfo.load(key_der),
            cert_registry=SimpleCertificateStore.from_certs([cert, *chain]),
        )

    def timestamper(self):
        """A pyHanko in-process timestamp authority with this certificate (stands in for TSA_URL)."""
        from asn1crypto import keys
        from asn1crypto import x509 as asn1_x509
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        der = serialization.Encoding.DER
        key_der = self.key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        return DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(self.cert.public_bytes(der)),
            tsa_key=keys.PrivateKeyInfo.load(key_der),
            certs_to_embed=[asn1_x509.Certificate.load(c.public_bytes(der)) for c in self.chain],
        )

    def pkcs12(self, password: bytes) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            b"agency",
            self.key,
            self.cert,
            self.chain,
            serialization.BestAvailableEncryption(password),
        )


def _name(cn: str, org: str = "") -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if org:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(parts)


def _ca(cn: str, issuer: Identity | None = None) -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(issuer.cert.subject if issuer else _name(cn))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(START)
        .not_valid_after(END)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    signing_key = issuer.key if issuer else key
    cert = builder.sign(signing_key, hashes.SHA256())
    return Identity(cert, key, ([issuer.cert, *issuer.chain] if issuer else []))


def _person(cn: str, issuer: Identity, org: str = "", *, tsa: bool = False) -> Identity:
    # pyHanko's in-process timestamp authority signs with RSA only.
    key = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if tsa
        else ec.generate_private_key(ec.SECP256R1())
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn, org))
        .issuer_name(issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(START)
        .not_valid_after(END)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        # Like a real CA's certificate, it names where its CRL is published (validation never fetches it;
        # a CRL embedded in the PDF is used).
        .add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        full_name=[x509.UniformResourceIdentifier("http://ca.example.vn/crl.der")],
                        relative_name=None,
                        reasons=None,
                        crl_issuer=None,
                    )
                ]
            ),
            critical=False,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.TIME_STAMPING if tsa else ExtendedKeyUsageOID.EMAIL_PROTECTION]
            ),
            critical=tsa,
        )
        .sign(issuer.key, hashes.SHA256())
    )
    return Identity(cert, key, [issuer.cert, *issuer.chain])


@dataclass
class TestPKI:
    root: Identity
    intermediate: Identity
    issuer: Identity
    other: Identity
    untrusted_root: Identity
    untrusted_issuer: Identity
    agency: Identity
    tsa: Identity

    def write_trust_roots(self, folder: Path) -> Path:
        """The trust store as a ward configures it: the root (PEM) and the intermediate (DER)."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "root-ca.pem").write_bytes(self.root.pem())
        (folder / "chinh-phu-ca.cer").write_bytes(
            self.intermediate.cert.public_bytes(serialization.Encoding.DER)
        )
        return folder


def make_pki(issuer_name: str, other_name: str, agency_name: str) -> TestPKI:
    root = _ca("Test Root CA An Hai")
    intermediate = _ca("Test Government CA An Hai", root)
    untrusted_root = _ca("Untrusted CA")
    return TestPKI(
        root=root,
        intermediate=intermediate,
        issuer=_person(issuer_name, intermediate, "UBND phường An Hải"),
        other=_person(other_name, intermediate, "UBND phường An Hải"),
        untrusted_root=untrusted_root,
        untrusted_issuer=_person(issuer_name, untrusted_root),
        agency=_person(agency_name, intermediate),
        tsa=_person("Test TSA An Hai", intermediate, tsa=True),
    )


def sign_external(data: bytes, identity: Identity, *, field_name: str = "ChuKyNguoiKy") -> bytes:
    """Sign `data` the way the agency's signing tool does: an incremental update into the prepared field."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES
    )
    out = signers.sign_pdf(writer, meta, signer=identity.signer(), existing_fields_only=True)
    return out.getvalue()


def crl(issuer: Identity, revoked: list[Identity] = ()) -> bytes:
    """A CRL of `issuer` (DER) listing the `revoked` certificates."""
    now = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.cert.subject)
        .last_update(now)
        .next_update(now + dt.timedelta(days=30))
    )
    for identity in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(identity.cert.serial_number)
            .revocation_date(dt.datetime(2026, 1, 15, tzinfo=dt.UTC))
            .build()
        )
    return builder.sign(issuer.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def add_dss(data: bytes, crls: list[bytes]) -> bytes:
    """The signed PDF with a DSS holding these CRLs (what a PAdES B-LT signing tool appends)."""
    from asn1crypto import crl as asn1_crl
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    out = io.BytesIO(data)
    DocumentSecurityStore.add_dss(
        out, None, crls=[asn1_crl.CertificateList.load(c) for c in crls], force_write=True
    )
    return out.getvalue()
