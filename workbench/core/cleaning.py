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

PARAGRAPH_SEPARATOR = "\n\n"

_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Runs of ASCII whitespace and line separators inside a paragraph become one space. Other spaces
# (no-break, thin) are characters the author chose, so they stay.
_INNER_SPACE = re.compile(r"[ \t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")
_TERMINAL = re.compile(r"[.!?…](?:[\"'”’»)\]]+)?$")
_TINY_TOKEN = re.compile(r"[^\W\d_]{1,3}")
_CAPTION_START = re.compile(
    r"^(?:FILE(?:\s+PHOTO)?\s*[-–—:]|FILE PHOTO\b|PHOTO\s*[-–—:]|"
    r"(?:Photo|Photograph|Picture|Image|Pictured)\s*:|Image\s+caption\b)"
)
# A photo credit closing the line: "(AP Photo/...)", "REUTERS/Name", "Photo by Name / AFP".
_PHOTO_CREDIT_END = re.compile(
    r"\((?:AP|AFP|EPA|Reuters|Getty|Photo|File)\b[^()]*(?:Photo|Images|/)[^()]*\)\s*$"
    r"|\b(?:REUTERS|AFP|EPA|AP|Getty\s+Images)/[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?:/File)?\s*$"
    r"|\bPhoto(?:graph)?\s+(?:by|:)\s+[^.!?]{2,60}?\s*/\s*(?:AFP|AP|EPA|Reuters|Getty\s+Images)\s*$"
    r"|\([^()]{2,80}\bvia\s+(?:AP|AFP|EPA|Reuters|Getty\s+Images)\)\s*$"  # "(Police via AP)"
    r"|[.!?]\s+\((?:Photo|Image|Picture|Credit|[A-Z][\w&' ]{0,20}\s+News)\s*:\s*[^()]{2,60}\)\s*$"
    r"|[.!?]\s+(?:Photo(?:graph)?|Picture|Image)\s*:\s*[A-Z][^.!?]{1,60}$"  # "... Photo: Gwent Police"
)
_DATE_WORD = re.compile(
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|"
    r"am|pm|utc|gmt|edt|est|cet|cest|bst|ist|aest|aedt|updated|published|posted|last|first|"
    r"on|at|ago|h|m|min|mins|hrs?|hours?|minutes?|just|now|yesterday"
)
# Words that page chrome is made of. A line is furniture only if it *starts* with one of these and
# is not a sentence, so "Share prices fell 3% on Monday." is safe.
_UI_PHRASE = re.compile(
    r"^(?:accessibility links|breaking news|skip to(?: main)? content|advertisement|"
    r"story continues below|share(?: this)?|subscribe|print|comments?|related|follow us|"
    r"sign up|sign in|log ?in|log out|newsletter|e-?mail|facebook|twitter|whatsapp|linkedin|"
    r"telegram|read more|more from|see all|see also|back to top|cookies?|accept all|listen to|"
    r"open in app|download the app|most read|most popular|top stories|enter your e-?mail)\b",
    re.IGNORECASE,
)
# In the middle of an article only a bare menu word on its own line goes.
_MIDDLE_UI = re.compile(
    r"(?:advertisement|story continues below(?: advertisement)?|share(?: this(?: article)?)?|"
    r"subscribe|print|comments?|related(?: stories| articles| content)?|read more|"
    r"skip to(?: main)? content|accessibility links|breaking news)",
    re.IGNORECASE,
)
_RELATED_MARKER = re.compile(
    r"^(?:related\b|read more|more from|see also|most read|most popular|top stories|trending|"
    r"most viewed|recommended|you may also like|sponsored|latest news|more stories|editor'?s picks)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^[Bb]y\s+([^,|•·]{3,60}?)\s*(?:[,|•·].*)?$")
