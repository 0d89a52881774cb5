"""The form data written into a PDF: an associated file (``/AF``, ``/AFRelationship /Data``).

As Factur-X does, each form's envelope (:mod:`asendusdoc.read.envelope`) is an embedded file

* listed in the catalog's ``/AF`` array (PDF 2.0 associated files; PDF/A-3), its file
  specification saying ``/AFRelationship /Data`` (the document's data, shown by the pages),
* listed in ``/Names /EmbeddedFiles`` as well, so every PDF reader shows it as an attachment,
* with ``/Subtype /application#2Fjson``, ``/Params`` (``/Size``, ``/CheckSum``) and deflated.

A single document's file is called ``<form id>.json``; a bundle's are ``01-<form id>.json``,
``02-…`` in the order of the documents (``/AF`` has the same order).

The files are added with pypdf to reportlab's finished output, before any seal or password:
a seal (an incremental update) covers them, a password encrypts them. The result is
byte-identical for the same input (pypdf keeps reportlab's fixed ``/ID``). The header says
PDF 1.7 (see :data:`PDF_VERSION`).
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from collections.abc import Sequence

from asendusdoc.read.envelope import MEDIA_TYPE

__all__ = ["PDF_VERSION", "embed_in_pdf", "embedded_names"]

PDF_VERSION = b"%PDF-1.7"
"""The header of a PDF with data: embedded files are PDF 1.3+, ``/AF`` comes from PDF/A-3
(built on 1.7) and PDF 2.0; older readers show the files as attachments."""

_SUBTYPE = "/" + MEDIA_TYPE
_DESCRIPTION = "asendusdoc form data (JSON)"


def embedded_names(form_ids: Sequence[str]) -> list[str]:
    """The file names of the forms of one PDF: ``<id>.json``, or ``NN-<id>.json`` in a bundle."""
    if len(form_ids) == 1:
        return [f"{form_ids[0]}.json"]
    return [f"{index:02d}-{form_id}.json" for index, form_id in enumerate(form_ids, 1)]


def embed_in_pdf(pdf: bytes, files: Sequence[tuple[str, bytes]]) -> bytes:
    """``pdf`` with each ``(name, envelope)`` of ``files`` as an associated data file.

    reportlab's output (one classic cross-reference table, a catalog without ``/Names``) gets
    the files as an incremental update written here: the new objects, the catalog again with
    ``/AF`` and ``/Names``, and a cross-reference section for them. That costs a few tenths of
    a millisecond where reading and writing the whole PDF through pypdf cost about 3 ms of the
    2-page referral's 25 (benchmarks/run.py). Any other PDF goes through pypdf.
    """
    appended = _append_update(pdf, files)
    return appended if appended is not None else _embed_with_pypdf(pdf, files)


_TRAILER = re.compile(
    rb"trailer\s*<<(?P<body>.*?)>>\s*startxref\s+(?P<xref>\d+)\s+%%EOF\s*\Z", re.DOTALL
)


def _append_update(pdf: bytes, files: Sequence[tuple[str, bytes]]) -> bytes | None:
    """reportlab's ``pdf`` with the files appended as an update, or None for any other PDF."""
    found = _TRAILER.search(pdf, max(0, len(pdf) - 4096))
    if not pdf.startswith(b"%PDF-1.") or found is None or b"/Prev" in found["body"]:
        return None
    body = found["body"]
    size = re.search(rb"/Size (\d+)", body)
    root = re.search(rb"/Root (\d+) 0 R", body)
    info = re.search(rb"/Info \d+ 0 R", body)
    ids = re.search(rb"/ID\s*\[[^\]]*\]", body)
    if size is None or root is None:
        return None
    catalog_at = pdf.find(b"\n%s 0 obj\n<<" % root[1])
    catalog_end = pdf.find(b">>\nendobj", catalog_at)
    if catalog_at < 0 or catalog_end < 0:
        return None
    catalog = pdf[pdf.index(b"<<", catalog_at) + 2 : catalog_end]
    if b"/Names" in catalog or b"/AF" in catalog or b"<<" in catalog:
        return None
    objects: list[bytes] = []
    number = int(size[1])

    def add(content: bytes) -> int:
        objects.append(content)
        return number + len(objects) - 1

    references: list[tuple[str, int]] = []
    for name, content in sorted(files):
        packed = zlib.compress(content, 9)
        stream = add(
            b"<< /Type /EmbeddedFile /Subtype /%s /Filter /FlateDecode /Length %d "
            b"/Params << /Size %d /CheckSum <%s> >> >>\nstream\n%s\nendstream"
            % (
                _SUBTYPE[1:].replace("/", "#2F").encode(),
                len(packed),
                len(content),
                hashlib.md5(content, usedforsecurity=False).hexdigest().encode(),
                packed,
            )
        )
        literal = _literal(name)
        references.append(
            (
                name,
                add(
                    b"<< /Type /Filespec /F %s /UF %s /Desc %s /AFRelationship /Data "
                    b"/EF << /F %d 0 R /UF %d 0 R >> >>"
                    % (literal, literal, _literal(_DESCRIPTION), stream, stream)
                ),
            )
        )
    associated = add(b"[ %s ]" % b" ".join(b"%d 0 R" % ref for _name, ref in references))
    tree = add(
        b"<< /Names [ %s ] >>"
        % b" ".join(b"%s %d 0 R" % (_literal(name), ref) for name, ref in references)
    )
    names = add(b"<< /EmbeddedFiles %d 0 R >>" % tree)
    out = bytearray(PDF_VERSION + pdf[len(PDF_VERSION) :])  # same length: offsets hold
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets: list[tuple[int, int]] = []
    offsets.append((int(root[1]), len(out)))
    out += b"%s 0 obj\n<<%s/AF %d 0 R /Names %d 0 R\n>>\nendobj\n" % (
        root[1],
        catalog.rstrip(b"\n"),
        associated,
        names,
    )
    for index, content in enumerate(objects):
        offsets.append((number + index, len(out)))
        out += b"%d 0 obj\n%s\nendobj\n" % (number + index, content)
    xref_at = len(out)
    out += b"xref\n0 1\n0000000000 65535 f\r\n%s 1\n%010d 00000 n\r\n" % (
        root[1],
        offsets[0][1],
    )
    out += b"%d %d\n" % (number, len(objects))
    out += b"".join(b"%010d 00000 n\r\n" % at for _number, at in offsets[1:])
    trailer = b" ".join(part for part in (ids and ids[0], info and info[0]) if part)
    out += b"trailer\n<< /Size %d /Root %s 0 R %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        number + len(objects),
        root[1],
        trailer,
        found["xref"],
        xref_at,
    )
    return bytes(out)


