"""Validation of DOCX packages against the ECMA-376 transitional schemas (``ooxml_xsd/``).

Every XML part of a package is validated against the schema of its root element; a part whose
root no schema here describes is an error too, so nothing is passed over silently. Before
validating, the Microsoft extension namespaces (w14, w15, wp14, mc, ...) are stripped: they lie
outside the 2006 schemas, and Word and LibreOffice ignore what they do not know of them.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).parent / "ooxml_xsd"

_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SCHEMA_OF_ROOT = {
    f"{{{_MAIN}}}document": "wml.xsd",
    f"{{{_MAIN}}}hdr": "wml.xsd",
    f"{{{_MAIN}}}ftr": "wml.xsd",
    f"{{{_MAIN}}}styles": "wml.xsd",
    f"{{{_MAIN}}}numbering": "wml.xsd",
    f"{{{_MAIN}}}settings": "wml.xsd",
    f"{{{_MAIN}}}webSettings": "wml.xsd",
    f"{{{_MAIN}}}fonts": "wml.xsd",
    f"{{{_MAIN}}}footnotes": "wml.xsd",
    f"{{{_MAIN}}}endnotes": "wml.xsd",
    f"{{{_MAIN}}}comments": "wml.xsd",
    "{http://schemas.openxmlformats.org/drawingml/2006/main}theme": "dml-main.xsd",
    "{http://schemas.openxmlformats.org/package/2006/content-types}Types": "opc-contentTypes.xsd",
    "{http://schemas.openxmlformats.org/package/2006/relationships}Relationships": (
        "opc-relationships.xsd"
    ),
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}coreProperties": (
        "opc-coreProperties.xsd"
    ),
    "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Properties": (
        "shared-documentPropertiesExtended.xsd"
    ),
    "{http://schemas.openxmlformats.org/officeDocument/2006/bibliography}Sources": (
        "shared-bibliography.xsd"
    ),
    "{http://schemas.openxmlformats.org/officeDocument/2006/customXml}datastoreItem": (
        "shared-customXmlDataProperties.xsd"
    ),
    "{urn:asendusdoc:form-data:1}formData": "asendusdoc-form-data.xsd",  # our custom XML part
}

EXTENSION_NAMESPACES = (
    "http://schemas.microsoft.com/office/",
    "http://schemas.openxmlformats.org/markup-compatibility/2006",
)
"""Namespaces outside ECMA-376 (Microsoft's extensions and the markup-compatibility mechanism)."""


@cache
def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / name)))


def _is_extension(tag_or_name: str) -> bool:
    if not tag_or_name.startswith("{"):
        return False
    namespace = tag_or_name[1:].split("}", 1)[0]
    return namespace.startswith(EXTENSION_NAMESPACES)


def strip_extensions(root: etree._Element) -> etree._Element:
    """``root`` without elements and attributes in :data:`EXTENSION_NAMESPACES` (a new tree)."""
    tree = etree.fromstring(etree.tostring(root))
    for element in list(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        if _is_extension(element.tag):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        for attribute in [name for name in element.attrib if _is_extension(name)]:
            del element.attrib[attribute]
    etree.cleanup_namespaces(tree)
    return tree


def package_errors(data: bytes) -> list[str]:
    """Every schema error of every XML part of the DOCX ``data``, as "part: line: message"."""
    errors: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            root = etree.fromstring(archive.read(name))
            schema_name = SCHEMA_OF_ROOT.get(root.tag)
            if schema_name is None:
                errors.append(f"{name}: no schema for the root element {root.tag}")
                continue
            validator = schema(schema_name)
            if not validator.validate(strip_extensions(root)):
                errors += [f"{name}:{e.line}: {e.message}" for e in validator.error_log]
    return errors