# Page chrome that is never article text wherever it stands, each kind with the words that must be
# in a line before its pattern is tried (most paragraphs have none of them).
_CHROME: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (hints, re.compile(pattern, re.IGNORECASE))
    for hints, pattern in (
        (  # "This site uses cookies ...", "accept all cookies", "our use of cookies"
            ("cookie",),
            r"\b(?:we|site|sites|website|websites)\s+uses?\s+cookies\b|\baccept\s+(?:all\s+)?"
            r"cookies\b|\buse\s+of\s+cookies\b|\bcookie\s+(?:policy|settings)\b",
        ),
        (
            ("copyright", "©", "(c) ", "rights reserved"),
            r"^\W*(?:©|\(c\)\s|copyright\b)|\ball\s+rights\s+reserved\b",
        ),
        (
            ("comment", "discussion"),
            r"^\W*(?:log\s*in|sign\s*in|register)\b[^.]{0,40}\bto\s+(?:comment|join\s+the\s+"
            r"discussion)\b",
        ),
        (
            ("newsletter", "sign up"),
            r"\bnewsletter\b[^.]{0,80}(?:inbox|top\s+stories|for\s+free|sign\s+up)"
            r"|^\W*sign\s+up\s+(?:to|for)\b",
        ),
        (("privacy",), r"\bprivacy\s+(?:collection\s+statement|notice|policy)\b[^.]{0,40}\.?$"),
        (("javascript",), r"\bturn\s+on\s+javascript\b"),
        (("download",), r"\bdownload\s+(?:the|our)\s+[^.]{0,30}\bapp\b"),
        (
            ("related", "read more", "read also", "also read", "see also", "more on this"),
            r"^\W*(?:related|read\s+more|also\s+read|read\s+also|see\s+also|more\s+on\s+this)\s*:",
        ),
        ((" | ",), r"^[^.|]{1,40}(?:\s\|\s[^.|]{1,40}){2,}$"),  # "About Us | Contact Us | Careers"
    )
)
# Who wrote or edited it: "Written by Ankit Sharma | Edited by Priya Natarajan".
_CREDIT_LINE = re.compile(r"^(?:written|edited|reported|compiled)\s+by\s", re.IGNORECASE)
# A stamp with a place or a label before it: "New Delhi, Updated: May 28, 2024 19:42 IST".
_STAMP_LINE = re.compile(r"\b(?:updated|published|posted)\s*:?\s+\w", re.IGNORECASE)
_MAX_CAPTION_CHARS = 600
_CREDIT_HINTS = ("/", "hoto", "mages", "via ", "News:", "Image:", "Credit:", "Picture:")
_MAX_TITLE_WORDS = 25
_MIN_TITLE_WORDS = 3
_MAX_TITLE_CHARS = 200
_SHORT_WORDS = 4
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
    units = [u for u in units if not _is_chrome(u.text) and not _is_stamp(u.text)]
    for unit in units:
        if unit.role is Role.BODY and looks_like_caption(unit.text):
            unit.role = Role.CAPTION
    if known_title is not None:
        units = _drop_leading_title(units, known_title)
    units, author = _take_byline(units)
    units, title = _clean_head(units, find_title=find_title and known_title is None)
    units = _clean_tail(_drop_link_lists_and_menus(units))
    units = [u for u in units if not _MIDDLE_UI.fullmatch(u.text)]
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
    open_breaks = [i for i, line in enumerate(lines[:-1]) if not _ends_sentence(line)]
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
        (i for i, u in enumerate(units) if u.role is Role.BODY and _is_sentence(u.text)),
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
            and not _is_furniture(u.text, edge=True)
            and not _is_byline_or_date(u.text)
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
        and not _is_ui_line(unit.text, any_length=True)
        and not _is_byline_or_date(unit.text)
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
        and not _ends_sentence(unit.text)
        and not unit.text.endswith((":", ";", ","))
        and not _is_ui_line(unit.text, any_length=True)
        and not _is_byline_or_date(unit.text)
    ]
    return max(lines, key=lambda i: len(head[i].text.split())) if lines else None


