"""The recipient's private key that opens a CDOC envelope: from a file, or on a token (PKCS#11).

A key is anything with :class:`RecipientKey`'s two operations, so the private key may stay
where it lives: an ID card or an organisation's HSM is reached through its PKCS#11 module
(OpenSC's ``opensc-pkcs11.so`` for the ID card), and only the operation's result (the RSA
transport key or the ECDH shared secret) comes back. Refusals are
:class:`~asendusdoc.errors.EncryptionError` (exit 2):

=========================  ==============================================================
code                       meaning
=========================  ==============================================================
``key_unreadable``         not a PEM private key or PKCS#12 file
``key_bad_password``       the PKCS#12 (or encrypted PEM) password is wrong or missing
``pkcs11_unavailable``     the PKCS#11 module cannot be loaded, or python-pkcs11 is missing
``pkcs11_no_slot``         no token in the slot asked for
``pkcs11_bad_pin``         the PIN was refused (or is missing)
``pkcs11_no_key``          the token holds no private key for decryption
``pkcs11_failed``          the token refused the operation (e.g. SoftHSM2 has no RSA-OAEP
                           with SHA-256, which CDOC 2.0's RSA recipients need)
=========================  ==============================================================
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from asendusdoc.errors import EncryptionError
from asendusdoc.protect._values import KeyData

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import ec

__all__ = ["FileKey", "Pkcs11Key", "RecipientKey", "private_key_from_file"]


class RecipientKey(Protocol):
    """A recipient's private key: which public keys it answers for, and its two operations."""

    def public_keys(self) -> list[Any]:
        """The public keys (``cryptography`` objects) this key can answer for."""
        ...

    def rsa_decrypt(self, public_key: Any, wrapped: bytes) -> bytes:
        """RSA PKCS#1 v1.5 decryption with the private key of ``public_key``."""
        ...

    def ecdh(self, public_key: Any, peer: ec.EllipticCurvePublicKey) -> bytes:
        """The ECDH shared secret of the private key of ``public_key`` and ``peer``."""
        ...

    def rsa_decrypt_oaep(self, public_key: Any, wrapped: bytes) -> bytes:
        """RSA-OAEP (SHA-256, MGF1 SHA-256) decryption with the private key of ``public_key``."""
        ...


@dataclass(frozen=True)
class FileKey:
    """A recipient's private key held in memory, read from a PEM or PKCS#12 file."""

    key: Any = field(repr=False)

    @classmethod
    def load(cls, key: KeyData, password: bytes | None = None) -> FileKey:
        """The private key in ``key``'s bytes: PEM, or PKCS#12 (``.p12``, ``.pfx``)."""
        return private_key_from_file(key.data, key.name, password)

    def public_keys(self) -> list[Any]:
        return [self.key.public_key()]

    def rsa_decrypt(self, public_key: Any, wrapped: bytes) -> bytes:
        from cryptography.hazmat.primitives.asymmetric import padding

        return bytes(self.key.decrypt(wrapped, padding.PKCS1v15()))

    def ecdh(self, public_key: Any, peer: ec.EllipticCurvePublicKey) -> bytes:
        from cryptography.hazmat.primitives.asymmetric import ec

        return bytes(self.key.exchange(ec.ECDH(), peer))

    def rsa_decrypt_oaep(self, public_key: Any, wrapped: bytes) -> bytes:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        oaep = padding.OAEP(
            mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None
        )
        return bytes(self.key.decrypt(wrapped, oaep))


