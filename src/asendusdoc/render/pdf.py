"""The PDF back end: a :class:`~asendusdoc.render.document.Document` laid out with reportlab,
on its pages (this module: the canvas, running header and footer, metadata, bytes). The story
set on the pages is :mod:`.pdf_story`; fonts, measures and styles are :mod:`.pdf_kit`.

Layout (the same order as the DOCX templates): a running header (author, case reference), the
title, subtitle, case reference and date, the parties, the numbered sections, the signature
blocks, and a running footer (title, "lk 2 / 5" or "стр. 2 из 5").

Everything is set in DejaVu Sans (shipped in ``asendusdoc/render/fonts``, embedded as subsets), so
Estonian and Cyrillic text is exact and no unembedded base-14 font appears. The output is
byte-identical for the same document: reportlab runs in invariant mode and the PDF dates are the
document's own date (``document_date_iso``).

reportlab writes neither tagged PDF nor PDF/A: the output sets ``/Lang``
and the document title, but it is not an accessible (tagged) PDF.

reportlab is imported by these modules only, so ``import asendusdoc`` stays light.
"""

from __future__ import annotations

import functools
import io
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
)

from asendusdoc._version import __version__
from asendusdoc.errors import InputError, RenderError
from asendusdoc.i18n import DOCUMENT_LANGUAGES, LANGUAGE_TAGS
from asendusdoc.read.budget import MAX_DOCUMENT_PAGES
from asendusdoc.render import page_style as style
from asendusdoc.render.document import Document, check_length, too_long
from asendusdoc.render.measure import is_landscape
from asendusdoc.render.pdf_kit import (
    BODY_SIZE,
    CONTENT_WIDTH,
    CONTROL_CHARACTERS,
    FONT,
    FONT_BOLD,
    GRID_COLOUR,
    LANDSCAPE_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    RUNNING_COLOUR,
    RUNNING_SIZE,
    SETTING,
    Setting,
    markup,
    register_fonts,
    styles_of,
)
from asendusdoc.render.pdf_story import document_story

__all__ = ["render_pdf", "render_pdf_bundle", "warm_up"]


def warm_up() -> None:
    """Load the fonts and styles now (e.g. before forking worker processes)."""
    for lang in DOCUMENT_LANGUAGES:
        styles_of(lang)


# ---------------------------------------------------------------- pages, metadata, bytes


def _display_title(document: Document) -> str:
    """Title + case reference: the PDF title and the bundle bookmark."""
    return f"{document.title} ({document.case_reference})"


