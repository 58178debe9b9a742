"""Turn Sphinx's LaTeX output into PDFs and refuse a PDF that prints badly.

Usage: ``python -m bookkit.latex [--book DIR] BUILDDIR NAME [NAME ...]``

For each ``NAME.tex`` in ``BUILDDIR`` this runs latexmk (xelatex, xindy, as
Sphinx configured them), then reads ``NAME.log`` and the PDF and fails when:

* a character had no glyph in its font ("Missing character"): the page would
  silently lack it;
* a box is overfull, or any word of the PDF lies past the text block's
  edge: a code line or a word runs into the margin;
* a cross-reference is undefined;
* a font shape is undefined ("LaTeX Font Warning: Font shape ... undefined"):
  xelatex substitutes another face, so emphasis prints upright;
* a font is not embedded in the PDF (pdffonts): the file would not print
  the same elsewhere;
* the running head is taller than ``\\headheight`` (fancyhdr's warning):
  the text block then shifts from page to page.

Each finding names the place: the LaTeX line and, where the text can be
found, the chapter or example file and line it came from.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from bookkit.listings import BOOK, EXAMPLES, display

_MISSING = re.compile(
    r"^Missing character: There is no (.) \((U\+[0-9A-F]+)\) in font ([^!]*)"
)
_OVERFULL = re.compile(
    r"^Overfull \\hbox \((?P<pt>[\d.]+)pt too wide\) .*at lines? (?P<lines>\d+)"
)
_UNDEFINED = re.compile(
    r"^LaTeX Warning: (Reference|Citation|Hyper reference) `([^']*)' on page "
    r"(\d+) undefined"
)
_FONT_SHAPE = re.compile(
    r"^LaTeX Font Warning: Font shape `([^']*)' undefined"
)
_HEADHEIGHT = re.compile(
    r"^Package fancyhdr Warning: \\headheight is too small \((?P<pt>[\d.]+pt)\)"
)
#: Overfull boxes narrower than this are invisible in print.
TOLERANCE_PT = 0.5


class LatexCheckError(Exception):
    """The PDF was built but would not print as the book requires."""


def sources(book: Path = BOOK) -> Iterable[Path]:
    """The files whose text reaches the PDF."""
    yield from sorted(book.rglob("*.md"))
    yield from sorted(EXAMPLES.rglob("*.py"))


def find_in_sources(
    fragment: str, book: Path = BOOK, limit: int = 3
) -> list[str]:
    """``file:line`` of the first source lines containing ``fragment``."""
    found: list[str] = []
    for path in sources(book):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, text in enumerate(lines, 1):
            if fragment in text:
                found.append(f"{display(path)}:{number}")
                if len(found) >= limit:
                    return found
    return found


def _box_text(lines: list[str], start: int) -> str:
    """The text LaTeX printed for an overfull box, without font switches."""
    collected = []
    for text in lines[start + 1 : start + 6]:
        if not text.strip():
            break
        collected.append(text)
    raw = "".join(collected)
    raw = re.sub(r"\\T[U1]/[^ ]* ", "", raw)  # font selections
    raw = re.sub(r"\[\]|\\[a-zA-Z@]+|\$[^$]*\$", "", raw)
    return raw.strip()


def _fragment_of(text: str) -> str:
    words = [w for w in re.split(r"\s+", text) if len(w) > 3]
    return " ".join(words[:3]) if words else ""


def check_log(log: Path, book: Path = BOOK) -> list[str]:
    """Every problem the LaTeX log records, each naming its place."""
    problems: list[str] = []
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    tex = log.with_suffix(".tex").name
    for index, text in enumerate(lines):
        if match := _MISSING.match(text):
            char, code, font = match.groups()
            where = find_in_sources(char, book) or [
                "no chapter or example contains it"
            ]
            problems.append(
                f"missing glyph {char!r} ({code}) in font {font.split('/')[0]}: "
                + ", ".join(where)
            )
        elif (match := _OVERFULL.match(text)) and float(
            match["pt"]
        ) > TOLERANCE_PT:
            shown = _box_text(lines, index)
            fragment = _fragment_of(shown)
            where = find_in_sources(fragment, book) if fragment else []
            problems.append(
                f"overfull line ({match['pt']}pt too wide) at {tex}:{match['lines']}"
                + (f", from {', '.join(where)}" if where else "")
                + f": {shown[:80]!r}"
            )
        elif match := _FONT_SHAPE.match(text):
            problems.append(
                f"font shape {match[1]!r} is undefined ({tex}): LaTeX "
                "substituted another face; install its font (for DejaVu's "
                "italics, fonts-dejavu-extra)"
            )
        elif match := _HEADHEIGHT.match(text):
            problems.append(
                f"the running head is taller than \\headheight ({match['pt']}, "
                f"{tex}): fancyhdr moves the text down page by page; set "
                "\\headheight in conf.py's preamble"
            )
        elif match := _UNDEFINED.match(text):
            problems.append(
                f"undefined {match[1].lower()} {match[2]!r} on page {match[3]} ({tex})"
            )
    return sorted(set(problems), key=problems.index)


def check_fonts(pdf: Path) -> list[str]:
    """Fonts that the PDF uses but does not embed (from poppler's pdffonts)."""
    listing = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    problems = []
    for row in listing:
        fields = row.split()
        # name type [type...] encoding emb sub uni object ID: emb is 5th from end
        if len(fields) >= 7 and fields[-5] != "yes":
            problems.append(f"font {fields[0]} is not embedded in {pdf.name}")
    return problems


_LAYOUT = re.compile(
    r"^BOOK-LAYOUT: left=(?P<left>[\d.]+)pt width=(?P<width>[\d.]+)pt"
)
_WORD = re.compile(
    r'<word xMin="(?P<x0>[\d.]+)" yMin="[\d.]+" xMax="(?P<x1>[\d.]+)" '
    r'yMax="[\d.]+">(?P<text>[^<]*)</word>'
)


_WORD_BOX = re.compile(
    r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" '
    r'yMax="([\d.]+)">([^<]*)</word>'
)


_LINE = re.compile(
    r'<line xMin="(?P<x0>[\d.]+)" yMin="[\d.]+" xMax="(?P<x1>[\d.]+)" '
    r'yMax="(?P<y1>[\d.]+)">(?P<words>.*?)</line>',
    re.S,
)


def text_block(log: Path) -> tuple[float, float] | None:
    """The text block's left edge and width in PDF points (BOOK-LAYOUT)."""
    for line in log.read_text(errors="replace").splitlines():
        if match := _LAYOUT.match(line):
            # TeX points in the log, PDF ("big") points in poppler's output.
            return (
                float(match["left"]) * 72 / 72.27,
                float(match["width"]) * 72 / 72.27,
            )
    return None


_FOOT = re.compile(r"^BOOK-LAYOUT: .*\bfoot=(?P<foot>[\d.]+)pt")


def text_foot(log: Path) -> float | None:
    """The PDF y (from the top) of the text block's foot (BOOK-LAYOUT)."""
    for line in log.read_text(errors="replace").splitlines():
        if match := _FOOT.match(line):
            return float(match["foot"]) * 72 / 72.27
    return None


def check_foot(pdf: Path, log: Path, tolerance: float = 6.0) -> list[str]:
    """Lines set below the text block's foot, other than a page's folio: an
    unbreakable box (a listing in a minipage) that ran past the foot of
    its page (print review QB2).  The foot is the last line's baseline;
    poppler's box of a line reaches below it by the line's depth, up to
    4 pt here (a "continues on next page" hint, a line with inline code),
    so ``tolerance`` is less than the 10.5 pt of one line of a listing."""
    foot = text_foot(log)
    if foot is None:
        return [
            f"{log.name} has no BOOK-LAYOUT foot: is conf.py's preamble in place?"
        ]
    problems = []
    pages = bbox_layout(pdf).split("<page ")[1:]
    for number, page in enumerate(pages, 1):
        for line in _LINE.finditer(page):
            words = re.findall(r">([^<]*)</word>", line["words"])
            text = " ".join(html.unescape(w) for w in words)
            # Sphinx's "continues on next page" hint is set in the bottom
            # padding of a split listing's frame, up to 8 pt lower still.
            hint = text.strip() == _CONTINUES
            if float(line["y1"]) <= foot + tolerance + (6.0 if hint else 0.0):
                continue
            # The folio, 32 pt below the foot: only there is a number one.
            if (
                _FOLIO.fullmatch(text.strip())
                and float(line["y1"]) > foot + 20
            ):
                continue
            problems.append(
                f"page {number}: {text[:50]!r} is set "
                f"{float(line['y1']) - foot:.0f}pt below the foot of the "
                "text block"
            )
    return problems


#: The weights of a box's opening and closing rules (conf.py's sphinxnote):
#: neither is the 0.4 pt of a listing's frame or of the head rule.
OPENING_RULE_PT = 1.2
CLOSING_RULE_PT = 0.5


def _concat(
    m: tuple[float, ...], operands: list[Any]
) -> tuple[float, float, float, float, float, float]:
    """The current transformation ``m`` after a ``cm`` of ``operands``."""
    a, b, c, d, e, f = (float(x) for x in operands)
    return (
        a * m[0] + b * m[2],
        a * m[1] + b * m[3],
        c * m[0] + d * m[2],
        c * m[1] + d * m[3],
        e * m[0] + f * m[2] + m[4],
        e * m[1] + f * m[3] + m[5],
    )


def box_rules(pdf: Path) -> list[list[tuple[str, float]]]:
    """Each page's box rules, top to bottom, as ("open" or "close", the PDF
    y from the top): the full-width strokes of conf.py's sphinxnote, told
    apart by weight.  xdvipdfmx draws a rule as one stroke (``w``, ``m``,
    ``l``, ``S``) from the page's origin (the page's first ``cm``)."""
    import pypdf
    from pypdf.generic import ContentStream

    reader = pypdf.PdfReader(pdf)
    pages = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        found: list[tuple[str, float]] = []
        # The current transformation (a, b, c, d, e, f), saved by q and
        # restored by Q; a stroke's points are mapped through it.
        matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        saved: list[tuple[float, ...]] = []
        weight = 0.0
        start: tuple[float, float] | None = None
        segment: tuple[tuple[float, float], tuple[float, float]] | None = None
        for operands, op in ContentStream(
            page.get_contents(), reader
        ).operations:
            if op == b"q":
                saved.append(matrix)
            elif op == b"Q" and saved:
                matrix = saved.pop()  # type: ignore[assignment]
            elif op == b"cm":
                matrix = _concat(matrix, operands)
            elif op == b"w":
                weight = float(operands[0]) * abs(matrix[3])
            elif op == b"m":
                start = (float(operands[0]), float(operands[1]))
                segment = None
            elif op == b"l" and start is not None and segment is None:
                segment = (start, (float(operands[0]), float(operands[1])))
            elif op in (b"l", b"c", b"v", b"y", b"h", b"re"):
                start = segment = None  # not a path of one straight line
            elif op == b"S" and segment is not None:
                (sx, sy), (x, y) = segment
                x0 = matrix[0] * sx + matrix[2] * sy + matrix[4]
                x1 = matrix[0] * x + matrix[2] * y + matrix[4]
                y0 = matrix[1] * sx + matrix[3] * sy + matrix[5]
                y1 = matrix[1] * x + matrix[3] * y + matrix[5]
                top = height - y1
                level = abs(y1 - y0) < 0.01 and x1 - x0 > 300
                kind = {OPENING_RULE_PT: "open", CLOSING_RULE_PT: "close"}.get(
                    round(weight, 1)
                )
                if level and kind and 0.08 * height < top < 0.93 * height:
                    found.append((kind, top))
                start = segment = None
            elif op in (
                b"f",
                b"F",
                b"f*",
                b"B",
                b"B*",
                b"b",
                b"b*",
                b"n",
                b"s",
            ):
                start = segment = None
        pages.append(sorted(found, key=lambda rule: rule[1]))
    return pages


#: Operators that paint the current path (``n`` ends it unpainted: a clip).
_PAINT = {
    b"S": "stroke",
    b"s": "stroke",
    b"f": "fill",
    b"F": "fill",
    b"f*": "fill",
    b"B": "fill and stroke",
    b"B*": "fill and stroke",
    b"b": "fill and stroke",
    b"b*": "fill and stroke",
}


def _mapped(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    """A point through the transformation ``m`` (a, b, c, d, e, f)."""
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def painted_paths(pdf: Path) -> list[list[tuple[float, float, float]]]:
    """Each page's painted paths (frames, rules, backgrounds; not glyphs)
    as (left x, right x, PDF y from the top of the path's top), in PDF
    points, a stroke widened by half its line width on each side."""
    import pypdf
    from pypdf.generic import ContentStream

    reader = pypdf.PdfReader(pdf)
    pages = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        found: list[tuple[float, float, float]] = []
        matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        saved: list[tuple[tuple[float, ...], float]] = []
        weight = 1.0
        points: list[tuple[float, float]] = []

        for operands, op in ContentStream(
            page.get_contents(), reader
        ).operations:
            if op == b"q":
                saved.append((matrix, weight))
            elif op == b"Q" and saved:
                matrix, weight = saved.pop()  # type: ignore[assignment]
            elif op == b"cm":
                matrix = _concat(matrix, operands)
            elif op == b"w":
                weight = float(operands[0])
            elif op in (b"m", b"l"):
                points.append(
                    _mapped(matrix, float(operands[0]), float(operands[1]))
                )
            elif op in (b"c", b"v", b"y"):
                values = [float(x) for x in operands]
                points += [
                    _mapped(matrix, values[i], values[i + 1])
                    for i in range(0, len(values), 2)
                ]
            elif op == b"re":
                x, y, w, h = (float(v) for v in operands)
                points += [
                    _mapped(matrix, x + dx, y + dy)
                    for dx in (0.0, w)
                    for dy in (0.0, h)
                ]
            elif op in _PAINT and points:
                xs = [x for x, _ in points]
                ys = [y for _, y in points]
                # A stroke's width lies across it: a level line (a rule,
                # with butt caps) is no wider than its ends.
                half = (
                    weight * abs(matrix[0]) / 2
                    if "stroke" in _PAINT[op] and max(ys) - min(ys) > 0.01
                    else 0.0
                )
                top = height - max(ys)
                found.append((min(xs) - half, max(xs) + half, top))
                points = []
            elif op == b"n":
                points = []
        pages.append(found)
    return pages


def check_frames(pdf: Path, log: Path, tolerance: float = 0.5) -> list[str]:
    """Frames and rules that reach into a margin (print review PE15): every
    painted path lies within the text block's width, to ``tolerance``."""
    block = text_block(log)
    if block is None:
        return [
            f"{log.name} has no BOOK-LAYOUT line: is conf.py's preamble in place?"
        ]
    left, width = block
    right = left + width
    problems = []
    for number, paths in enumerate(painted_paths(pdf), 1):
        for x0, x1, top in paths:
            if x0 < left - tolerance or x1 > right + tolerance:
                side, by = (
                    ("left", left - x0)
                    if x0 < left - tolerance
                    else ("right", x1 - right)
                )
                problems.append(
                    f"page {number}: a frame or rule {top:.0f}pt from the "
                    f"top reaches {by:.1f}pt into the {side} margin"
                )
    return problems


#: A box's last text lines at the top of a page, apart from the rest of
#: the box, are fewer than this (print review R1).
BOX_END_ROWS = 3


def check_box_rules(pdf: Path) -> list[str]:
    """Pages that open with a box's closing rule (the box's last lines are
    on the page before), or with its last line or two above it, or that end
    with a box's opening rule."""
    problems = []
    for number, (rules, page) in enumerate(
        zip(box_rules(pdf), page_layout(pdf), strict=True), 1
    ):
        if not rules:
            continue
        first = page.rows[0].bottom if page.rows else 1e9
        last = page.rows[-1].bottom if page.rows else 0.0
        # A row's bottom is its text's box, 2-3 pt below the baseline: a
        # closing rule just under the first line is at about its bottom.
        if rules[0][0] == "close" and rules[0][1] < first - 9.0:
            problems.append(
                f"page {number}: a box's closing rule opens the page"
            )
        elif rules[0][0] == "close":
            # The box's last lines alone above its closing rule, the rest
            # of the box on the page before (print review R1).
            above = [
                row for row in page.rows if row.bottom < rules[0][1] + 9.0
            ]
            if 0 < len(above) < BOX_END_ROWS and all(
                row.kind == "text" for row in above
            ):
                problems.append(
                    f"page {number}: a box's last {len(above)} line(s) open "
                    f"the page, apart from the box: {above[0].text[:50]!r}"
                )
        if rules[-1][0] == "open" and rules[-1][1] > last:
            problems.append(
                f"page {number}: a box's opening rule ends the page"
            )
    return problems


def pdftotext(pdf: Path, *options: str) -> str:
    """The text poppler's ``pdftotext`` reads from ``pdf`` with ``options``
    (``-layout``, ``-bbox``, ``-f 3``): pages are separated by form feeds."""
    return subprocess.run(
        ["pdftotext", *options, str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def bbox_layout(pdf: Path) -> str:
    """poppler's layout of every word and line (``pdftotext -bbox-layout``)."""
    return pdftotext(pdf, "-bbox-layout")


def measure(pdf: Path, log: Path) -> list[int]:
    """The characters (spaces included) of each full line of running text.

    A full line is one that poppler's layout (``pdftotext -bbox-layout``)
    finds from the text block's left edge (or a paragraph indent) to its
    right edge: a justified line of prose. Code never reaches the right
    edge (its frame is inset), and a paragraph's short last line is left
    out.
    """
    block = text_block(log)
    if block is None:
        return []
    left, width = block
    layout = bbox_layout(pdf)
    lengths = []
    for line in _LINE.finditer(layout):
        full = abs(float(line["x1"]) - (left + width)) < 1.5
        if full and float(line["x0"]) < left + 25:
            words = re.findall(r">([^<]*)</word>", line["words"])
            lengths.append(len(" ".join(html.unescape(w) for w in words)))
    return lengths


#: Listing lines are set at 8.5 pt (conf.py's fvset), text at 11 pt and
#: notes at 9 pt: poppler gives a line a box as high as its type size.
CODE_LINE_HEIGHT = 8.75
#: Section and subsection titles are set at 14.4 and 12 pt (Sphinx's
#: \\Large and \\large): every word of theirs is taller than the words of
#: 11 pt running text (inline code's box is taller, so a row is a heading
#: only if its shortest word is this tall).
HEADING_LINE_HEIGHT = 11.5
_CONTINUED = "(continued from previous page)"
_FOLIO = re.compile(r"\d+|[ivxlc]+")
_CONTINUES = "continues on next page"


class Row(NamedTuple):
    """A row of a page's body: its kind (``code``, ``heading`` or
    ``text``), its text and the PDF y of its baseline side (from the top)."""

    kind: str
    text: str
    bottom: float


class Page(NamedTuple):
    """A page's body rows, its height, whether it has a running head (a
    chapter's first page, a part page and the front matter have none) and
    a folio (the title page and its verso have none)."""

    rows: list[Row]
    height: float
    headed: bool
    numbered: bool


def page_layout(pdf: Path) -> list[Page]:
    """Each page's body rows, top to bottom (see :class:`Row`); rows in the
    head and foot margins (running heads, folios) are left out."""
    layout = bbox_layout(pdf)
    pages = []
    for page in layout.split("<page ")[1:]:
        height_match = re.search(r'height="([\d.]+)"', page)
        assert height_match is not None
        height = float(height_match[1])
        rows: dict[
            int, tuple[float, float, float, list[tuple[float, str]]]
        ] = {}
        for line in re.finditer(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" '
            r'yMax="([\d.]+)">(.*?)</line>',
            page,
            re.S,
        ):
            top, bottom = float(line[2]), float(line[3])
            boxes = _WORD_BOX.findall(line[4])
            words = " ".join(html.unescape(w) for _, _, w in boxes)
            # The row's shortest word: a line of text with inline code in
            # it is as tall as Inconsolata's box (12.3 pt at 11.3 pt), a
            # heading's words are all tall.
            shortest = min(
                (float(y1) - float(y0) for y0, y1, _ in boxes),
                default=bottom - top,
            )
            tallest, least, lowest, parts = rows.get(
                round(bottom), (0.0, 1e9, 0.0, [])
            )
            parts.append((float(line[1]), words))
            rows[round(bottom)] = (
                max(tallest, bottom - top),
                min(least, shortest),
                max(lowest, bottom),
                parts,
            )
        body = []
        headed = numbered = False
        for y in sorted(rows):
            tallest, least, lowest, parts = rows[y]
            if y <= 0.08 * height:
                headed = True
            if y >= 0.93 * height:
                folio = " ".join(w for _, w in parts).strip()
                numbered = numbered or bool(_FOLIO.fullmatch(folio))
            if not 0.08 * height < y < 0.93 * height:
                continue
            if tallest < CODE_LINE_HEIGHT:
                kind = "code"
            elif least >= HEADING_LINE_HEIGHT:
                kind = "heading"
            else:
                kind = "text"
            text = " ".join(w for _, w in sorted(parts))
            body.append(Row(kind, text, lowest))
        pages.append(Page(body, height, headed, numbered))
    return pages


def page_rows(pdf: Path) -> list[list[tuple[str, str]]]:
    """Each page's body rows, top to bottom, as (kind, text).

    ``kind`` is ``code`` for a listing's line, ``heading`` for a section
    title and ``text`` otherwise; rows in the head and foot margins
    (running heads, folios) are left out.
    """
    return [
        [(row.kind, row.text) for row in page.rows]
        for page in page_layout(pdf)
    ]


def text_runs(pdf: Path) -> list[list[tuple[str, str, float]]]:
    """Each page's text runs, in the order pypdf reads them: the text, its
    font's PostScript name (subset prefix removed) and its size in TeX
    points (pypdf's text operators give PostScript points)."""
    import pypdf

    pages = []
    for page in pypdf.PdfReader(pdf).pages:
        runs: list[tuple[str, str, float]] = []

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font_dict: dict[str, object] | None,
            size: float,
            runs: list[tuple[str, str, float]] = runs,
        ) -> None:
            name = str((font_dict or {}).get("/BaseFont", "")).split("+")[-1]
            points = round(size * tm[3] * cm[3] * 72.27 / 72, 1)
            runs.append((text, name, points))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def font_sizes(pdf: Path, font: str) -> dict[float, int]:
    """How many characters the PDF sets in ``font`` (a PostScript name such
    as ``Inconsolata``) at each size, in TeX points."""
    sizes: dict[float, int] = {}
    for runs in text_runs(pdf):
        for text, name, points in runs:
            if text.strip() and name.startswith(font):
                sizes[points] = sizes.get(points, 0) + len(text.strip())
    return sizes


def _inline_codes(tex: str) -> set[str]:
    """The inline code of a .tex file, as printed (a few escapes undone)."""
    codes = set()
    for match in re.finditer(r"\\sphinxcode\{\\sphinxupquote\{(.*?)\}\}", tex):
        text = match[1].replace(r"\sphinxhyphen{}", "-")
        text = re.sub(r"\\([_{}&%$#])", r"\1", text)
        text = re.sub(r"\\textbackslash\{\}", "\\\\", text)
        codes.add(re.sub(r"\\[A-Za-z]+\{\}|\{\}", "", text))
    return codes


def code_lines_ending_in_a_hyphen(pdf: Path) -> list[str]:
    """Lines that end inside inline code just after a hyphen (``-`` of an
    option, ``->``, or one TeX added): a run of a mono face at least 10 pt
    tall (not a listing) whose text ends in ``-``."""
    found = []
    for number, page in enumerate(text_runs(pdf), start=1):
        for text, name, points in page:
            mono = "Mono" in name or "Inconsolata" in name
            end = text.rstrip()
            if mono and points >= 10 and end.endswith("-") and end != "-":
                found.append(f"page {number}: {end[-20:]}")
    return found


def hyphenated_code(pdf: Path, tex: Path) -> list[str]:
    """Inline code that TeX hyphenated: a run of a mono face at a line's end
    whose last character is a hyphen that the source does not have there
    (the code, joined with the next line's start without the hyphen, is
    inline code of the .tex; with the hyphen, it is not)."""
    codes = _inline_codes(tex.read_text(encoding="utf-8"))
    joined = "\n".join(codes)
    found: list[str] = []
    for number, page in enumerate(text_runs(pdf), start=1):
        runs = [
            (text, "Mono" in name or "Inconsolata" in name)
            for text, name, _ in page
            if text
        ]
        for k, (text, mono) in enumerate(runs):
            end = text.rstrip()
            if not (mono and end.endswith("-") and len(end.strip()) > 1):
                continue
            head = end.split()[-1]
            rest = "".join(t for t, _ in runs[k + 1 : k + 3]).lstrip()
            tail = rest.split()[0] if rest.split() else ""
            if not tail:
                continue
            if (
                head[:-1] + tail[:4] in joined
                and head + tail[:4] not in joined
            ):
                found.append(f"page {number}: {head}{tail}")
    return found


def code_advance(pdf: Path) -> float:
    """The width of one character of a listing, in PDF points: the median,
    over the words of the rows poppler lays out as code (see page_rows), of
    a word's width over its length (the face is monospaced)."""
    layout = bbox_layout(pdf)
    widths = []
    for line in re.finditer(
        r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" '
        r'yMax="([\d.]+)">(.*?)</line>',
        layout,
        re.S,
    ):
        if float(line[2]) - float(line[1]) >= CODE_LINE_HEIGHT:
            continue
        for word in _WORD.finditer(line[3]):
            text = html.unescape(word["text"])
            if len(text) >= 4:
                widths.append(
                    (float(word["x1"]) - float(word["x0"])) / len(text)
                )
    widths.sort()
    return widths[len(widths) // 2] if widths else 0.0


def check_pagination(pdf: Path, keep: int = 3) -> list[str]:
    """Listings split with fewer than ``keep`` lines on a page, interactive
    sessions split inside an example (:func:`session_break`), lead-in
    sentences (ending in ":") left at the foot of a page, their listing
    overleaf, and section titles stranded as a page's last row."""
    layout = page_layout(pdf)
    pages = [[(row.kind, row.text) for row in page.rows] for page in layout]
    problems = []
    for number, body in enumerate(pages, 1):
        if not body:
            continue
        if body[0][1].startswith(_CONTINUED):
            carried = []
            for kind, text in body[1:]:
                if kind != "code" or text.startswith(_CONTINUES):
                    break
                carried.append(text)
            if len(carried) < keep:
                problems.append(
                    f"page {number}: only {len(carried)} line(s) of a "
                    f"listing carried over: {carried}"
                )
        if body[-1][1].startswith(_CONTINUES):
            started = 0
            for kind, _ in reversed(body[:-1]):
                if kind != "code":
                    break
                started += 1
            # 0: a table's "continues on next page", not a listing's
            if 0 < started < keep:
                problems.append(
                    f"page {number}: a listing starts with only "
                    f"{started} line(s)"
                )
        following_body = pages[number] if number < len(pages) else []
        problem = session_break(body, following_body)
        if problem:
            problems.append(f"page {number}: {problem}")
        kind, text = body[-1]
        if kind == "heading" and layout[number - 1].numbered:
            problems.append(
                f"page {number}: the heading {text[:50]!r} is the last row "
                "of the page, its text overleaf"
            )
        following = pages[number] if number < len(pages) else []
        if kind == "text" and text.rstrip().endswith(":") and following:
            next_kind, next_text = following[0]
            if next_kind == "code" or next_text.startswith(
                (_CONTINUED, "Python 3.")
            ):
                problems.append(
                    f"page {number}: the lead-in {text[-50:]!r} is at the "
                    "foot of the page, its listing overleaf"
                )
    return problems


#: An interactive session splits only before a prompt, or inside a run of
#: input or output lines, with this many of the run's lines on each side
#: (bookkit.sphinxext.listing_breaks).
SESSION_KEEP = 3


def _is_input(text: str) -> bool:
    return text.startswith((">>>", "..."))


def session_break(
    page: list[tuple[str, str]], following: list[tuple[str, str]]
) -> str | None:
    """What is wrong where an interactive session (a listing with ``>>>``
    prompts) continues from ``page`` (rows as (kind, text)) onto
    ``following``: a call parted from its output, or a short run of input
    or output lines split. None if the page does not end so, or breaks
    before a prompt."""
    if not page or _CONTINUES not in page[-1][1]:
        return None
    before: list[str] = []
    for kind, text in reversed(page[:-1]):
        if kind != "code":
            break
        before.insert(0, text)
    after: list[str] = []
    for kind, text in following[1:] if following else []:
        if kind != "code" or _CONTINUES in text:
            break
        after.append(text)
    if not before or not after:
        return None
    if not any(text.startswith(">>>") for text in before + after):
        return None  # not a session
    if after[0].startswith(">>>"):
        return None
    run = _is_input(after[0])
    carried = 0
    for text in after:
        if _is_input(text) != run or (carried and text.startswith(">>>")):
            break
        carried += 1
    kept = 0
    for text in reversed(before):
        if _is_input(text) != run:
            break
        kept += 1
        if text.startswith(">>>"):
            break
    if not run and kept == 0:
        return (
            f"a session's call is parted from its output: {before[-1][:40]!r}"
            f" / {after[0][:40]!r}"
        )
    if kept < SESSION_KEEP or carried < SESSION_KEEP:
        what = "input" if run else "output"
        return (
            f"a session breaks inside a run of {what} with {kept} line(s) of "
            f"it before and {carried} after: {before[-1][:40]!r} / "
            f"{after[0][:40]!r}"
        )
    return None


#: A page inside a chapter may end at most this many lines of text above
#: the foot of the text block (print review PE2).
HOLE_LINES = 8


#: What may be kept with a listing at the top of a page: a heading, the
#: last lines of a lead-in (a lead-in of up to three lines cannot break:
#: no widows or orphans) and its version label; a short listing is kept
#: whole, a long one (more than 15 lines) by its first 6.
_KEPT_TEXT_ROWS = 3
#: An exercise's or a solution's box: its title is kept with its listing.
_BOX_TITLES = ("Exercise 1.", "Solution to ")
_WHOLE_ROWS = 15
_START_ROWS = 6
#: A box's last lines that a short listing keeps with it (sphinxext's
#: BOX_TAIL_LINES).
_BOX_TAIL_ROWS = 2


def _held_over(opening: list[Row], closing: float | None = None) -> float:
    """The height of what opens a page when it had to be set whole: the
    part of a listing that may not be split from its start, with its frame,
    what is kept with it before it, and the last lines of its box that are
    kept with a short listing (``closing``: the PDF y of the page's first
    box closing rule); 0 if the page does not open so."""
    height = 0.0
    text_rows = 0
    for index, row in enumerate(opening):
        if row.kind == "code":
            code = 0
            last = row.bottom
            for later in opening[index:]:
                # Inside a listing rows are whole lines apart (10.5 pt, or
                # 21 and 31.5 across blank lines); the next listing's frame
                # is off that grid (27.8 pt) or wider.
                gap = (later.bottom - last) / 10.5
                if (
                    later.kind != "code"
                    or gap > 3.5
                    or abs(gap - round(gap)) > 0.15
                ):
                    break
                code += 1
                last = later.bottom
            split = (
                index + code < len(opening)
                and _CONTINUES in opening[index + code].text
            )
            # Its lines from their positions: a blank line is no row.
            lines = round((last - row.bottom) / 10.5) + 1
            if split or lines > _WHOLE_ROWS:
                return height + _START_ROWS * 10.5 + 24.0
            # the box's last lines after it (bookkit.sphinxext's
            # BOX_TAIL_LINES), printed with it
            tail = [
                later
                for later in opening[index + code :]
                if closing is not None and later.bottom < closing + 9.0
            ]
            if 0 < len(tail) <= _BOX_TAIL_ROWS and all(
                later.kind == "text" for later in tail
            ):
                height += len(tail) * 13.6 + 12.0
            return height + lines * 10.5 + 24.0
        if row.kind == "heading" or row.text.startswith(_BOX_TITLES):
            height += 3 * 13.6  # KeepListingsWhole's room for a title
            continue
        height += 13.6
        if not row.text.startswith(("Python 3.", _CONTINUED)):
            text_rows += 1
            if text_rows > _KEPT_TEXT_ROWS:
                break
    return 0.0


def check_holes(pdf: Path, lines: int = HOLE_LINES) -> list[str]:
    """Pages inside a chapter whose last body row ends more than ``lines``
    lines of text (13.6 pt) above the text block's foot.

    The foot is where most full pages end (the median of the pages' last
    rows). A page is excused when the next page has no running head (the
    chapter ends there) or opens with a listing (or its version label)
    longer than the hole, which could not have been set in it.
    """
    pages = page_layout(pdf)
    rules = box_rules(pdf)
    ends = sorted(p.rows[-1].bottom for p in pages if p.headed and p.rows)
    if not ends:
        return []
    foot = ends[len(ends) // 2]
    problems = []
    for number, page in enumerate(pages, 1):
        if not page.headed or not page.rows or number == len(pages):
            continue
        following = pages[number]
        if not following.headed or not following.rows:
            continue  # the chapter (or the part) ends on this page
        hole = foot - page.rows[-1].bottom
        if hole <= lines * 13.6:
            continue
        closes = [y for kind, y in rules[number] if kind == "close"]
        if _held_over(following.rows, min(closes, default=None)) > hole:
            continue
        problems.append(
            f"page {number}: ends {hole:.0f}pt ({hole / 13.6:.0f} lines) "
            f"above the foot of the text block, after "
            f"{page.rows[-1].text[:50]!r}"
        )
    return problems


def check_margins(pdf: Path, log: Path, book: Path = BOOK) -> list[str]:
    """Words that run past the text block's edge: a line too wide to print.

    Sphinx's code boxes do not report an overfull line in the LaTeX log; they
    let it run into the margin. So the PDF itself is read (poppler's
    ``pdftotext -bbox``) and every word is checked against the text block
    that conf.py's preamble reports (``BOOK-LAYOUT`` in the log).
    """
    block = text_block(log)
    if block is None:
        return [
            f"{log.name} has no BOOK-LAYOUT line: is conf.py's preamble in place?"
        ]
    left, width = block
    edge = left + width + TOLERANCE_PT
    words = pdftotext(pdf, "-bbox")
    problems = []
    for number, page in enumerate(words.split("<page ")[1:], 1):
        for word in _WORD.finditer(page):
            # Line numbers hang up to 18 pt into the left margin.
            if float(word["x1"]) > edge or float(word["x0"]) < left - 20.0:
                text = html.unescape(word["text"])
                where = find_in_sources(text[:30], book) or [
                    "source not found"
                ]
                problems.append(
                    f"text runs into the margin on page {number} "
                    f"({float(word['x1']) - edge + TOLERANCE_PT:.1f}pt too wide), "
                    f"from {', '.join(where)}: {text[:60]!r}"
                )
    return problems


#: Sphinx's xindy style gives a page range no separator ("200203" for
#: pages 200 to 203): this line, added to it, prints 200, an en dash and 203.
XINDY_RANGE = '(markup-range :sep "\\textendash{}")'


def _index_ranges(builddir: Path) -> None:
    style = builddir / "sphinx.xdy"
    if not style.exists():
        return
    text = style.read_text(encoding="utf-8")
    if XINDY_RANGE not in text:
        style.write_text(text + "\n" + XINDY_RANGE + "\n", encoding="utf-8")


def build(builddir: Path, name: str) -> Path:
    """Run latexmk on ``NAME.tex``; raise with the LaTeX error if it fails.

    The Makefile that Sphinx writes beside the ``.tex`` files knows how to
    call latexmk and xindy for this configuration; it is used as it is.
    """
    _index_ranges(builddir)
    result = subprocess.run(
        [
            "make",
            "-C",
            str(builddir),
            f"{name}.pdf",
            "LATEXMKOPTS=-g",  # rebuild even if an earlier run failed half-way
            "LATEXOPTS=-interaction=nonstopmode -halt-on-error -file-line-error",
        ],
        capture_output=True,
        text=True,
        # TeX wraps its log at 79 columns unless told otherwise; the checks
        # below read one message per line.
        env={**os.environ, "max_print_line": "100000"},
    )
    if result.returncode != 0:
        log = builddir / f"{name}.log"
        text = (
            log.read_text(errors="replace") if log.exists() else result.stdout
        )
        errors = [
            line for line in text.splitlines() if line.startswith(("!", "./"))
        ]
        detail = (
            "\n".join(errors[:20])
            or result.stdout[-3000:] + result.stderr[-2000:]
        )
        raise LatexCheckError(
            f"LaTeX failed on {builddir / name}.tex:\n{detail}"
        )
    return builddir / f"{name}.pdf"


def main(argv: list[str]) -> int:
    book = BOOK
    if argv[:1] == ["--book"] and len(argv) > 1:
        book, argv = Path(argv[1]).resolve(), argv[2:]
    if len(argv) < 2:
        print(
            "usage: python -m bookkit.latex [--book DIR] BUILDDIR NAME [NAME ...]",
            file=sys.stderr,
        )
        return 2
    builddir = Path(argv[0])
    failed = False
    for name in argv[1:]:
        print(
            f"latex: {builddir / name}.pdf (xelatex; log: {builddir / name}.log)",
            flush=True,
        )
        try:
            pdf = build(builddir, name)
        except LatexCheckError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed = True
            continue
        log = builddir / f"{name}.log"
        problems = (
            check_log(log, book)
            + check_margins(pdf, log, book)
            + check_foot(pdf, log)
            + check_frames(pdf, log)
            + check_fonts(pdf)
        )
        for problem in problems:
            print(f"error: {pdf}: {problem}", file=sys.stderr)
        if problems:
            # A PDF that prints badly is not a finished PDF: do not leave it
            # where it could be taken for one.
            pdf.rename(pdf.with_suffix(".rejected.pdf"))
            failed = True
        else:
            # A PDF an earlier build refused is not left beside this one.
            pdf.with_suffix(".rejected.pdf").unlink(missing_ok=True)
            print(
                f"checked {pdf}: every glyph present, no overfull line,"
                " nothing below the foot, no frame in a margin, fonts embedded"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


_IND_CODE = re.compile(
    r"^\s*\\item \\spxentry\{\\bookindexcode\{(?P<term>(?:[^{}]|\{\})*)\}\}"
    r"(?P<pages>.*)$"
)


def misplaced_index_locators(pdf: Path, ind: Path) -> list[str]:
    """Code terms of the index (``NAME.ind``) whose locator names a page
    that does not print the term (print review PE3).

    The page's text is poppler's (``pdftotext``), compared with all
    whitespace removed, since code may break at a dot; a page label is
    the last page of the PDF that carries it (the title and its verso
    repeat "1" and "2").
    """
    import pypdf

    labels = list(pypdf.PdfReader(pdf).page_labels)
    last = {label: number for number, label in enumerate(labels)}
    text = pdftotext(pdf)
    pages = [re.sub(r"\s+", "", page) for page in text.split("\f")]
    problems = []
    for line in ind.read_text(encoding="utf-8").splitlines():
        match = _IND_CODE.match(line)
        if match is None:
            continue
        term = match["term"].replace(r"\allowbreak{}", "")
        term = term.replace(r"\sphinxhyphen{}", "-").replace(
            r"\textbar{}", "|"
        )
        term = re.sub(r"\\([_#&%$])", r"\1", term)
        for label in re.findall(r"\\hyperpage\{([^}]*)\}", match["pages"]):
            for page in label.split(r"\textendash{}")[:1]:
                number = last.get(page)
                if (
                    number is None
                    or term.replace(" ", "") not in pages[number]
                ):
                    problems.append(f"{term}, {page}")
    return problems
