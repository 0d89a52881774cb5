"""Signatures of an ASiC-E container verified: what SKA or a KOV checks on what arrived.

For each XAdES signature, in this order (the first that fails is the reason reported):

1. every reference digest: each data file (by its name, URI-decoded) and the SignedProperties;
   each data file of the container must be covered, and named in the manifest;
2. the signer's certificate is the one the SignedProperties name (a replaced certificate);
3. the SignatureValue over the canonicalised SignedInfo;
4. the certificate's key usage (nonRepudiation, or digitalSignature of an e-seal);
5. in LT signatures, the timestamp over the canonicalised SignatureValue, and the OCSP
   response ("good", produced after the timestamp and near it);
6. the certificate valid at the signing time (trusted from the timestamp, else claimed);
7. the chain up to a trusted certificate: the default roots (Estonian ID-card and e-seal CAs,
   from the ``esteid-certificates`` package) and every certificate given as trusted.

The result is ``valid``, ``invalid`` (1 to 6: changed after signing, or not valid at the time)
or ``indeterminate`` (7, or a profile we do not check, such as the older BDOC time-mark).
A report never holds a personal code: the signer is named by the certificate's given name
and surname (or common name without digits), an e-seal by its organisation.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote

from asendusdoc.i18n import N_
from asendusdoc.protect._evidence import EvidenceError, check_ocsp, check_timestamp, verify_with
from asendusdoc.protect._xades import (
    C14N11,
    DIGESTS,
    DS,
    SIGNATURE_METHODS,
    SIGNED_PROPERTIES_TYPE,
    XADES,
    canonical,
    digest,
)
from asendusdoc.read.asice import open_asice

if TYPE_CHECKING:
    from cryptography import x509
    from lxml import etree

    from asendusdoc.read.asice import AsicContainer

__all__ = [
    "REASONS",
    "ContainerReport",
    "SignatureReport",
    "trusted_certificates",
    "verify_container",
]

Status = Literal["valid", "invalid", "indeterminate"]
_NS = {"ds": DS, "xades": XADES}
_TIME_MARK_POLICIES = ("1.3.6.1.4.1.10015.1000.3.2.1", "1.3.6.1.4.1.10015.1000.3.1.1")
_OCSP_LATE = dt.timedelta(hours=24)
_OCSP_EARLY = dt.timedelta(minutes=15)
_MAX_CHAIN = 8


REASONS: dict[str, str] = {
    "signature_valid": N_(
        "the digests, the signature and the certificate hold, and the chain is trusted"
    ),
    "file_changed": N_("the file {file} was changed after signing"),
    "file_missing": N_("the signed file {file} is not in the container (removed)"),
    "file_unsigned": N_("the file {file} was added to the container and is not signed"),
    "file_not_in_manifest": N_(
        "the file {file} is not listed in the container's manifest (added after signing)"
    ),
    "signed_properties_changed": N_(
        "the signature's own data (signing time, certificate, role) was changed after signing"
    ),
    "signed_properties_missing": N_(
        "the signature does not cover its own data (signing time, certificate)"
    ),
    "certificate_replaced": N_(
        "the certificate in the signature is not the one that signed (replaced)"
    ),
    "signature_value_wrong": N_(
        "the signature value does not match the signed data: the signature was changed"
    ),
    "signature_broken": N_("the signature cannot be read (damaged XML or values)"),
    "certificate_key_usage": N_("the certificate may not be used for signatures (key usage)"),
    "certificate_not_valid_at_time": N_("the certificate was not valid at the signing time"),
    "signing_time_missing": N_("the signature has no signing time"),
    "timestamp_other_data": N_("the timestamp was made over other data, not over this signature"),
    "timestamp_broken": N_("the timestamp cannot be read or its data was changed"),
    "timestamp_signature": N_("the timestamp's signature does not hold"),
    "timestamp_no_certificate": N_("the timestamp does not carry the certificate of its service"),
    "timestamp_untrusted": N_("the timestamp's service is not trusted"),
    "ocsp_missing": N_("the signature has a timestamp but no OCSP response"),
    "ocsp_broken": N_("the OCSP response cannot be read"),
    "ocsp_not_successful": N_("the OCSP response is an error, not a status"),
    "ocsp_other_certificate": N_("the OCSP response is about another certificate"),
    "ocsp_revoked": N_("the signer's certificate was revoked (OCSP)"),
    "ocsp_unknown": N_("the OCSP responder did not know the signer's certificate"),
    "ocsp_signature": N_("the OCSP response's signature does not hold"),
    "ocsp_no_responder": N_("the OCSP response was signed by an unknown responder"),
    "ocsp_not_near_timestamp": N_("the OCSP response was not produced near the timestamp"),
    "ocsp_untrusted": N_("the OCSP responder is not trusted"),
    "chain_untrusted": N_("the signer's certificate does not lead to a trusted certificate"),
    "profile_unchecked": N_(
        "the signature's profile ({profile}) is one asendusdoc does not check; open it in DigiDoc4"
    ),
    "algorithm_unsupported": N_("the signature uses an algorithm asendusdoc does not check"),
}
"""The sentence of each reason code, in English (translated through the catalogs)."""


@dataclass(frozen=True)
class SignatureReport:
    """One signature's result. ``reason`` is a stable code (its sentence is in the catalog),
    ``params`` fill it (a file name, a profile)."""

    signer: str
    role: str | None
    organisation: str | None
    signing_time: dt.datetime | None
    time_trusted: bool
    profile: str
    status: Status
    reason: str
    params: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The report as JSON-ready values (times in ISO 8601)."""
        return {
            "signer": self.signer,
            "role": self.role,
            "organisation": self.organisation,
            "signing_time": self.signing_time.isoformat() if self.signing_time else None,
            "time": "trusted" if self.time_trusted else "claimed",
            "profile": self.profile,
            "status": self.status,
            "reason": self.reason,
            **({"params": self.params} if self.params else {}),
        }


