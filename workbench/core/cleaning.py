"""Turn scraped article text into clean paragraphs, dropping page furniture but never a sentence.

Scraped pages carry navigation lines, font-size pickers and photo captions printed twice. The rules
below are general shapes of such furniture, not lists of strings from one site, and each one refuses
to touch a line that reads like a sentence: losing an article sentence is worse than keeping a stray
menu word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.core.models import Paragraph, Role
from workbench.core.page_chrome import (
    MIDDLE_UI,
    RELATED_MARKER,
    ends_sentence,
    is_byline_or_date,
    is_chrome,
    is_furniture,
    is_menu_line,
    is_sentence,
    is_stamp,
    is_ui_line,
    looks_like_caption,
)

PARAGRAPH_SEPARATOR = "\n\n"

_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Runs of ASCII whitespace and line separators inside a paragraph become one space. Other spaces
# (no-break, thin) are characters the author chose, so they stay.
_INNER_SPACE = re.compile(r"[ \t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")
_TINY_TOKEN = re.compile(r"[^\W\d_]{1,3}")
_BYLINE = re.compile(r"^[Bb]y\s+([^,|•·]{3,60}?)\s*(?:[,|•·].*)?$")
_MAX_TITLE_WORDS = 25
_MIN_TITLE_WORDS = 3
_MAX_TITLE_CHARS = 200
_HEADLINE_WORDS = (5, 25)


@dataclass(frozen=True)
class CleanedText:
    """Cleaned text with its paragraphs, and the headline and byline found at the top, if any."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    title: str | None = None
    author: str | None = None


@dataclass
class _Unit:
    text: str
    role: Role = Role.BODY
    alone: bool = False  # the unit was a whole block on its own (a line between blank lines)
    block: int = 0  # which block (lines between blank lines) it came from


def clean_text(raw: str) -> tuple[str, tuple[Paragraph, ...]]:
    """Clean plain article text; a leading headline is left out (it is the article's title)."""
    cleaned = clean_blocks(split_blocks(raw), find_title=True)
    return cleaned.text, cleaned.paragraphs


