"""The form data written into a DOCX: a custom XML part, as Word keeps data beside a document.

The envelope (:mod:`asendusdoc.read.envelope`) is the text of one element::

    customXml/itemN.xml        <fd:formData xmlns:fd="urn:asendusdoc:form-data:1">{…}</fd:formData>
    customXml/itemPropsN.xml   its data-store item (a GUID made from the content, the schema
                               reference urn:asendusdoc:form-data:1)
    customXml/_rels/itemN.xml.rels   item → its properties
    word/_rels/document.xml.rels     the document → the item (relationship id
                                     ``asendusdocFormData``, type …/relationships/customXml)

``N`` is the first number the template does not use (templates made with python-docx already
hold ``item1.xml``, an empty bibliography). Word and LibreOffice keep custom XML parts they do
not know; nothing in the document's text refers to it.
"""

from __future__ import annotations

import io
import posixpath
import uuid
import zipfile
from typing import Any

from asendusdoc.read.envelope import CUSTOM_XML, FORM_DATA_NAMESPACE, FORM_DATA_TAG

__all__ = ["RELATIONSHIP_ID", "embed_in_docx"]

RELATIONSHIP_ID = "asendusdocFormData"
CUSTOM_XML_PROPS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
)
PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOCUMENT_RELS = "word/_rels/document.xml.rels"


def _xml(root: Any) -> bytes:
    from lxml import etree

    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def embed_in_docx(docx: bytes, envelope: bytes) -> bytes:
    """``docx`` (as rendered: our own, trusted package) with ``envelope`` as a custom XML part."""
    from lxml import etree

    from asendusdoc.render.docx import reproducible_zip

    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    index = 1
    while f"customXml/item{index}.xml" in entries:
        index += 1
    item = f"customXml/item{index}.xml"
    props = f"customXml/itemProps{index}.xml"

    data = etree.Element(FORM_DATA_TAG, nsmap={"fd": FORM_DATA_NAMESPACE})
    data.text = envelope.decode("utf-8")
    entries[item] = _xml(data)

    store = etree.Element(f"{{{_DS}}}datastoreItem", nsmap={"ds": _DS})
    guid = uuid.uuid5(uuid.NAMESPACE_URL, f"{FORM_DATA_NAMESPACE}#{envelope.hex()}")
    store.set(f"{{{_DS}}}itemID", "{" + str(guid).upper() + "}")
    references = etree.SubElement(store, f"{{{_DS}}}schemaRefs")
    etree.SubElement(references, f"{{{_DS}}}schemaRef").set(f"{{{_DS}}}uri", FORM_DATA_NAMESPACE)
    entries[props] = _xml(store)

    item_rels = etree.Element(f"{{{_REL}}}Relationships", nsmap={None: _REL})
    etree.SubElement(
        item_rels,
        f"{{{_REL}}}Relationship",
        Id="rId1",
        Type=CUSTOM_XML_PROPS,
        Target=posixpath.basename(props),
    )
    entries[f"customXml/_rels/item{index}.xml.rels"] = _xml(item_rels)

    types = etree.fromstring(entries["[Content_Types].xml"])
    defaults = {e.get("Extension") for e in types.iter(f"{{{_CT}}}Default")}
    if "xml" not in defaults:
        etree.SubElement(
            types, f"{{{_CT}}}Override", PartName=f"/{item}", ContentType="application/xml"
        )
    etree.SubElement(types, f"{{{_CT}}}Override", PartName=f"/{props}", ContentType=PROPS_TYPE)
    entries["[Content_Types].xml"] = _xml(types)

    relationships = etree.fromstring(entries[_DOCUMENT_RELS])
    etree.SubElement(
        relationships,
        f"{{{_REL}}}Relationship",
        Id=RELATIONSHIP_ID,
        Type=CUSTOM_XML,
        Target=f"../{item}",
    )
    entries[_DOCUMENT_RELS] = _xml(relationships)
    return reproducible_zip(entries)
