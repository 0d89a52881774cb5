"""Signed containers (ASiC-E: ``.asice``, older ``.bdoc``) opened from untrusted bytes.

An ASiC-E container is a zip: ``mimetype`` first and stored (``application/vnd.etsi.asic-e+zip``),
``META-INF/manifest.xml`` listing every data file with its media type, the data files, and one
``META-INF/*signatures*.xml`` per signing (XAdES). This module only opens the package and checks
its shape; whether the signatures hold is :mod:`asendusdoc.protect.asice_verify`'s business.

Refused (:class:`~asendusdoc.errors.InputError`, exit 2): a zip that is not an ASiC-E container
(``mimetype`` missing, not first, compressed or of another type), a missing or broken manifest,
and any manifest entry or member name that is ``.``, empty, absolute or climbs out (``..``): a
reader that unpacks the container must never write outside its folder.

A mismatch between the manifest and the files (a file added without a manifest entry, an entry
whose file was removed) is not refused: it is recorded in :attr:`AsicContainer.unlisted` and
:attr:`AsicContainer.missing`, and the verifier reports the signatures invalid because of it.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field

from asendusdoc.errors import InputError
from asendusdoc.read.kinds import ASICE_MEDIA_TYPE, MANIFEST

__all__ = ["AsicContainer", "open_asice"]

_MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
_ENTRY = f"{{{_MANIFEST_NS}}}file-entry"
_FULL_PATH = f"{{{_MANIFEST_NS}}}full-path"
_MEDIA_TYPE = f"{{{_MANIFEST_NS}}}media-type"


@dataclass(frozen=True)
class AsicContainer:
    """What an ASiC-E container holds, as read (nothing verified yet)."""

    data_files: dict[str, bytes] = field(repr=False)
    """Each data file (not ``mimetype``, not ``META-INF/``) by its name in the container."""
    media_types: dict[str, str]
    """The manifest's media type of each entry (the root ``/`` left out)."""
    signatures: tuple[tuple[str, bytes], ...] = field(repr=False)
    """Each ``META-INF/*signatures*.xml``: its name and bytes."""
    unlisted: tuple[str, ...] = ()
    """Data files the manifest does not name."""
    missing: tuple[str, ...] = ()
    """Manifest entries whose file is not in the container."""


def _not_asice(name: str) -> InputError:
    return InputError(
        "{name} is not a signed container (ASiC-E): its first member must be 'mimetype', "
        "stored uncompressed, naming application/vnd.etsi.asic-e+zip. Ask the sender for the "
        "container as DigiDoc4 saved it.",
        code="asice_not_container",
        name=name,
    )


def _too_large(name: str) -> InputError:
    from asendusdoc.read.budget import MAX_DOCUMENT_BYTES, MAX_ENVELOPE_BYTES

    return InputError(
        "{name}: the container unpacks to more than {limit} MiB (or a file in it to more than "
        "{member_limit} MiB); it was not read",
        code="asice_too_large",
        name=name,
        limit=MAX_ENVELOPE_BYTES // (1024 * 1024),
        member_limit=MAX_DOCUMENT_BYTES // (1024 * 1024),
    )


def unsafe_path(name: str, path: str) -> InputError:
    """The refusal of a path inside a container that is empty, ``.``, absolute or climbs out."""
    return InputError(
        "the container {name} names a file '{path}', which is empty, '.', absolute or "
        "leads out of the container; such a container was not read",
        code="asice_unsafe_path",
        name=name,
        path=path,
    )


def _path_is_unsafe(path: str) -> bool:
    if path in ("", ".") or path.startswith(("/", "\\")) or "\\" in path or "\x00" in path:
        return True
    parts = path.split("/")
    return any(part in ("", ".", "..") for part in parts[:-1]) or parts[-1] in (".", "..")


def open_asice(data: bytes, name: str = "container") -> AsicContainer:
    """The container in ``data``; :class:`InputError` (exit 2) when it is refused."""
    try:
        return _opened(data, name)
    except InputError as exc:
        if exc.code == "docx_too_large":  # the zip reader's words are a Word file's
            raise _too_large(name) from None
        raise


def _opened(data: bytes, name: str) -> AsicContainer:
    from asendusdoc.read.budget import MAX_DOCUMENT_BYTES, MAX_ENVELOPE_BYTES
    from asendusdoc.read.packages import SafeZip

    _check_mimetype(data, name)
    try:  # a data file as large as a file to seal, the whole as large as what seal makes
        package = SafeZip(
            data, max_member_bytes=MAX_DOCUMENT_BYTES, max_total_bytes=MAX_ENVELOPE_BYTES
        )
    except InputError as exc:
        if exc.code == "docx_too_large":
            raise
        raise _not_asice(name) from None
    for member in package.names:
        if member.endswith("/") and not _path_is_unsafe(member.rstrip("/")):
            continue  # a folder entry
        if _path_is_unsafe(member):
            raise unsafe_path(name, member)
    if not package.has(MANIFEST):
        raise InputError(
            "the container {name} has no META-INF/manifest.xml; it is not a complete "
            "signed container",
            code="asice_no_manifest",
            name=name,
        )
    media_types = _read_manifest(package.read(MANIFEST), name)
    data_files: dict[str, bytes] = {}
    signatures: list[tuple[str, bytes]] = []
    for member in package.names:
        if member == "mimetype" or member.endswith("/"):
            continue
        if member.startswith("META-INF/"):
            if "signatures" in posixpath.basename(member) and member.endswith(".xml"):
                signatures.append((member, package.read(member)))
            continue
        data_files[member] = package.read(member)
    return AsicContainer(
        data_files=data_files,
        media_types=media_types,
        signatures=tuple(signatures),
        unlisted=tuple(n for n in data_files if n not in media_types),
        missing=tuple(n for n in media_types if n not in data_files),
    )


def _check_mimetype(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            first = infos[0] if infos else None
            if (
                first is None
                or first.filename != "mimetype"
                or first.compress_type != zipfile.ZIP_STORED
                or first.file_size > 64
            ):
                raise _not_asice(name)
            media_type = package.read(first).decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _not_asice(name) from None
    if media_type != ASICE_MEDIA_TYPE:
        raise _not_asice(name)


def _read_manifest(xml: bytes, name: str) -> dict[str, str]:
    from asendusdoc.read.packages import parse_xml

    try:
        root = parse_xml(xml, MANIFEST)
    except InputError:
        raise _broken_manifest(name) from None
    if root.tag != f"{{{_MANIFEST_NS}}}manifest":
        raise _broken_manifest(name)
    media_types: dict[str, str] = {}
    for entry in root.iter(_ENTRY):
        path = entry.get(_FULL_PATH)
        if path is None:
            raise _broken_manifest(name)
        if path == "/":
            continue  # the container itself
        if _path_is_unsafe(path) or path.endswith("/"):
            raise unsafe_path(name, path)
        if path in media_types:
            raise _broken_manifest(name)
        media_types[path] = entry.get(_MEDIA_TYPE) or "application/octet-stream"
    return media_types


def _broken_manifest(name: str) -> InputError:
    return InputError(
        "the manifest (META-INF/manifest.xml) of the container {name} cannot be read; ask the "
        "sender for the container again",
        code="asice_manifest_broken",
        name=name,
    )