def split_blocks(raw: str) -> list[list[str]]:
    """Split text at blank lines into blocks of non-blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in _LINE_BREAK.split(raw):
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def clean_blocks(
    blocks: Sequence[Sequence[str]],
    *,
    find_title: bool,
    known_title: str | None = None,
    line_per_paragraph: bool = True,
) -> CleanedText:
    """Clean blocks of lines (paragraphs as the reader saw them).

    ``find_title`` lets a headline at the top become the title; ``known_title`` (from metadata) is
    dropped from the top of the body instead, so it is not read twice. ``line_per_paragraph`` reads
    a block whose lines all end a sentence as one paragraph per line (plain text saved without blank
    lines); Markdown turns it off, since there a paragraph's lines are one paragraph by definition.
    """
    lines = _drop_tiny_runs([[_squeeze(line) for line in block] for block in blocks])
    units = _mark_repeats(_units_from_blocks(lines, line_per_paragraph))
    units = [u for u in units if not is_chrome(u.text) and not is_stamp(u.text)]
    for unit in units:
        if unit.role is Role.BODY and looks_like_caption(unit.text):
            unit.role = Role.CAPTION
    if known_title is not None:
        units = _drop_leading_title(units, known_title)
    units, author = _take_byline(units)
    units, title = _clean_head(units, find_title=find_title and known_title is None)
    units = _clean_tail(_drop_link_lists_and_menus(units))
    units = [u for u in units if not MIDDLE_UI.fullmatch(u.text)]
    return _assemble(units, title, author)


def _squeeze(line: str) -> str:
    return _INNER_SPACE.sub(" ", line).strip()


def _drop_tiny_runs(blocks: list[list[str]]) -> list[list[str]]:
    """Drop runs of three or more 1-3-letter lines, like a font-size picker (XS / SM / MD / LG)."""
    flat = [(b, i) for b, block in enumerate(blocks) for i in range(len(block))]
    doomed: set[tuple[int, int]] = set()
    run: list[tuple[int, int]] = []
    for b, i in [*flat, (-1, -1)]:
        if b >= 0 and _TINY_TOKEN.fullmatch(blocks[b][i]):
            run.append((b, i))
            continue
        if len(run) >= 3:
            doomed.update(run)
        run = []
    kept = [
        [line for i, line in enumerate(block) if (b, i) not in doomed and line]
        for b, block in enumerate(blocks)
    ]
    return [block for block in kept if block]


def _units_from_blocks(blocks: Iterable[list[str]], line_per_paragraph: bool) -> list[_Unit]:
    """Make paragraphs: a line printed twice in a row is a caption; other lines join up.

    Otherwise the lines are a hard-wrapped paragraph and are joined (see ``line_per_paragraph``).
    """
    units: list[_Unit] = []
    for number, block in enumerate(blocks):
        first = len(units)
        pending: list[str] = []
        parts: list[_Unit] = []
        for line in block:
            if pending and line == pending[-1]:
                pending.pop()
                parts.extend(_join_lines(pending, line_per_paragraph))
                parts.append(_Unit(line, Role.CAPTION))
                pending = []
            elif (
                not pending and parts and parts[-1].role is Role.CAPTION and parts[-1].text == line
            ):
                continue  # printed a third time
            else:
                pending.append(line)
        parts.extend(_join_lines(pending, line_per_paragraph))
        if len(parts) == 1 and len(block) == 1:
            parts[0].alone = True
        units.extend(parts)
        for unit in units[first:]:
            unit.block = number
    return units


def _join_lines(lines: list[str], line_per_paragraph: bool) -> list[_Unit]:
    if not lines:
        return []
    if line_per_paragraph and len(lines) > 1 and not _looks_hard_wrapped(lines):
        return [_Unit(line) for line in lines]
    return [_Unit(" ".join(lines))]


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Prose wrapped at a fixed width, whose lines must be joined back into paragraphs.

    Text copied from a web page has one element per line instead: menu items, a headline, a
    byline, then whole paragraphs, so a line that does not end a sentence is followed by one that
    starts with a capital. Wrapped prose carries on in lower case, or keeps every line but the
    last at much the same width (50 to 100 characters).
    """
    open_breaks = [i for i, line in enumerate(lines[:-1]) if not ends_sentence(line)]
    if not open_breaks:
        return False  # every line ends a sentence: one paragraph per line
    carried = sum(1 for i in open_breaks if lines[i + 1][:1].islower())
    if carried >= 0.3 * len(open_breaks):
        return True
    return all(50 <= len(line) <= 100 for line in lines[:-1])


def _mark_repeats(units: list[_Unit]) -> list[_Unit]:
    """A paragraph repeated verbatim right after itself is a caption; keep it once."""
    kept: list[_Unit] = []
    for unit in units:
        if kept and kept[-1].text == unit.text:
            kept[-1].role = Role.CAPTION
            kept[-1].alone = False
            continue
        kept.append(unit)
    return kept


def _drop_leading_title(units: list[_Unit], title: str) -> list[_Unit]:
    wanted = _squeeze(title).casefold()
    if units and units[0].text.casefold() == wanted:
        return units[1:]
    return units


def _clean_head(units: list[_Unit], *, find_title: bool) -> tuple[list[_Unit], str | None]:
    """Drop menu lines above the first sentence; a headline-like line there is the title."""
    start = next(
        (i for i, u in enumerate(units) if u.role is Role.BODY and is_sentence(u.text)),
        len(units),
    )
    head, rest = units[:start], units[start:]
    if not rest:
        return units, None  # nothing reads like an article: keep what there is
    first_caption = next((i for i, u in enumerate(head) if u.role is Role.CAPTION), len(head))
    title_index = _pick_title(head[:first_caption]) if find_title else None
    title = head[title_index].text if title_index is not None else None
    kept = [
        u
        for i, u in enumerate(head)
        if u.role is Role.CAPTION
        or (
            (title_index is None or i > title_index)  # above the headline is the site's chrome
            and not is_furniture(u.text, edge=True)
            and not is_byline_or_date(u.text)
        )
    ]
    return kept + rest, title


