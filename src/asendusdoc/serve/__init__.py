"""The HTTP service (``asendusdoc serve``): the library's operations for systems not in Python.

::

    from asendusdoc.serve import ServeSettings, all_operations_key, create_app
    app = create_app(ServeSettings(keys=(all_operations_key("a long random key"),), workers=2))
    # run ``app`` with any ASGI server; ``asendusdoc serve`` runs it with uvicorn

Routes only: each address checks the key and the limits, and hands the body to a worker
process that calls the library (:func:`asendusdoc.produce`, :func:`asendusdoc.validate_form`,
the readers of documents, the case checks, the suggestions). Needs the ``serve`` extra
(``pip install "asendusdoc[serve]"``).
"""

from __future__ import annotations

from asendusdoc.serve._application import create_app
from asendusdoc.serve._settings import (
    OPERATIONS,
    ApiKey,
    Limits,
    ServeSettings,
    all_operations_key,
    key_digest,
    keys_from_toml,
)

__all__ = [
    "OPERATIONS",
    "ApiKey",
    "Limits",
    "ServeSettings",
    "all_operations_key",
    "create_app",
    "key_digest",
    "keys_from_toml",
]
