"""Library warnings and log records kept from a user's screen while asendusdoc works.

Its own module, below everything, so that a command that touches none of those libraries (a
plain JSON form validated) need not import the product or the protection to be quiet.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["QUIET_LOGGERS", "quiet_libraries"]

QUIET_LOGGERS = ("pypdf", "pyhanko", "pyhanko_certvalidator", "fontTools", "PIL", "docxtpl")
"""The libraries whose log records go nowhere while asendusdoc works: pypdf quotes strings
from the PDF it reads (text from outside), the others speak of their own internals."""


@contextmanager
def quiet_libraries() -> Iterator[None]:
    """Library warnings (Python warnings such as pyhanko's CryptographyDeprecationWarning, and
    the log records of :data:`QUIET_LOGGERS`) go nowhere a user sees them while the block runs;
    the loggers' levels are restored after it."""
    loggers = [logging.getLogger(name) for name in QUIET_LOGGERS]
    levels = [logger.level for logger in loggers]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for logger in loggers:
            logger.setLevel(logging.CRITICAL + 1)
        try:
            yield
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)
