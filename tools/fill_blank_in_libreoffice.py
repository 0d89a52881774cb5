"""Fill a family-support-referral blank (et) in LibreOffice through its own API, as a person would.

Run with the system Python that has LibreOffice's ``uno`` module (``python3-uno``):
``/usr/bin/python3 tools/fill_blank_in_libreoffice.py BLANK.docx FILLED PROFILE_DIR [TYPED...]``.
It types into the value cells (over the placeholders of drop-downs and dates), adds a row at
the end of the children's table as "insert row" does, and saves as DOCX (Word 2007-365), or as
OpenDocument when FILLED ends in ``.odt`` (what "Save As" keeps unless the type is changed).
Each TYPED is ``f_field=text`` (typed into that field instead of its usual text) or
``t_table:C=text`` (typed into column C of the table's last row).
tests/blank/test_libreoffice_blank.py reads the result back.
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
from typing import Any

import uno
from com.sun.star.beans import PropertyValue

FIELDS = {
    "f_case_reference": "NARVA-LK-2026-101",
    "f_document_date": "02.12.2026",
    "f_municipality__name": "Narva linn",
    "f_municipality__worker__name": "Jelena Smirnova",
    "f_municipality__worker__phone": "5123 4567",
    "f_family_type": "hoolduspere",
    "f_family__municipality": "Narva linn",
    "f_service_type": "kohanemiseks mõeldud teenus",
    "f_service_start": "05.01.2027",
    "f_justification": "Pere vajab tuge kohanemisel.\nLaps tuli perre novembris.",
    "f_previous_service": "ei",
}


def prop(name: str, value: Any) -> Any:
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def connect(port: int) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    for _ in range(120):
        try:
            return resolver.resolve(url)
        except Exception:
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not answer")


def type_into(cell: Any, text: str) -> None:
    """Select what the cell shows (a placeholder, or nothing) and type over it."""
    cursor = cell.createTextCursorByRange(cell.getStart())
    cursor.gotoEnd(True)
    cursor.setString(text)


def fill(desktop: Any, source: str, target: str, typed: dict[str, str]) -> None:
    url = uno.systemPathToFileUrl(source)
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    marks = doc.getBookmarks()

    def value_cell(name: str) -> Any:
        anchor = marks.getByName(name).getAnchor()
        table, cell = anchor.TextTable, anchor.Cell
        column, row = cell.CellName[0], cell.CellName[1:]
        return table.getCellByName(chr(ord(column) + 1) + row)

    def table_of(name: str) -> Any:
        return marks.getByName(name).getAnchor().TextTable

    for name, text in {**FIELDS, **typed}.items():
        if name.startswith("f_"):
            type_into(value_cell(name), text)
    caregivers = table_of("t_family__caregivers")
    for column, text in zip("BCE", ["Anna", "Tamm", "hooldusvanem"], strict=True):
        type_into(caregivers.getCellByName(f"{column}2"), text)
    children = table_of("t_family__children")
    children.getRows().insertByIndex(children.getRows().getCount(), 1)  # a row at the end
    last = children.getRows().getCount()
    for column, text in zip("BCE", ["Mia", "Tamm", "14.03.2019"], strict=True):
        type_into(children.getCellByName(f"{column}{last}"), text)
    type_into(table_of("t_goals").getCellByName("C2"), "Laps on perega kohanenud.")
    for name, text in typed.items():
        if name.startswith("t_"):
            table_name, _, column = name.partition(":")
            table = table_of(table_name)
            type_into(table.getCellByName(f"{column}{table.getRows().getCount()}"), text)
    kind = "writer8" if target.endswith(".odt") else "MS Word 2007 XML"
    doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", kind),))
    doc.close(True)


def main() -> None:
    source, target, profile = (os.path.abspath(a) for a in sys.argv[1:4])
    typed = dict(argument.split("=", 1) for argument in sys.argv[4:])
    port = free_port()
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--norestore",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
            f"--accept=socket,host=127.0.0.1,port={port};urp;",
        ]
    )
    try:
        context = connect(port)
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
        fill(desktop, source, target, typed)
        with contextlib.suppress(Exception):  # the office may be gone already
            desktop.terminate()
        office.wait(timeout=60)
    finally:
        if office.poll() is None:  # never leave the office running
            office.kill()
            office.wait()
    print("saved", target)


if __name__ == "__main__":
    main()