@dataclass(frozen=True)
class ContainerReport:
    """Every signature of a container, and the data files it holds."""

    files: tuple[str, ...]
    signatures: tuple[SignatureReport, ...]

    @property
    def status(self) -> Status:
        """``valid`` when there is at least one signature and every one is valid."""
        if not self.signatures:
            return "indeterminate"
        if any(s.status == "invalid" for s in self.signatures):
            return "invalid"
        if all(s.status == "valid" for s in self.signatures):
            return "valid"
        return "indeterminate"


def verify_container(
    data: bytes,
    trusted: Sequence[bytes] = (),
    *,
    default_roots: bool = True,
    name: str = "container",
) -> ContainerReport:
    """Verify every signature of the ASiC-E container in ``data``.

    ``trusted`` holds certificates (PEM or DER) trusted besides the default roots, each a root
    or an intermediate. Raises :class:`~asendusdoc.errors.InputError` (exit 2) when the
    container is refused; a broken signature is reported, not raised.
    """
    container = open_asice(data, name)
    anchors = list(trusted_certificates(trusted, default_roots=default_roots))
    reports = []
    for _member, xml in container.signatures:
        for signature in _signature_elements(xml):
            reports.append(_Check(signature, container, anchors).run())
    return ContainerReport(files=tuple(container.data_files), signatures=tuple(reports))


def trusted_certificates(
    trusted: Sequence[bytes], *, default_roots: bool = True
) -> list[x509.Certificate]:
    """The certificates in ``trusted`` (PEM, several per file allowed, or DER), then the
    default roots; :class:`~asendusdoc.errors.InputError` for one that is no certificate."""
    from cryptography import x509

    from asendusdoc.errors import InputError

    found: list[x509.Certificate] = []
    for blob in trusted:
        try:
            if b"-----BEGIN" in blob:
                found.extend(x509.load_pem_x509_certificates(blob))
            else:
                found.append(x509.load_der_x509_certificate(blob))
        except ValueError:
            raise InputError(
                "a certificate given as trusted is not an X.509 certificate (PEM or DER)",
                code="trust_not_certificate",
            ) from None
    if default_roots:
        found.extend(_default_roots())
    return found


def _default_roots() -> list[x509.Certificate]:
    from cryptography import x509

    try:
        from esteid_certificates import get_root_ca_files
    except ImportError:  # pragma: no cover - a declared dependency
        return []
    roots = []
    for path in get_root_ca_files(test=False):
        roots.extend(x509.load_pem_x509_certificates(path.read_bytes()))
    return roots


def _signature_elements(xml: bytes) -> list[etree._Element]:
    from asendusdoc.read.packages import parse_xml

    root = parse_xml(xml, "META-INF/signatures.xml")
    if root.tag == f"{{{DS}}}Signature":
        return [root]
    return list(root.iterfind("ds:Signature", _NS))


