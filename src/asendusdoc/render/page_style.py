"""The page style of every document, written once: the PDF (reportlab) and the DOCX templates
(``tools/make_templates.py``) both take their page, margins, type sizes and colours from here.

Lengths are in millimetres, sizes in points, colours as ``RRGGBB`` hex. The PDF is set in DejaVu
Sans (embedded, it covers Estonian and Cyrillic); the DOCX names Arial, which Word and LibreOffice
have or substitute metrically, so a municipality's Word does not need our font.
"""

from __future__ import annotations

__all__ = [
    "BODY_SIZE",
    "CELL_PADDING_MM",
    "DOCX_FONT",
    "GRID_COLOUR",
    "HEADER_FILL",
    "LABEL_FILL",
    "LABEL_SHARE",
    "LANDSCAPE_COLUMNS",
    "MARGIN_BOTTOM_MM",
    "MARGIN_LEFT_MM",
    "MARGIN_RIGHT_MM",
    "MARGIN_TOP_MM",
    "PAGE_HEIGHT_MM",
    "PAGE_WIDTH_MM",
    "RUNNING_COLOUR",
    "RUNNING_DISTANCE_MM",
    "RUNNING_SIZE",
    "SECTION_SIZE",
    "SUBTITLE_SIZE",
    "TITLE_SIZE",
]

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_LEFT_MM = 25.0
"""The binding side: Estonian office documents keep 2.5 cm on the left."""
MARGIN_RIGHT_MM = 20.0
MARGIN_TOP_MM = 27.0
"""Room above the text for the running header: the access-restriction marking and the issuer."""
MARGIN_BOTTOM_MM = 20.0
RUNNING_DISTANCE_MM = 8.0
"""From the page edge to the running header and to the running footer."""

DOCX_FONT = "Arial"
BODY_SIZE = 10.0
TITLE_SIZE = 16.0
SUBTITLE_SIZE = 11.0
SECTION_SIZE = 12.0
RUNNING_SIZE = 7.5

GRID_COLOUR = "8C8C8C"
HEADER_FILL = "E7ECF2"
"""A table's header row."""
LABEL_FILL = "F4F6F8"
"""The label column of a field table."""
RUNNING_COLOUR = "404040"

LABEL_SHARE = 0.35
"""The label column of a field table: 35 % of the text width."""
CELL_PADDING_MM = 1.5

LANDSCAPE_COLUMNS = 7
"""A table with at least this many columns (the client diary's) goes on landscape pages."""
