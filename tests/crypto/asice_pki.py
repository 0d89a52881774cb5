"""A fictional PKI for LT signatures: a CA, a seal certificate, a time-stamping authority and
an OCSP responder, all made in memory; the two services answer as functions on request bytes
or over HTTP on 127.0.0.1 (:func:`serving`).

The timestamps come from pyhanko's ``DummyTimeStamper`` (an implementation of RFC 3161 that is
not ours); the OCSP responses from ``cryptography``'s OCSP builder.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PKCS12_PASSWORD = b"pitsat-LT-2026"
NOW = dt.datetime.now(dt.UTC)


def _name(common_name: str, organisation: str | None = None) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "EE")]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(attributes)


def _usage(**flags: bool) -> x509.KeyUsage:
    names = (
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    )
    return x509.KeyUsage(**{name: flags.get(name, False) for name in names})


def issue(
    subject: x509.Name,
    key: Any,
    issuer: tuple[x509.Certificate, Any] | None,
    *,
    usage: x509.KeyUsage,
    ca: bool = False,
    eku: list[Any] | None = None,
    days: tuple[int, int] = (-30, 365),
) -> x509.Certificate:
    """A certificate for ``key``; self-signed when ``issuer`` is None."""
    issuer_name = subject if issuer is None else issuer[0].subject
    signing_key = key if issuer is None else issuer[1]
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW + dt.timedelta(days=days[0]))
        .not_valid_after(NOW + dt.timedelta(days=days[1]))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(usage, critical=True)
    )
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    return builder.sign(signing_key, hashes.SHA256())


@dataclass
class Pki:
    root: x509.Certificate
    root_key: Any
    seal: x509.Certificate
    seal_key: Any
    tsa: x509.Certificate
    tsa_key: Any
    responder: x509.Certificate
    responder_key: Any

    @property
    def root_pem(self) -> bytes:
        return self.root.public_bytes(serialization.Encoding.PEM)

    def seal_pkcs12(self) -> bytes:
        """The seal's key and certificate with the CA (the issuer an OCSP request names)."""
        return pkcs12.serialize_key_and_certificates(
            b"seal",
            self.seal_key,
            self.seal,
            [self.root],
            serialization.BestAvailableEncryption(PKCS12_PASSWORD),
        )

    def timestamp(self, request: bytes, *, other_bytes: bool = False) -> bytes:
        """A time-stamping authority's answer; ``other_bytes`` stamps something else."""
        from asn1crypto import keys, tsp
        from asn1crypto import x509 as asn1_x509
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        stamper = DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(self.tsa.public_bytes(serialization.Encoding.DER)),
            tsa_key=keys.PrivateKeyInfo.load(
                self.tsa_key.private_bytes(
                    serialization.Encoding.DER,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            ),
            fixed_dt=dt.datetime.now(dt.UTC),
        )
        parsed = tsp.TimeStampReq.load(request)
        if other_bytes:
            imprint = parsed["message_imprint"]
            imprint["hashed_message"] = bytes(32)
        return bytes(stamper.request_tsa_response(parsed).dump())

    def ocsp(self, request: bytes, *, status: str = "good") -> bytes:
        """An OCSP responder's answer about the seal certificate."""
        parsed = ocsp.load_der_ocsp_request(request)
        assert parsed.serial_number == self.seal.serial_number
        revoked = status == "revoked"
        builder = (
            ocsp.OCSPResponseBuilder()
            .add_response(
                cert=self.seal,
                issuer=self.root,
                algorithm=hashes.SHA1(),
                cert_status=ocsp.OCSPCertStatus.REVOKED if revoked else ocsp.OCSPCertStatus.GOOD,
                this_update=dt.datetime.now(dt.UTC),
                next_update=None,
                revocation_time=NOW if revoked else None,
                revocation_reason=None,
            )
            .responder_id(ocsp.OCSPResponderEncoding.HASH, self.responder)
            .certificates([self.responder])
        )
        response = builder.sign(self.responder_key, hashes.SHA256())
        return response.public_bytes(serialization.Encoding.DER)


def make_pki() -> Pki:
    """A fresh fictional PKI (EC P-256 keys, fast; the TSA's RSA, as pyhanko's stamper needs)."""
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = issue(
        _name("Testimaa Juur-CA"),
        root_key,
        None,
        usage=_usage(key_cert_sign=True, crl_sign=True),
        ca=True,
        days=(-60, 3650),
    )
    seal_key = ec.generate_private_key(ec.SECP256R1())
    seal = issue(
        _name("Näidisvalla Sotsiaalosakond", "Näidisvalla Vallavalitsus"),
        seal_key,
        (root, root_key),
        usage=_usage(digital_signature=True, content_commitment=True),
    )
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyhanko's: RSA
    tsa = issue(
        _name("Testimaa ajatempel"),
        tsa_key,
        (root, root_key),
        usage=_usage(digital_signature=True, content_commitment=True),
        eku=[ExtendedKeyUsageOID.TIME_STAMPING],
    )
    responder_key = ec.generate_private_key(ec.SECP256R1())
    responder = issue(
        _name("Testimaa OCSP"),
        responder_key,
        (root, root_key),
        usage=_usage(digital_signature=True),
        eku=[ExtendedKeyUsageOID.OCSP_SIGNING],
    )
    return Pki(root, root_key, seal, seal_key, tsa, tsa_key, responder, responder_key)


@contextmanager
def serving(pki: Pki) -> Iterator[str]:
    """The TSA (``/tsa``) and the OCSP responder (``/ocsp``) over HTTP on 127.0.0.1; the
    base address. The server stops when the block ends."""
    routes: dict[str, Callable[[bytes], bytes]] = {"/tsa": pki.timestamp, "/ocsp": pki.ocsp}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            answer = route(body)
            self.send_response(200)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