def _drop_link_lists_and_menus(units: list[_Unit]) -> list[_Unit]:
    """Below the first sentence, drop a "Related Stories" marker with the headlines in its block,
    and whole blocks that are mostly short menu lines (topic tags, footers), sentences and all:
    "PBA acknowledges ..." in a footer is not the story's last sentence."""
    start = next((i for i, u in enumerate(units) if _is_sentence(u.text)), len(units))
    by_block: dict[int, list[_Unit]] = {}
    for unit in units[start:]:
        by_block.setdefault(unit.block, []).append(unit)
    doomed: set[int] = set()
    for members in by_block.values():
        if len(members) >= 4 and sum(_is_menu_line(u.text) for u in members) >= 0.6 * len(members):
            doomed.update(id(u) for u in members)
            continue
        in_links = False
        if len(members) == 1:
            continue  # a marker on its own ends the story: the tail takes it and what follows
        for unit in members:
            if _RELATED_MARKER.match(unit.text) and not _is_sentence(unit.text):
                in_links = True
            elif _is_sentence(unit.text) or unit.role is Role.CAPTION:
                in_links = False
            if in_links:
                doomed.add(id(unit))
    return [
        u
        for i, u in enumerate(units)
        if i < start
        or (
            id(u) not in doomed
            and (_RELATED_MARKER.match(u.text) or not _is_ui_line(u.text, any_length=False))
        )
    ]


def _is_chrome(text: str) -> bool:
    lowered = text.lower()
    return any(
        any(hint in lowered for hint in hints) and pattern.search(text) is not None
        for hints, pattern in _CHROME
    )


def _is_menu_line(text: str) -> bool:
    return not _ends_sentence(text) and len(text.split()) <= 6


def _is_stamp(text: str) -> bool:
    """A time stamp on its own line ("43m ago", "11.05 BST", "Updated at 11.20 BST")."""
    return not _ends_sentence(text) and len(text.split()) <= 6 and _is_date_line(text)


def _clean_tail(units: list[_Unit]) -> list[_Unit]:
    """Drop menu lines below the last sentence; after a "Related" marker drop the link list too."""
    end = max(
        (i for i, u in enumerate(units) if u.role is Role.CAPTION or _is_sentence(u.text)),
        default=-1,
    )
    if end < 0:
        return units
    tail: list[_Unit] = []
    in_links = False
    for unit in units[end + 1 :]:
        in_links = in_links or bool(_RELATED_MARKER.match(unit.text))
        if in_links or _is_furniture(unit.text, edge=True) or not unit.alone:
            continue  # below the story, lines that share a block are link lists and menus
        tail.append(unit)
    return units[: end + 1] + tail


def _is_furniture(text: str, *, edge: bool) -> bool:
    if _is_sentence(text):
        return False
    return len(text.split()) <= _SHORT_WORDS or _is_ui_line(text, any_length=edge)


def _is_ui_line(text: str, *, any_length: bool) -> bool:
    """A menu word ("Share", "Sign up"); ``any_length`` also catches longer UI prompts."""
    if _is_sentence(text) or not _UI_PHRASE.match(text):
        return False
    return any_length or len(text.split()) <= _SHORT_WORDS


def _is_byline_or_date(text: str) -> bool:
    return bool(re.match(r"^by\s", text, re.IGNORECASE) or _CREDIT_LINE.match(text)) or (
        _is_date_line(text)
    )


def _is_date_line(text: str) -> bool:
    """ "Posted Mar 21, 2024 4:18 PM EDT", "43m ago", "New Delhi, Updated: May 28, 2024 19:42 IST"."""
    if _STAMP_LINE.search(text) and len(text.split()) <= 12 and not _ends_sentence(text):
        return True
    tokens = re.findall(r"[^\W\d_]+|\d+", text.casefold())
    return bool(tokens) and all(t.isdigit() or _DATE_WORD.fullmatch(t) for t in tokens)


def _is_sentence(text: str) -> bool:
    return _ends_sentence(text) and len(text.split()) >= 3


def _ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def looks_like_caption(text: str) -> bool:
    """Starts like a caption ("FILE - ", "Photo:") or ends with a photo credit ("(AP Photo/...)")."""
    if len(text) > _MAX_CAPTION_CHARS:
        return False
    if _CAPTION_START.match(text):
        return True
    # a credit closes the line and names a photo, images or an agency with a slash
    tail_start = max(0, len(text) - 160)
    tail = text[tail_start:]
    if not any(hint in tail for hint in _CREDIT_HINTS):
        return False
    return _PHOTO_CREDIT_END.search(text, tail_start) is not None


def _take_byline(units: list[_Unit]) -> tuple[list[_Unit], str | None]:
    """A "By Name, role" line above the first sentence is the author, not article text."""
    for i, unit in enumerate(units):
        if unit.role is Role.CAPTION or _is_sentence(unit.text):
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