def _pick_title(head: list[_Unit]) -> int | None:
    """The first headline-like line of three words or more (shorter ones are section labels such
    as "World"); a longer deck below the headline stays in the body."""
    candidates = [
        (i, len(unit.text.split()))
        for i, unit in enumerate(head)
        if unit.alone
        and 2 <= len(unit.text.split()) <= _MAX_TITLE_WORDS
        and len(unit.text) <= _MAX_TITLE_CHARS
        and not unit.text.endswith((".", ":", ";", ","))
        and not is_ui_line(unit.text, any_length=True)
        and not is_byline_or_date(unit.text)
    ]
    for i, words in candidates:
        if words >= _MIN_TITLE_WORDS:
            return i
    if candidates:
        return max(candidates, key=lambda c: c[1])[0]
    # Copied from a web page the headline shares its block with the menu and byline: take the
    # longest headline-like line there (menu items, section labels and bylines are shorter).
    lines = [
        i
        for i, unit in enumerate(head)
        if _HEADLINE_WORDS[0] <= len(unit.text.split()) <= _MAX_TITLE_WORDS
        and len(unit.text) <= _MAX_TITLE_CHARS
        and not ends_sentence(unit.text)
        and not unit.text.endswith((":", ";", ","))
        and not is_ui_line(unit.text, any_length=True)
        and not is_byline_or_date(unit.text)
    ]
    return max(lines, key=lambda i: len(head[i].text.split())) if lines else None


def _drop_link_lists_and_menus(units: list[_Unit]) -> list[_Unit]:
    """Below the first sentence, drop a "Related Stories" marker with the headlines in its block,
    and whole blocks that are mostly short menu lines (topic tags, footers), sentences and all:
    "PBA acknowledges ..." in a footer is not the story's last sentence."""
    start = next((i for i, u in enumerate(units) if is_sentence(u.text)), len(units))
    by_block: dict[int, list[_Unit]] = {}
    for unit in units[start:]:
        by_block.setdefault(unit.block, []).append(unit)
    doomed: set[int] = set()
    for members in by_block.values():
        if len(members) >= 4 and sum(is_menu_line(u.text) for u in members) >= 0.6 * len(members):
            doomed.update(id(u) for u in members)
            continue
        in_links = False
        if len(members) == 1:
            continue  # a marker on its own ends the story: the tail takes it and what follows
        for unit in members:
            if RELATED_MARKER.match(unit.text) and not is_sentence(unit.text):
                in_links = True
            elif is_sentence(unit.text) or unit.role is Role.CAPTION:
                in_links = False
            if in_links:
                doomed.add(id(unit))
    return [
        u
        for i, u in enumerate(units)
        if i < start
        or (
            id(u) not in doomed
            and (RELATED_MARKER.match(u.text) or not is_ui_line(u.text, any_length=False))
        )
    ]


def _clean_tail(units: list[_Unit]) -> list[_Unit]:
    """Drop menu lines below the last sentence; after a "Related" marker drop the link list too."""
    end = max(
        (i for i, u in enumerate(units) if u.role is Role.CAPTION or is_sentence(u.text)),
        default=-1,
    )
    if end < 0:
        return units
    tail: list[_Unit] = []
    in_links = False
    for unit in units[end + 1 :]:
        in_links = in_links or bool(RELATED_MARKER.match(unit.text))
        if in_links or is_furniture(unit.text, edge=True) or not unit.alone:
            continue  # below the story, lines that share a block are link lists and menus
        tail.append(unit)
    return units[: end + 1] + tail


def _take_byline(units: list[_Unit]) -> tuple[list[_Unit], str | None]:
    """A "By Name, role" line above the first sentence is the author, not article text."""
    for i, unit in enumerate(units):
        if unit.role is Role.CAPTION or is_sentence(unit.text):
            break
        match = _BYLINE.match(unit.text)
        if match:
            return units[:i] + units[i + 1 :], match.group(1)
    return units, None


def _assemble(units: list[_Unit], title: str | None, author: str | None) -> CleanedText:
    paragraphs: list[Paragraph] = []
    pieces: list[str] = []
    offset = 0
    for unit in units:
        if not unit.text:
            continue
        if pieces:
            offset += len(PARAGRAPH_SEPARATOR)
        pieces.append(unit.text)
        paragraphs.append(Paragraph(offset, offset + len(unit.text), unit.role))
        offset += len(unit.text)
    return CleanedText(PARAGRAPH_SEPARATOR.join(pieces), tuple(paragraphs), title, author)
