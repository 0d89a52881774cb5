"""The reportlab kit of asendusdoc's PDFs: fonts, the page's measures, paragraph styles.

Shared by the documents' PDF (:mod:`asendusdoc.render.pdf`, :mod:`.pdf_story`), the
measurement both back ends use (:mod:`.measure`) and the needs report's PDF
(:mod:`asendusdoc.needs.pdf`), so that every PDF asendusdoc writes has one page style.

Everything is set in DejaVu Sans (shipped in ``asendusdoc/render/fonts``, embedded as subsets),
so Estonian and Cyrillic text is exact and no unembedded base-14 font appears.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from asendusdoc.i18n import LANGUAGE_TAGS
from asendusdoc.render import page_style as style

__all__ = [
    "BODY_SIZE",
    "CELL_PADDING",
    "CONTENT_WIDTH",
    "CONTROL_CHARACTERS",
    "FONT",
    "FONT_BOLD",
    "GRID_COLOUR",
    "HEADER_FILL",
    "LABEL_FILL",
    "LABEL_SHARE",
    "LANDSCAPE_WIDTH",
    "MARGIN_BOTTOM",
    "MARGIN_LEFT",
    "MARGIN_RIGHT",
    "MARGIN_TOP",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "RUNNING_COLOUR",
    "RUNNING_SIZE",
    "SETTING",
    "Setting",
    "current_setting",
    "current_styles",
    "heading",
    "hyphenation_language",
    "markup",
    "paragraph",
    "register_fonts",
    "styles_of",
]

FONT = "AsendusdocDejaVuSans"
FONT_BOLD = "AsendusdocDejaVuSans-Bold"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = style.MARGIN_LEFT_MM * mm
MARGIN_RIGHT = style.MARGIN_RIGHT_MM * mm
MARGIN_TOP = style.MARGIN_TOP_MM * mm
MARGIN_BOTTOM = style.MARGIN_BOTTOM_MM * mm
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
"""The text width of a portrait page; a landscape document's is :data:`LANDSCAPE_WIDTH`."""
LANDSCAPE_WIDTH = PAGE_HEIGHT - MARGIN_LEFT - MARGIN_RIGHT
LABEL_SHARE = style.LABEL_SHARE

BODY_SIZE = style.BODY_SIZE
RUNNING_SIZE = style.RUNNING_SIZE
GRID_COLOUR = colors.HexColor(f"#{style.GRID_COLOUR}")
HEADER_FILL = colors.HexColor(f"#{style.HEADER_FILL}")
LABEL_FILL = colors.HexColor(f"#{style.LABEL_FILL}")
RUNNING_COLOUR = colors.HexColor(f"#{style.RUNNING_COLOUR}")
CELL_PADDING = style.CELL_PADDING_MM * mm

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def _utf16_hex(code_point: int) -> str:
    return chr(code_point).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16 pairs.

    reportlab 5.1 writes ``<1F600>`` for an emoji, which PDF readers reject (the character is
    lost from copied and extracted text). For every other character the output is unchanged.
    """
    entries = [f"<{index:02X}> <{_utf16_hex(value)}>" for index, value in enumerate(subset)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@cache
def register_fonts() -> None:
    """Register DejaVu Sans regular and bold once per process, as one family (so ``<b>`` works)."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    fonts = files("asendusdoc.render") / "fonts"
    for name, filename in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        data = (fonts / filename).read_bytes()
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


def hyphenation_language(lang: str) -> str:
    """pyphen's dictionary of a document language (reportlab's ``hyphenationLang``): et_EE."""
    return LANGUAGE_TAGS.get(lang, LANGUAGE_TAGS["et"]).replace("-", "_")


@dataclass(frozen=True)
class Setting:
    """What the flowables of the document being laid out depend on: language and text width."""

    lang: str = "et"
    width: float = CONTENT_WIDTH


SETTING: ContextVar[Setting | None] = ContextVar("asendusdoc_pdf_setting", default=None)


def current_setting() -> Setting:
    return SETTING.get() or Setting()


def current_styles() -> dict[str, ParagraphStyle]:
    return styles_of(current_setting().lang)


@cache
def styles_of(lang: str) -> dict[str, ParagraphStyle]:
    """The paragraph styles of a document language: the body's, the headings', the table
    cells' (:func:`_cell_styles`) and the running header's and list items'."""
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=FONT,
        bulletFontName=FONT,  # the default bullet font is Helvetica
        fontSize=BODY_SIZE,
        leading=13,
        alignment=TA_LEFT,
        spaceAfter=4,
    )
    return {"body": body, **_heading_styles(body), **_cell_styles(body, lang),
            **_page_styles(body)}  # fmt: skip


def _heading_styles(body: ParagraphStyle) -> dict[str, ParagraphStyle]:
    """The document's title and subtitle, its meta lines, sections and blocks."""
    return {
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=style.TITLE_SIZE,
            leading=style.TITLE_SIZE * 1.25,
            spaceAfter=4,
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            parent=body,
            fontSize=style.SUBTITLE_SIZE,
            leading=style.SUBTITLE_SIZE * 1.27,
            spaceAfter=2,
        ),
        "meta": ParagraphStyle("meta", parent=body, spaceAfter=1),
        "section": ParagraphStyle(
            "section",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=style.SECTION_SIZE,
            leading=style.SECTION_SIZE * 1.25,
            spaceBefore=12,
            spaceAfter=5,
        ),
        "block": ParagraphStyle(
            "block", parent=body, fontName=FONT_BOLD, spaceBefore=4, spaceAfter=3
        ),
    }


def _cell_styles(body: ParagraphStyle, lang: str) -> dict[str, ParagraphStyle]:
    """Table cells. Cells of columns narrower than their text hyphenate (``cell_hyphenated``,
    pyphen's dictionary through reportlab): there a long word would otherwise leave a ragged
    gap. Text set the full width does not need it, and hyphenating costs a third of a
    document's time."""
    return {
        "cell": ParagraphStyle("cell", parent=body, leading=12.5, spaceAfter=0),
        "cell_hyphenated": ParagraphStyle(
            "cell_hyphenated",
            parent=body,
            leading=12.5,
            spaceAfter=0,
            hyphenationLang=hyphenation_language(lang),
            embeddedHyphenation=1,  # a word may also break after its own hyphen (Lääne-Harju)
            uriWasteReduce=0.3,
        ),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=FONT_BOLD, spaceAfter=0),
    }


def _page_styles(body: ParagraphStyle) -> dict[str, ParagraphStyle]:
    """The running header and footer, and list items."""
    return {
        "running": ParagraphStyle(
            "running",
            parent=body,
            fontSize=RUNNING_SIZE,
            leading=RUNNING_SIZE * 1.2,
            textColor=RUNNING_COLOUR,
            spaceAfter=0,
        ),
        "item": ParagraphStyle(
            "item", parent=body, leftIndent=7 * mm, bulletIndent=0, spaceAfter=2
        ),
    }


def markup(text: str) -> str:
    """User text as Paragraph markup: control characters dropped, escaped, line breaks kept."""
    cleaned = CONTROL_CHARACTERS.sub(
        "", text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")
    )
    return escape(cleaned).replace("\n", "<br/>")


def paragraph(text: str, style: str = "body") -> Paragraph:
    """User text as a paragraph in a style of the document being set."""
    return Paragraph(markup(text), current_styles()[style])


def heading(text: str, style: str) -> Paragraph:
    """A heading paragraph, which :mod:`.pdf_story` keeps with what follows it."""
    made = paragraph(text, style)
    made._asendusdoc_heading = True
    return made