class _Failed(Exception):
    def __init__(self, status: Status, reason: str, **params: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.params = params


def _b64(element: etree._Element | None) -> bytes:
    if element is None or not element.text:
        raise _Failed("invalid", "signature_broken")
    try:
        return base64.b64decode("".join(element.text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise _Failed("invalid", "signature_broken") from None


class _Check:
    """The checks of one signature; ``run`` gives its report."""

    def __init__(
        self,
        signature: etree._Element,
        container: AsicContainer,
        anchors: list[x509.Certificate],
    ) -> None:
        self.signature = signature
        self.container = container
        self.anchors = anchors
        self.certificate: x509.Certificate | None = None
        self.claimed: dt.datetime | None = None
        self.trusted_time: dt.datetime | None = None
        self.profile = "B-B"
        self.pool: list[x509.Certificate] = []

    def run(self) -> SignatureReport:
        try:
            self._read()
            self._check_references()
            self._check_signing_certificate()
            self._check_signature_value()
            self._check_key_usage()
            self._check_evidence()
            self._check_validity()
            self._check_chain()
            if self.profile == "time-mark":
                raise _Failed("indeterminate", "profile_unchecked", profile="BDOC time-mark")
        except _Failed as failed:
            return self._report(failed.status, failed.reason, failed.params)
        return self._report("valid", "signature_valid", {})

    # -- reading -------------------------------------------------------------------------------
    def _find(self, path: str) -> etree._Element | None:
        return self.signature.find(path, _NS)

    def _signed(self, path: str) -> list[etree._Element]:
        """``path`` in the SignedProperties that SignedInfo references (and so signs), never
        in another copy someone may have put elsewhere in the signature."""
        target = ""
        for reference in self.signature.iterfind("ds:SignedInfo/ds:Reference", _NS):
            if reference.get("Type") == SIGNED_PROPERTIES_TYPE:
                target = (reference.get("URI") or "").removeprefix("#")
        found = [e for e in self.signature.iter() if target and e.get("Id") == target]
        return list(found[0].iterfind(path, _NS)) if len(found) == 1 else []

    def _read(self) -> None:
        from cryptography import x509

        der = _b64(self._find("ds:KeyInfo/ds:X509Data/ds:X509Certificate"))
        try:
            self.certificate = x509.load_der_x509_certificate(der)
        except ValueError:
            raise _Failed("invalid", "signature_broken") from None
        self.pool = [self.certificate]
        for value in self.signature.iterfind(".//xades:CertificateValues/*", _NS):
            try:
                self.pool.append(x509.load_der_x509_certificate(_b64(value)))
            except ValueError:
                continue
        for signing_time in self._signed("xades:SignedSignatureProperties/xades:SigningTime"):
            self.claimed = _parse_time(signing_time.text or "")
        self.profile = self._profile()

    def _profile(self) -> str:
        unsigned = ".//xades:UnsignedSignatureProperties/"
        policies = self._signed(".//xades:SignaturePolicyIdentifier//xades:Identifier")
        policy_oid = (policies[0].text or "") if policies else ""
        is_time_mark = policy_oid.strip().removeprefix("urn:oid:") in _TIME_MARK_POLICIES
        if is_time_mark and self._find(unsigned + "xades:SignatureTimeStamp") is None:
            return "time-mark"
        if self._find(unsigned + "xades:ArchiveTimeStamp") is not None:
            return "LTA"
        if self._find(unsigned + "xades:SignatureTimeStamp") is not None:
            has_ocsp = self._find(unsigned + "xades:RevocationValues") is not None
            return "LT" if has_ocsp else "T"
        return "B-B"

    # -- 1. references --------------------------------------------------------------------------
    def _check_references(self) -> None:
        signed_info = self._find("ds:SignedInfo")
        if signed_info is None:
            raise _Failed("invalid", "signature_broken")
        covered: set[str] = set()
        has_properties = False
        for reference in signed_info.iterfind("ds:Reference", _NS):
            uri = reference.get("URI") or ""
            expected = _b64(reference.find("ds:DigestValue", _NS))
            method = reference.find("ds:DigestMethod", _NS)
            algorithm = DIGESTS.get(method.get("Algorithm", "") if method is not None else "")
            if algorithm is None:
                raise _Failed("indeterminate", "algorithm_unsupported")
            if uri.startswith("#"):
                actual = self._same_document_digest(reference, uri[1:], algorithm)
                if actual != expected:
                    raise _Failed("invalid", "signed_properties_changed")
                has_properties |= reference.get("Type") == SIGNED_PROPERTIES_TYPE
                continue
            file_name = unquote(uri).removeprefix("./")
            covered.add(file_name)
            content = self.container.data_files.get(file_name)
            if content is None:
                raise _Failed("invalid", "file_missing", file=file_name)
            if digest(content, algorithm) != expected:
                raise _Failed("invalid", "file_changed", file=file_name)
        if not has_properties:
            raise _Failed("invalid", "signed_properties_missing")
        self._check_coverage(covered)

    def _check_coverage(self, covered: set[str]) -> None:
        for file_name in self.container.missing:
            raise _Failed("invalid", "file_missing", file=file_name)
        for file_name in self.container.data_files:
            if file_name not in covered:
                raise _Failed("invalid", "file_unsigned", file=file_name)
        for file_name in self.container.unlisted:
            raise _Failed("invalid", "file_not_in_manifest", file=file_name)

    def _same_document_digest(self, reference: etree._Element, target: str, name: str) -> bytes:
        found = [e for e in self.signature.iter() if e.get("Id") == target]
        if len(found) != 1:
            raise _Failed("invalid", "signed_properties_changed")
        algorithm = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
        for transform in reference.iterfind("ds:Transforms/ds:Transform", _NS):
            algorithm = transform.get("Algorithm", "")
        try:
            return digest(canonical(found[0], algorithm), name)
        except KeyError:
            raise _Failed("indeterminate", "algorithm_unsupported") from None

    # -- 2.–4. the signature itself ------------------------------------------------------------
    def _check_signing_certificate(self) -> None:
        from cryptography.hazmat.primitives import serialization

        assert self.certificate is not None
        der = self.certificate.public_bytes(serialization.Encoding.DER)
        cert_digests = self._signed("xades:SignedSignatureProperties/*/xades:Cert/xades:CertDigest")
        for cert_digest in cert_digests:
            method = cert_digest.find("ds:DigestMethod", _NS)
            algorithm = DIGESTS.get(method.get("Algorithm", "") if method is not None else "")
            value = cert_digest.find("ds:DigestValue", _NS)
            if algorithm and digest(der, algorithm) == _b64(value):
                return
        raise _Failed("invalid", "certificate_replaced")

    def _check_signature_value(self) -> None:
        signed_info = self._find("ds:SignedInfo")
        assert signed_info is not None and self.certificate is not None
        c14n = signed_info.find("ds:CanonicalizationMethod", _NS)
        method = signed_info.find("ds:SignatureMethod", _NS)
        kind_digest = SIGNATURE_METHODS.get(
            method.get("Algorithm", "") if method is not None else ""
        )
        if kind_digest is None:
            raise _Failed("indeterminate", "algorithm_unsupported")
        try:
            data = canonical(
                signed_info, c14n.get("Algorithm", C14N11) if c14n is not None else C14N11
            )
        except KeyError:
            raise _Failed("indeterminate", "algorithm_unsupported") from None
        value = _b64(self._find("ds:SignatureValue"))
        if kind_digest[0] == "ec":
            value = _raw_to_der(value)
        if not verify_with(self.certificate, value, data, kind_digest[1]):
            raise _Failed("invalid", "signature_value_wrong")

    def _check_key_usage(self) -> None:
        from cryptography import x509
        from cryptography.x509.oid import NameOID

        assert self.certificate is not None
        try:
            usage = self.certificate.extensions.get_extension_for_class(x509.KeyUsage).value
        except x509.ExtensionNotFound:
            raise _Failed("invalid", "certificate_key_usage") from None
        if usage.content_commitment:
            return
        is_seal = bool(self.certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME))
        if not (usage.digital_signature and is_seal):
            raise _Failed("invalid", "certificate_key_usage")

    # -- 5. LT evidence ------------------------------------------------------------------------
    def _check_evidence(self) -> None:
        if self.profile not in ("T", "LT", "LTA"):
            return
        stamp = self._find(".//xades:UnsignedSignatureProperties/xades:SignatureTimeStamp")
        assert stamp is not None
        c14n = stamp.find("ds:CanonicalizationMethod", _NS)
        value = self._find("ds:SignatureValue")
        assert value is not None
        try:
            covered = canonical(
                value, c14n.get("Algorithm", C14N11) if c14n is not None else C14N11
            )
            timestamp = check_timestamp(
                _b64(stamp.find("xades:EncapsulatedTimeStamp", _NS)), covered
            )
        except KeyError:
            raise _Failed("indeterminate", "algorithm_unsupported") from None
        except EvidenceError as exc:
            raise _Failed("invalid", exc.code) from None
        self.pool.extend(timestamp.certificates)
        if self._chain(timestamp.tsa_certificate, timestamp.time) is None:
            raise _Failed("indeterminate", "timestamp_untrusted")
        self.trusted_time = timestamp.time
        if self.profile != "T":
            self._check_ocsp(timestamp.time)

    def _check_ocsp(self, stamped: dt.datetime) -> None:
        assert self.certificate is not None
        responses = self.signature.iterfind(
            ".//xades:RevocationValues/xades:OCSPValues/xades:EncapsulatedOCSPValue", _NS
        )
        issuer = self._issuer(self.certificate)
        for response in responses:
            try:
                produced, responder = check_ocsp(_b64(response), self.certificate, issuer)
            except EvidenceError as exc:
                raise _Failed("invalid", exc.code) from None
            if not stamped - _OCSP_EARLY <= produced <= stamped + _OCSP_LATE:
                raise _Failed("invalid", "ocsp_not_near_timestamp")
            if responder != issuer and self._chain(responder, produced) is None:
                raise _Failed("indeterminate", "ocsp_untrusted")
            return
        raise _Failed("invalid", "ocsp_missing")

    # -- 6.–7. time and chain --------------------------------------------------------------
    @property
    def moment(self) -> dt.datetime | None:
        return self.trusted_time or self.claimed

    def _check_validity(self) -> None:
        assert self.certificate is not None
        moment = self.moment
        if moment is None:
            raise _Failed("invalid", "signing_time_missing")
        if (
            not self.certificate.not_valid_before_utc
            <= moment
            <= self.certificate.not_valid_after_utc
        ):
            raise _Failed("invalid", "certificate_not_valid_at_time")

    def _check_chain(self) -> None:
        assert self.certificate is not None
        if self._chain(self.certificate, self.moment) is None:
            raise _Failed("indeterminate", "chain_untrusted")

    def _issuer(self, certificate: x509.Certificate) -> x509.Certificate | None:
        for candidate in [*self.pool, *self.anchors]:
            if candidate.subject == certificate.issuer and _issued(certificate, candidate):
                return candidate
        return None

    def _chain(
        self, certificate: x509.Certificate, moment: dt.datetime | None
    ) -> list[x509.Certificate] | None:
        """The certificates from ``certificate`` up to a trusted one, or None."""
        chain = [certificate]
        for _ in range(_MAX_CHAIN):
            current = chain[-1]
            if current in self.anchors:
                return chain
            issuer = self._issuer(current)
            if issuer is None or issuer in chain:
                return None
            if moment is not None and not (
                issuer.not_valid_before_utc <= moment <= issuer.not_valid_after_utc
            ):
                return None
            chain.append(issuer)
        return None

    # -- the report ----------------------------------------------------------------------------
    def _report(self, status: Status, reason: str, params: dict[str, str]) -> SignatureReport:
        signer, organisation = _names(self.certificate)
        roles = self._signed(".//xades:SignerRole/xades:ClaimedRoles/xades:ClaimedRole")
        role_text = _without_codes(roles[0].text) if roles and roles[0].text else None
        return SignatureReport(
            signer=signer,
            role=role_text,
            organisation=organisation,
            signing_time=self.moment,
            time_trusted=self.trusted_time is not None,
            profile=self.profile,
            status=status,
            reason=reason,
            params=params,
        )


def _issued(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _parse_time(text: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _raw_to_der(value: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    half = len(value) // 2
    return encode_dss_signature(
        int.from_bytes(value[:half], "big"), int.from_bytes(value[half:], "big")
    )


_CODE = re.compile(r"\b[1-6]\d{10}\b|\bPNO[A-Z]{2}-\S+")


def _without_codes(text: str) -> str:
    """``text`` without anything that looks like a personal code (11 digits, ``PNOEE-...``)."""
    parts = [part.strip() for part in _CODE.sub("", text).split(",")]
    return ", ".join(part for part in parts if part) or "?"


def _names(certificate: x509.Certificate | None) -> tuple[str, str | None]:
    """The signer's name (never a personal code) and the organisation of an e-seal."""
    from cryptography.x509.oid import NameOID

    if certificate is None:
        return "?", None

    def first(oid: Any) -> str | None:
        values = certificate.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else None

    given, surname = first(NameOID.GIVEN_NAME), first(NameOID.SURNAME)
    organisation = first(NameOID.ORGANIZATION_NAME)
    if given and surname:
        return _without_codes(f"{given} {surname}"), organisation
    return _without_codes(first(NameOID.COMMON_NAME) or organisation or "?"), organisation
