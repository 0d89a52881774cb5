"""Hand-made hostile PDFs: a catalog whose ``/AF`` is whatever the attack needs."""

from __future__ import annotations

import json
import zlib


def pdf(catalog_extra: bytes, *objects: bytes) -> bytes:
    """A PDF of one empty page tree; the catalog (object 1) gets ``catalog_extra``; ``objects``
    are numbered from 3 on (refer to them as ``3 0 R``, ...)."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        *objects,
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        xref,
    )
    return bytes(out)


def data_stream(envelope: bytes) -> bytes:
    """An embedded JSON file holding ``envelope``, deflated."""
    packed = zlib.compress(envelope, 9)
    return (
        b"<< /Type /EmbeddedFile /Subtype /application#2Fjson /Filter /FlateDecode "
        b"/Length %d >>\nstream\n%s\nendstream" % (len(packed), packed)
    )


def file_spec(stream: int, name: bytes = b"closure.json") -> bytes:
    return b"<< /Type /Filespec /F (%s) /UF (%s) /AFRelationship /Data /EF << /F %d 0 R >> >>" % (
        name,
        name,
        stream,
    )


def envelope(form: dict[str, object]) -> bytes:
    return json.dumps(
        {"asendusdoc": "0.1.0", "schema": f"x/{form['form']}.schema.json", "form": form}
    ).encode()


def unknown_keys_envelope(keys: int) -> bytes:
    """A closure form with ``keys`` unknown keys (about 11 bytes each)."""
    body = ",".join(f'"k{index:06d}":0' for index in range(keys))
    return (
        b'{"asendusdoc":"0.1.0","schema":"x/closure.schema.json","form":{"form":"closure",'
        + body.encode()
        + b"}}"
    )
