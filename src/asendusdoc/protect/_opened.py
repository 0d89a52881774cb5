"""What opening an envelope gives and its refusals, shared by the CDOC 1.1 and 2.0 openers
(:mod:`.cdoc_open`, :mod:`.cdoc2_open`), so that neither imports the other back."""

from __future__ import annotations

from dataclasses import dataclass, field

from asendusdoc.errors import EncryptionError

__all__ = ["DecryptedFile", "damaged", "not_recipient"]


@dataclass(frozen=True)
class DecryptedFile:
    """One file out of an envelope: its name (as the sender gave it) and its bytes."""

    name: str
    data: bytes = field(repr=False)


def not_recipient(name: str) -> EncryptionError:
    """The refusal of an envelope made for another recipient."""
    return EncryptionError(
        "The envelope {name} is not encrypted for this key: it was made for another recipient. "
        "Give the private key (or the ID card) of a certificate it was encrypted to.",
        code="cdoc_not_recipient",
        name=name,
    )


def damaged(name: str) -> EncryptionError:
    """The refusal of an envelope with a changed byte, or cut short."""
    return EncryptionError(
        "The envelope {name} is damaged: a byte was changed or the file is cut short. Ask the "
        "sender to send it again.",
        code="cdoc_damaged",
        name=name,
    )
