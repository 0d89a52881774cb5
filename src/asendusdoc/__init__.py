"""asendusdoc: the documents of Estonian substitute-care support services, exact and bilingual.

The public API. Names are imported lazily, so that ``asendusdoc --version`` starts fast::

    import asendusdoc
    problems = asendusdoc.validate_form(data)          # [] when valid
    form = asendusdoc.load_form(Path("referral.json"))  # raises FormValidationError
    product = asendusdoc.produce(form, "et", "pdf")      # validate, render, protect: bytes
    product.data, product.file_name, product.recipients
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from asendusdoc._version import __version__
from asendusdoc.read._blank_readers import register_blank_reader as _register_blank_reader

_LAZY: dict[str, str] = {
    "FORM_MODELS": "asendusdoc.forms",
    "AnyForm": "asendusdoc.forms",
    "FormModel": "asendusdoc.forms",
    "Problem": "asendusdoc.errors",
    "load_form": "asendusdoc.read.loading",
    "validate_form": "asendusdoc.read.loading",
    "parse_form_json": "asendusdoc.read.parse",
    "json_schema": "asendusdoc.schemas",
    "example_data": "asendusdoc.examples",
    "AsendusdocError": "asendusdoc.errors",
    "EncryptionError": "asendusdoc.errors",
    "FormValidationError": "asendusdoc.errors",
    "InputError": "asendusdoc.errors",
    "OutputError": "asendusdoc.errors",
    "RenderError": "asendusdoc.errors",
    "TemplateError": "asendusdoc.errors",
    "AccessRestriction": "asendusdoc.render.restriction",
    "Product": "asendusdoc.product",
    "produce": "asendusdoc.product",
    "protect_file": "asendusdoc.product",
    "CdocEnvelope": "asendusdoc.protect",
    "KeyData": "asendusdoc.protect",
    "OpenPGPEnvelope": "asendusdoc.protect",
    "PdfPassword": "asendusdoc.protect",
    "Protection": "asendusdoc.protect",
    "RecipientSummary": "asendusdoc.protect",
    "Seal": "asendusdoc.protect",
    "SealSummary": "asendusdoc.protect",
    "SignatureError": "asendusdoc.errors",
    "AsiceSeal": "asendusdoc.protect.asice",
    "DataFile": "asendusdoc.protect.asice",
    "Services": "asendusdoc.protect.asice",
    "seal_container": "asendusdoc.protect.asice",
    "ContainerReport": "asendusdoc.protect.asice_verify",
    "SignatureReport": "asendusdoc.protect.asice_verify",
    "verify_container": "asendusdoc.protect.asice_verify",
    "DecryptedFile": "asendusdoc.protect.cdoc_open",
    "decrypt": "asendusdoc.protect.cdoc_open",
    "FileKey": "asendusdoc.protect.recipient_keys",
    "Pkcs11Key": "asendusdoc.protect.recipient_keys",
    "RecipientKey": "asendusdoc.protect.recipient_keys",
}

__all__ = sorted([*_LAZY, "__version__"])

if TYPE_CHECKING:
    from asendusdoc.errors import (
        AsendusdocError,
        EncryptionError,
        FormValidationError,
        InputError,
        OutputError,
        Problem,
        RenderError,
        TemplateError,
    )
    from asendusdoc.examples import example_data
    from asendusdoc.forms import FORM_MODELS, AnyForm, FormModel
    from asendusdoc.product import Product, produce, protect_file
    from asendusdoc.protect import (
        CdocEnvelope,
        KeyData,
        OpenPGPEnvelope,
        PdfPassword,
        Protection,
        RecipientSummary,
        Seal,
        SealSummary,
    )
    from asendusdoc.read.dispatch import FormInput
    from asendusdoc.read.loading import load_form, validate_form
    from asendusdoc.read.odf import OdtPackage
    from asendusdoc.read.packages import DocxPackage
    from asendusdoc.read.parse import parse_form_json
    from asendusdoc.render.restriction import AccessRestriction
    from asendusdoc.schemas import json_schema


def _read_filled_blank(package: DocxPackage | OdtPackage, name: str) -> FormInput | None:
    """asendusdoc's own filled blanks, read by the blank's package (a layer above the way in,
    so registered from here; imported only when a Word file without our data arrives)."""
    from asendusdoc.blank._input import read_filled_blank

    return read_filled_blank(package, name)


_register_blank_reader(_read_filled_blank)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'asendusdoc' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
