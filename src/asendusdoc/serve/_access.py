"""Who may call the service: a bearer key (its SHA-256 compared in constant time) or a TLS
client certificate checked by the TLS layer.

A refused request learns nothing beyond its status: 401 for no key or an unknown one, 403
for a known key without the operation. Every configured key is compared, whichever matches,
so the time of an answer does not tell how many keys there are or which one came close.
"""

from __future__ import annotations

import hmac

from asendusdoc.serve._problems import ProblemError
from asendusdoc.serve._settings import ServeSettings, key_digest

__all__ = ["CLIENT_CERTIFICATE", "authorize"]

CLIENT_CERTIFICATE = "client-certificate"
"""The caller's name in the access log when its TLS client certificate let it in."""


def authorize(settings: ServeSettings, authorization: str | None, operation: str) -> str:
    """The name of the caller allowed ``operation``; :class:`ProblemError` 401 or 403."""
    if settings.client_certificates:
        return CLIENT_CERTIFICATE  # the TLS handshake has required and checked it
    scheme, _, token = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized()
    digest = key_digest(token.strip())
    found = None
    for key in settings.keys:
        if hmac.compare_digest(digest, key.sha256) and found is None:
            found = key
    if found is None:
        raise _unauthorized()
    if operation not in found.operations:
        raise ProblemError(403, "forbidden")
    return found.name


def _unauthorized() -> ProblemError:
    return ProblemError(401, "unauthorized", headers={"WWW-Authenticate": "Bearer"})
