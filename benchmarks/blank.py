"""The fillable blank at the size limits: make, read back, refuse a table that is too long.

Run from a checkout: ``python benchmarks/blank.py``. Prints seconds (median of three) for

* ``make_5000``: ``make_blank`` of a client diary with 5,000 entries (the most a diary may hold);
* ``read_5000``: ``read_blank`` of that blank (and checks that it reads back exactly);
* ``refuse_100000``: ``read_blank`` of a blank whose entries table has 100,000 rows (refused).
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from asendusdoc.blank import make_blank, read_blank
from asendusdoc.errors import InputError
from benchmarks.scaling import diary


def _median(step: Callable[[], object], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _with_rows(blank: bytes, rows: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blank)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                end = content.rindex(b"</w:tbl>")
                row = b"<w:tr><w:tc><w:p/></w:tc></w:tr>"
                content = content[:end] + row * rows + content[end:]
            target.writestr(info, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _refused(data: bytes) -> None:
    try:
        read_blank(data)
    except InputError:
        return
    raise AssertionError("a 100,000-row table was read")


def main() -> None:
    data = diary(5000)
    blank = make_blank("client-diary", "et", data)
    assert read_blank(blank).data == data
    huge = _with_rows(make_blank("client-diary", "et"), 100_000)
    figures = {
        "make_5000": _median(lambda: make_blank("client-diary", "et", data)),
        "read_5000": _median(lambda: read_blank(blank)),
        "refuse_100000": _median(lambda: _refused(huge)),
        "blank_5000_bytes": len(blank),
    }
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