def _literal(text: str) -> bytes:
    """A PDF text string: a literal of printable ASCII, otherwise UTF-16BE in hex."""
    if text.isascii() and text.isprintable():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(%s)" % escaped.encode("ascii")
    return b"<FEFF%s>" % text.encode("utf-16-be").hex().upper().encode()


def _embed_with_pypdf(pdf: bytes, files: Sequence[tuple[str, bytes]]) -> bytes:
    """The files added by rewriting the whole PDF through pypdf (any PDF)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.pdf_header = PDF_VERSION
    associated = ArrayObject()
    names = ArrayObject()
    for name, content in sorted(files):
        stream = DecodedStreamObject()
        stream.set_data(content)
        stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
        stream[NameObject("/Subtype")] = NameObject(_SUBTYPE)
        stream[NameObject("/Params")] = DictionaryObject(
            {
                NameObject("/Size"): NumberObject(len(content)),
                NameObject("/CheckSum"): ByteStringObject(
                    hashlib.md5(content, usedforsecurity=False).digest()
                ),
            }
        )
        stream_reference = writer._add_object(stream.flate_encode(level=9))
        file_name = TextStringObject(name)
        specification = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Filespec"),
                NameObject("/F"): file_name,
                NameObject("/UF"): file_name,
                NameObject("/Desc"): TextStringObject(_DESCRIPTION),
                NameObject("/AFRelationship"): NameObject("/Data"),
                NameObject("/EF"): DictionaryObject(
                    {NameObject("/F"): stream_reference, NameObject("/UF"): stream_reference}
                ),
            }
        )
        reference = writer._add_object(specification)
        associated.append(reference)
        names += [file_name, reference]
    root = writer.root_object
    root[NameObject("/AF")] = writer._add_object(associated)
    root[NameObject("/Names")] = writer._add_object(
        DictionaryObject(
            {
                NameObject("/EmbeddedFiles"): writer._add_object(
                    DictionaryObject({NameObject("/Names"): names})
                )
            }
        )
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