def _pdf_date(iso: str) -> str:
    """``D:YYYYMMDD000000`` for the document date; the time of day is not part of a form."""
    try:
        day = date.fromisoformat(iso)
    except ValueError as exc:
        raise RenderError(
            f"document_date_iso is not an ISO date: {iso!r}", code="render_error"
        ) from exc
    return f"D:{day:%Y%m%d}000000"


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line, cut with an ellipsis to fit ``width``."""
    text = " ".join(CONTROL_CHARACTERS.sub("", text).split())
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class _StartDocument(Flowable):  # type: ignore[misc]
    """Zero-size marker at the start of each document: sets the page owner, adds the bookmark."""

    def __init__(self, index: int, bookmark: bool) -> None:
        super().__init__()
        self.index = index
        self.bookmark = bookmark
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        # The canvas holds pages back until the end (see _canvas_maker), so the bookmark itself is
        # added when the page is really written.
        self.canv._asendusdoc_owner = self.index
        if self.bookmark:
            self.canv._asendusdoc_marks.append(self.index)


def _canvas_maker(documents: Sequence[Document], pdf_date: str) -> type[Canvas]:
    """A canvas class that holds back the pages and draws header and footer once the total is known.

    Each page records which document it belongs to; page numbers count within that document.
    """
    running = [(document, _display_title(document)) for document in documents]

    class _NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.setDateFormatter(lambda *_: pdf_date)
            self._asendusdoc_owner = 0
            self._asendusdoc_marks: list[int] = []
            self._asendusdoc_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._asendusdoc_pages.append(dict(self.__dict__))
            self._asendusdoc_marks = []
            self._startPage()

        def save(self) -> None:
            owners = [page["_asendusdoc_owner"] for page in self._asendusdoc_pages]
            totals = Counter(owners)
            seen: dict[int, int] = {}
            for state, owner in zip(self._asendusdoc_pages, owners, strict=True):
                seen[owner] = seen.get(owner, 0) + 1
                self.__dict__.update(state)
                for index in state["_asendusdoc_marks"]:
                    key = f"document-{index}"
                    self.bookmarkPage(key)
                    self.addOutlineEntry(running[index][1], key, level=0)
                self._draw_running(owner, seen[owner], totals[owner])
                Canvas.showPage(self)
            Canvas.save(self)

        def _draw_running(self, owner: int, page: int, total: int) -> None:
            """The marking above the text; issuer, reference, title and page number below it."""
            document, title = running[owner]
            self.saveState()
            self.setFillColor(RUNNING_COLOUR)
            self.setStrokeColor(GRID_COLOUR)
            self.setLineWidth(0.4)
            _draw_marking(self, document)
            _draw_footer(self, document, title, page, total)
            self.restoreState()

    return _NumberedCanvas


def _draw_marking(canvas: Canvas, document: Document) -> None:
    """The access-restriction marking at the top of the page, ruled off below."""
    page_width, page_height = canvas._pagesize
    content_width = page_width - MARGIN_LEFT - MARGIN_RIGHT
    top = page_height - style.RUNNING_DISTANCE_MM * mm
    for line in document.restriction:
        marking = Paragraph(markup(line), styles_of(document.lang)["running"])
        height = marking.wrapOn(canvas, content_width, page_height)[1]
        top -= height
        marking.drawOn(canvas, MARGIN_LEFT, top)
    if document.restriction:
        canvas.line(MARGIN_LEFT, top - 1.5 * mm, page_width - MARGIN_RIGHT, top - 1.5 * mm)


def _draw_footer(canvas: Canvas, document: Document, title: str, page: int, total: int) -> None:
    """Below a rule: the issuer and the case reference, then the title and the page number."""
    labels = document.labels
    page_width = canvas._pagesize[0]
    content_width = page_width - MARGIN_LEFT - MARGIN_RIGHT
    right = page_width - MARGIN_RIGHT
    bottom = style.RUNNING_DISTANCE_MM * mm
    upper = bottom + RUNNING_SIZE * 1.3
    canvas.line(
        MARGIN_LEFT, upper + RUNNING_SIZE + 1.5 * mm, right, upper + RUNNING_SIZE + 1.5 * mm
    )
    reference = f"{labels.get('case_reference', '')}: {document.case_reference}"
    reference = _fit(canvas, reference, FONT, RUNNING_SIZE, content_width / 2)
    author_room = content_width - canvas.stringWidth(reference, FONT, RUNNING_SIZE) - 6 * mm
    canvas.setFont(FONT_BOLD, RUNNING_SIZE)
    canvas.drawString(
        MARGIN_LEFT, upper, _fit(canvas, document.author, FONT_BOLD, RUNNING_SIZE, author_room)
    )
    canvas.setFont(FONT, RUNNING_SIZE)
    canvas.drawRightString(right, upper, reference)
    number = f"{labels.get('page', '')} {page} {labels.get('page_of', '/')} {total}"
    number_width = canvas.stringWidth(number, FONT, RUNNING_SIZE)
    footer = _fit(canvas, title, FONT, RUNNING_SIZE, content_width - number_width - 6 * mm)
    canvas.drawString(MARGIN_LEFT, bottom, footer)
    canvas.drawRightString(right, bottom, number)


def _build(documents: Sequence[Document], *, bookmarks: bool) -> bytes:
    if not documents:
        raise RenderError("no documents to render", code="render_error")
    check_length(documents)
    register_fonts()
    first = documents[0]
    orientations = ["landscape" if is_landscape(d) else "portrait" for d in documents]
    story = _stories(documents, orientations, bookmarks=bookmarks)
    buffer = io.BytesIO()
    template = _template(buffer, documents, orientations[0])
    if bookmarks:
        template.pageMode = "UseOutlines"
    template.afterPage = functools.partial(_within_pages, template)
    try:
        template.build(
            story, canvasmaker=_canvas_maker(documents, _pdf_date(first.document_date_iso))
        )
    except (RenderError, InputError):
        raise
    except Exception as exc:  # reportlab raises LayoutError, ValueError, ... from deep inside
        raise RenderError(  # reportlab's text may quote a cell: never shown
            "the PDF of {form} could not be laid out ({kind}); please report it to the developers",
            code="render_error",
            form=first.form_id,
            kind=type(exc).__name__,
        ) from exc
    return buffer.getvalue()


def _within_pages(template: BaseDocTemplate) -> None:
    """After each page: refuse the document once it has more pages than the budget allows."""
    if template.page > MAX_DOCUMENT_PAGES:
        raise too_long()


def _stories(
    documents: Sequence[Document], orientations: list[str], *, bookmarks: bool
) -> list[Flowable]:
    """The documents' stories one after the other, each starting on a page of its orientation
    (NextPageTemplate applies to the page after the break; the first page's template is the
    template's first)."""
    story: list[Flowable] = []
    for index, document in enumerate(documents):
        if index:
            story += [NextPageTemplate(orientations[index]), PageBreak()]
        story.append(_StartDocument(index, bookmarks))
        width = LANDSCAPE_WIDTH if orientations[index] == "landscape" else CONTENT_WIDTH
        token = SETTING.set(Setting(document.lang, width))
        try:
            story += document_story(document)
        finally:
            SETTING.reset(token)
    return story


def _template(
    buffer: io.BytesIO, documents: Sequence[Document], first_orientation: str
) -> BaseDocTemplate:
    """The page templates (portrait and landscape, the first document's first) and the PDF's
    metadata, from the first document."""
    first = documents[0]
    version = f"asendusdoc {__version__}"
    pages = {"portrait": A4, "landscape": landscape(A4)}
    page_templates = [
        PageTemplate(id=name, pagesize=size, frames=[_text_frame(name, size)])
        for name, size in sorted(pages.items(), key=lambda item: item[0] != first_orientation)
    ]
    return BaseDocTemplate(
        buffer,
        pagesize=pages[first_orientation],
        pageTemplates=page_templates,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=_display_title(first) if len(documents) == 1 else first.title,
        author=first.author,
        subject=first.subtitle or first.form_id,
        creator=version,
        producer=version,
        keywords="",
        lang=LANGUAGE_TAGS.get(first.lang, first.lang),
        displayDocTitle=True,
        initialFontName=FONT,
        initialFontSize=BODY_SIZE,
        invariant=1,
        pageCompression=1,
    )


def _text_frame(name: str, size: tuple[float, float]) -> Frame:
    """The text area of a page of ``size``: the page within its margins, no padding."""
    return Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        size[0] - MARGIN_LEFT - MARGIN_RIGHT,
        size[1] - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=f"{name}-text",
    )


def render_pdf(document: Document) -> bytes:
    """The document as PDF bytes (A4), identical for the same document.

    Metadata: title = title + case reference, author, subject = subtitle (or the form id),
    creator and producer ``asendusdoc <version>``, ``/Lang`` et-EE or ru-RU, and creation and
    modification dates from ``document_date_iso``.
    """
    return _build([document], bookmarks=False)


def render_pdf_bundle(documents: Sequence[Document]) -> bytes:
    """Several documents in one PDF, each starting on a new page, with one bookmark per document.

    Page numbers count within each document ("lk 1 / 3" restarts at every document), since each
    document is signed and filed on its own. The bundle's metadata (language, author, dates) is
    the first document's; each bookmark reads title + case reference. Identical bytes for the
    same documents.
    """
    return _build(list(documents), bookmarks=True)