def private_key_from_file(data: bytes, name: str, password: bytes | None = None) -> FileKey:
    """The private key in a PEM file or a PKCS#12 file (``.p12``, ``.pfx``)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    if b"-----BEGIN" in data:
        try:
            return FileKey(serialization.load_pem_private_key(data, password))
        except TypeError:
            raise _bad_password(name) from None
        except ValueError:
            if b"ENCRYPTED" in data:
                raise _bad_password(name) from None
            raise _unreadable(name) from None
    try:
        key, _certificate, _chain = pkcs12.load_key_and_certificates(data, password)
    except ValueError:
        if _is_pkcs12(data):
            raise _bad_password(name) from None
        raise _unreadable(name) from None
    if key is None:
        raise _unreadable(name)
    return FileKey(key)


def _is_pkcs12(data: bytes) -> bool:
    from asn1crypto import pkcs12

    try:
        return bool(data) and pkcs12.Pfx.load(data)["version"].native == "v3"
    except (ValueError, TypeError, KeyError):
        return False


def _unreadable(name: str) -> EncryptionError:
    return EncryptionError(
        "The key file {path} holds no private key (PEM or PKCS#12) that can decrypt. Give "
        "the private key of the certificate the envelope was encrypted to.",
        code="key_unreadable",
        path=name,
    )


def _bad_password(name: str) -> EncryptionError:
    return EncryptionError(
        "The password of the key file {path} is wrong or missing. Give the password the "
        "key file was protected with.",
        code="key_bad_password",
        path=name,
    )


@dataclass(frozen=True)
class Pkcs11Key:
    """A private key on a token, reached through a PKCS#11 module (``module`` is the module's
    file, e.g. ``opensc-pkcs11.so``; ``slot`` the index in the module's list of slots with a
    token, the first when None). The PIN unlocks the token for each operation only."""

    module: str
    pin: str | None = field(default=None, repr=False)
    slot: int | None = None

    def public_keys(self) -> list[Any]:
        with self._session() as session:
            return [public for public, _handle in _token_keys(session)]

    def rsa_decrypt(self, public_key: Any, wrapped: bytes) -> bytes:
        import pkcs11

        with self._session() as session:
            private = _private_for(session, public_key)
            return bytes(private.decrypt(wrapped, mechanism=pkcs11.Mechanism.RSA_PKCS))

    def rsa_decrypt_oaep(self, public_key: Any, wrapped: bytes) -> bytes:
        import pkcs11

        oaep = (pkcs11.Mechanism.SHA256, pkcs11.MGF.SHA256, None)
        with self._session() as session:
            private = _private_for(session, public_key)
            return bytes(
                private.decrypt(
                    wrapped, mechanism=pkcs11.Mechanism.RSA_PKCS_OAEP, mechanism_param=oaep
                )
            )

    def ecdh(self, public_key: Any, peer: ec.EllipticCurvePublicKey) -> bytes:
        import pkcs11
        from cryptography.hazmat.primitives import serialization

        point = peer.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        with self._session() as session:
            private = _private_for(session, public_key)
            secret = private.derive_key(
                pkcs11.KeyType.GENERIC_SECRET,
                (peer.curve.key_size + 7) // 8 * 8,
                mechanism_param=(pkcs11.KDF.NULL, None, point),
                template={pkcs11.Attribute.SENSITIVE: False, pkcs11.Attribute.EXTRACTABLE: True},
            )
            return bytes(secret[pkcs11.Attribute.VALUE])

    @contextmanager
    def _session(self) -> Iterator[Any]:
        try:
            import pkcs11
        except ImportError:
            raise _pkcs11_unavailable(self.module, "python-pkcs11 is not installed") from None
        try:
            library = pkcs11.lib(self.module)
            slots = library.get_slots(token_present=True)
        except (pkcs11.PKCS11Error, OSError, RuntimeError) as exc:
            raise _pkcs11_unavailable(self.module, type(exc).__name__) from None
        index = self.slot or 0
        if not 0 <= index < len(slots):
            raise EncryptionError(
                "The PKCS#11 module has no token in slot {slot} ({count} slot(s) with a "
                "token). Insert the card, or choose another slot.",
                code="pkcs11_no_slot",
                slot=index,
                count=len(slots),
            )
        try:
            session = slots[index].get_token().open(user_pin=self.pin)
        except (
            pkcs11.PinIncorrect,
            pkcs11.PinLenRange,
            pkcs11.ArgumentsBad,
            pkcs11.UserNotLoggedIn,
        ):
            raise EncryptionError(
                "The token refused the PIN. Give the right PIN.",
                code="pkcs11_bad_pin",
            ) from None
        except pkcs11.PKCS11Error as exc:
            raise _pkcs11_unavailable(self.module, type(exc).__name__) from None
        try:
            yield session
        except pkcs11.PKCS11Error as exc:  # the token refused the operation itself
            raise EncryptionError(
                "The token refused to decrypt ({reason}); it may not support this envelope's "
                "algorithm. Open the envelope in DigiDoc4.",
                code="pkcs11_failed",
                reason=type(exc).__name__,
            ) from None
        finally:
            session.close()


def _token_keys(session: Any) -> list[tuple[Any, Any]]:
    """(public key, private key handle) of each private key on the token that has its
    certificate or public key there too (found by the same ``CKA_ID``)."""
    import pkcs11
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from pkcs11.util.ec import encode_ec_public_key
    from pkcs11.util.rsa import encode_rsa_public_key

    found = []
    for private in _objects(session, pkcs11.ObjectClass.PRIVATE_KEY):
        key_id = private[pkcs11.Attribute.ID]
        public: Any = None
        for cert in _objects(session, pkcs11.ObjectClass.CERTIFICATE, key_id):
            public = x509.load_der_x509_certificate(cert[pkcs11.Attribute.VALUE]).public_key()
        if public is None:
            for key in _objects(session, pkcs11.ObjectClass.PUBLIC_KEY, key_id):
                is_rsa = key.key_type == pkcs11.KeyType.RSA
                encoded = encode_rsa_public_key(key) if is_rsa else encode_ec_public_key(key)
                public = serialization.load_der_public_key(encoded)
        if public is not None:
            found.append((public, private))
    return found


def _objects(session: Any, kind: Any, key_id: bytes | None = None) -> list[Any]:
    """The token's objects of one class (with one ``CKA_ID``), as a list: PKCS#11 allows
    one search at a time in a session."""
    import pkcs11

    template: dict[Any, Any] = {pkcs11.Attribute.CLASS: kind}
    if key_id is not None:
        template[pkcs11.Attribute.ID] = key_id
    return list(session.get_objects(template))


def _private_for(session: Any, public_key: Any) -> Any:
    for public, private in _token_keys(session):
        if public == public_key:
            return private
    raise EncryptionError(
        "The token holds no private key for this envelope's recipient.", code="pkcs11_no_key"
    )


def _pkcs11_unavailable(module: str, reason: str) -> EncryptionError:
    return EncryptionError(
        "The PKCS#11 module {module} cannot be used ({reason}). Check the path of the module "
        "(e.g. opensc-pkcs11.so for an ID card) and that the card reader is connected.",
        code="pkcs11_unavailable",
        module=module,
        reason=reason,
    )
