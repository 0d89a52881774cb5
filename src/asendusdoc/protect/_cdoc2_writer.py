"""A child process that writes one CDOC 2.0 envelope with pycdoc (see ``cdoc.encrypt_cdoc2``).

pycdoc writes to a path only, and in one process its writer is closed reliably only the first
time (later writers keep their file open). So each envelope is written by a fresh process: it
reads a JSON line (the file name and the recipients' certificates, base64 DER) and then the
document from standard input, and pycdoc writes the envelope to ``/dev/stdout``, a pipe to the
parent. Nothing touches the disk. Exit code 0: written; 3: pycdoc refused (reason on stderr).
"""

from __future__ import annotations

import base64
import json
import sys
from typing import Any


class _Refused(Exception):
    """pycdoc refused a step."""


def main() -> int:
    """Write the envelope; the reason of a refusal goes to standard error."""
    import pycdoc

    header = json.loads(sys.stdin.buffer.readline())
    data = sys.stdin.buffer.read()
    writer = pycdoc.CDocWriter.create_writer(2, "/dev/stdout", None, None, None)
    if writer is None:
        print("no writer", file=sys.stderr)
        return 3
    writer.thisown = True  # destroyed below: that flushes and closes its output
    try:
        _write(pycdoc, writer, header, data)
    except _Refused as refusal:
        print(refusal, file=sys.stderr)
        return 3
    finally:
        del writer
    return 0


def _write(pycdoc: Any, writer: Any, header: dict[str, Any], data: bytes) -> None:
    def check(result: int, step: str) -> None:
        if result != pycdoc.OK:
            detail = writer.get_last_error_str() or pycdoc.get_error_str(result)
            raise _Refused(f"{step}: {detail}")

    for number, der in enumerate(header["certificates"], 1):
        recipient = pycdoc.Recipient.make_certificate(f"r{number}", base64.b64decode(der))
        check(writer.add_recipient(recipient), "recipient")
    check(writer.begin_encryption(), "begin")
    check(writer.add_file(header["file_name"], len(data)), "file")
    check(writer.write_data(data), "data")
    check(writer.finish_encryption(), "finish")


if __name__ == "__main__":
    sys.exit(main())
