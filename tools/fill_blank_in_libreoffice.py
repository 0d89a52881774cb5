"""Fill a family-support-referral blank (et) in LibreOffice through its own API, as a person would.

Run with the system Python that has LibreOffice's ``uno`` module (``python3-uno``):
``/usr/bin/python3 tools/fill_blank_in_libreoffice.py BLANK.docx FILLED.docx PROFILE_DIR``.
It types into the value cells (over the placeholders of drop-downs and dates), adds a row at
the end of the children's table as "insert row" does, and saves as DOCX (Word 2007-365).
tests/blank/test_libreoffice_blank.py reads the result back.
"""

import contextlib
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

src, out, profile = sys.argv[1], sys.argv[2], sys.argv[3]
proc = subprocess.Popen(
    [
        "soffice",
        "--headless",
        "--norestore",
        "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
        "--accept=socket,host=127.0.0.1,port=2017;urp;",
    ]
)
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext(
    "com.sun.star.bridge.UnoUrlResolver", local
)
for _ in range(60):
    try:
        ctx = resolver.resolve(
            "uno:socket,host=127.0.0.1,port=2017;urp;StarOffice.ComponentContext"
        )
        break
    except Exception:
        time.sleep(0.5)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def prop(n, v):
    p = PropertyValue()
    p.Name = n
    p.Value = v
    return p


doc = desktop.loadComponentFromURL(
    uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),)
)
marks = doc.getBookmarks()


def value_cell(name):
    anchor = marks.getByName(name).getAnchor()
    table, cell = anchor.TextTable, anchor.Cell
    col, row = cell.CellName[0], cell.CellName[1:]
    return table.getCellByName(chr(ord(col) + 1) + row)


def type_into(cell, text):
    """Select what the cell shows (a placeholder, or nothing) and type over it."""
    cursor = cell.createTextCursorByRange(cell.getStart())
    cursor.gotoEnd(True)
    cursor.setString(text)


fields = {
    "f_case_reference": "NARVA-LK-2026-101",
    "f_document_date": "02.12.2026",
    "f_municipality__name": "Narva linn",
    "f_municipality__worker__name": "Jelena Smirnova",
    "f_municipality__worker__phone": "5123 4567",
    "f_family_type": "hooldusperi",
    "f_family__municipality": "Narva linn",
    "f_service_type": "kohanemiseks mõeldud teenus",
    "f_service_start": "05.01.2027",
    "f_justification": "Pere vajab tuge kohanemisel.\nLaps tuli perre novembris.",
    "f_previous_service": "ei",
}
for name, text in fields.items():
    type_into(value_cell(name), text)


def table_of(name):
    return marks.getByName(name).getAnchor().TextTable


caregivers = table_of("t_family__caregivers")
for col, text in zip("BCDE", ["Anna", "Tamm", "", "hooldusvanem"], strict=True):
    if text:
        type_into(caregivers.getCellByName(f"{col}2"), text)
children = table_of("t_family__children")
children.getRows().insertByIndex(children.getRows().getCount(), 1)  # a row added at the end
last = children.getRows().getCount()
for col, text in zip("BCDE", ["Mia", "Tamm", "", "14.03.2019"], strict=True):
    if text:
        type_into(children.getCellByName(f"{col}{last}"), text)
goals = table_of("t_goals")
type_into(goals.getCellByName("C2"), "Laps on perega kohanenud.")
doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "MS Word 2007 XML"),))
doc.close(True)
with contextlib.suppress(Exception):  # the office may be gone already
    desktop.terminate()
proc.wait(timeout=30)
print("saved", out)
