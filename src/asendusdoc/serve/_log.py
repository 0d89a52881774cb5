"""Structured (JSON) logs: one line per request, and the server's own messages.

An access line names the operation, the form id, the status, the duration, the sizes and
the caller's key name; never a value of a form, a file name, a query string or an address.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

__all__ = ["ACCESS", "JsonFormatter", "access_line", "logging_config"]

ACCESS = logging.getLogger("asendusdoc.serve.access")


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object: time, level, logger, message and our fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            line.update(fields)
        else:
            line["message"] = record.getMessage()
        if record.exc_info and record.exc_info[0] is not None:
            line["error"] = record.exc_info[0].__name__  # the kind only: no values, no traceback
        return json.dumps(line, ensure_ascii=False)


def access_line(**fields: Any) -> None:
    """Write one access line."""
    ACCESS.info("request", extra={"fields": {"event": "request", **fields}})


def logging_config(level: str = "info") -> dict[str, Any]:
    """The ``logging.config`` dict for uvicorn and the service: JSON lines on stderr."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"stderr": handler},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": level.upper(), "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "asendusdoc.serve": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        },
    }
