"""Read one input file's bytes in each supported format and turn it into Articles.

Every problem a user can fix becomes an InputError with one plain sentence; nothing here prints or
touches the disk, so the CLI and the TUI report the same words.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

import trafilatura
from lxml import etree
from markdown_it import MarkdownIt
from markdown_it.token import Token

from workbench.core.cleaning import CleanedText, clean_blocks, split_blocks
from workbench.core.models import Article


class InputError(Exception):
    """A user-facing problem with one input; str(e) is one plain sentence saying what is wrong and
    what to do."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _windows_1252_table() -> dict[int, str]:
    """Latin-1 code point -> Windows-1252 character; the five bytes 1252 leaves undefined stay."""
    table: dict[int, str] = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


_CP1252 = _windows_1252_table()
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c")
_MAX_CONTROL_SHARE = 0.1

EMPTY_FILE = "the file is empty; add the article text or leave the file out"
BINARY_FILE = "the file is binary, not text; import articles as .txt, .md, .html or .jsonl files"
NO_TEXT = "no article text found in the file; check that it holds the article itself"
NO_HTML_TEXT = (
    "no article text found in the HTML; save the page with its article, or paste the text "
    "into a .txt file"
)
BAD_HTML = (
    "the HTML could not be read (it is malformed or nested too deeply); save the article text "
    "as a .txt file instead"
)


def decode_text(data: bytes) -> str:
    """Decode UTF-8, UTF-16/32 with a BOM, or else Windows-1252 (the usual non-UTF-8 news file)."""
    if not data.strip():
        raise InputError(EMPTY_FILE)
    text = _decode_with_bom(data)
    if text is None:
        if b"\x00" in data:
            raise InputError(BINARY_FILE)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1").translate(_CP1252)
    if _is_mostly_control(text):
        raise InputError(BINARY_FILE)
    if not text.strip():
        raise InputError(EMPTY_FILE)
    return text


def _decode_with_bom(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    return None


def _is_mostly_control(text: str) -> bool:
    controls = sum(
        1 for ch in text if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc"
    )
    return controls > _MAX_CONTROL_SHARE * len(text)


def read_plain(text: str, *, name: str, suffix: str) -> Article:
    """A .txt file: the headline at the top, if any, becomes the title."""
    cleaned = clean_blocks(split_blocks(text), find_title=True)
    if not cleaned.text:
        raise InputError(NO_TEXT)
    return _article(text, cleaned, name=name, suffix=suffix)


_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def read_markdown(text: str, *, name: str, suffix: str) -> Article:
    """Markdown: markup goes, prose stays; the first level-1 heading (or front matter) is the title."""
    meta, body = _split_front_matter(text)
    blocks, first_h1 = _markdown_blocks(body)
    title = meta.get("title") or first_h1
    cleaned = clean_blocks(
        blocks, find_title=title is None, known_title=title, line_per_paragraph=False
    )
    if not cleaned.text:
        raise InputError(NO_TEXT)
    return _article(
        text,
        cleaned,
        name=name,
        suffix=suffix,
        title=title,
        author=meta.get("author"),
        published=meta.get("date") or meta.get("published"),
        source=meta.get("source"),
        url=meta.get("url"),
    )


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple `key: value` front matter, as static-site generators write it."""
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        value = value.strip().strip("\"'")
        if sep and value:
            meta[key.strip().lower()] = value
    return meta, text.lstrip("\ufeff")[match.end() :]


def _markdown_blocks(text: str) -> tuple[list[list[str]], str | None]:
    """Blocks of prose lines from Markdown; code, raw HTML and images are dropped."""
    blocks: list[list[str]] = []
    first_h1: str | None = None
    row: list[str] | None = None
    heading: str | None = None
    for token in _MARKDOWN.parse(text):
        if token.type == "heading_open":
            heading = token.tag
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            cells = [cell for cell in row if cell]
            if cells:
                blocks.append([" | ".join(cells)])
            row = None
        elif token.type == "inline":
            lines = _inline_text(token.children or []).split("\n")
            if row is not None:
                row.append(" ".join(line.strip() for line in lines).strip())
            elif heading == "h1" and first_h1 is None and not blocks:
                first_h1 = " ".join(lines).strip() or None
            elif any(line.strip() for line in lines):
                blocks.append(lines)
        elif token.type == "heading_close":
            heading = None
    return blocks, first_h1


def _inline_text(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def read_html(text: str, *, name: str, suffix: str) -> Article:
    """HTML through trafilatura, which finds the article among menus, asides and footers."""
    try:
        document = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_tables=True,
        )
        blocks = _html_blocks(getattr(document, "body", None))
    except (RecursionError, ValueError, etree.LxmlError) as error:
        raise InputError(BAD_HTML) from error
    if document is None or not blocks:
        raise InputError(NO_HTML_TEXT)
    title = _clean_field(getattr(document, "title", None))
    if blocks[0][0] == "h1":
        title = blocks[0][1]  # the article's own <h1> is fuller than a trimmed <title>
    cleaned = clean_blocks(
        [[block] for _, block in blocks], find_title=title is None, known_title=title
    )
    if not cleaned.text:
        raise InputError(NO_HTML_TEXT)
    return _article(
        text,
        cleaned,
        name=name,
        suffix=suffix,
        title=title,
        author=_clean_field(getattr(document, "author", None)),
        published=_clean_field(getattr(document, "date", None)),
        source=_clean_field(getattr(document, "sitename", None)),
        url=_clean_field(getattr(document, "url", None)),
    )


def _html_blocks(body: Any) -> list[tuple[str, str]]:
    """(tag, text) for each paragraph trafilatura kept: headings, paragraphs, list items, rows."""
    if body is None:
        return []
    blocks: list[tuple[str, str]] = []
    for element in body:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "head" and element.get("rend") == "h1":
            tag = "h1"
        if tag == "graphic":
            continue
        if tag in ("list", "table"):
            parts = element.iter("item") if tag == "list" else element.iter("row")
            for part in parts:
                blocks.append((tag, _element_text(part, " | " if tag == "table" else "")))
        else:
            blocks.append((tag, _element_text(element, "")))
    return [(tag, text) for tag, text in blocks if text]


def _element_text(element: Any, cell_separator: str) -> str:
    if cell_separator:
        cells = (" ".join("".join(cell.itertext()).split()) for cell in element)
        return cell_separator.join(cell for cell in cells if cell)
    return " ".join("".join(element.itertext()).split())


def read_jsonl(text: str, *, name: str, suffix: str) -> Iterator[Article | InputError]:
    """One article per line; a broken line is reported and the others still import."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _jsonl_article(line.strip(), number, name=name, suffix=suffix)


def _jsonl_article(line: str, number: int, *, name: str, suffix: str) -> Article | InputError:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return InputError(f"line {number} is not valid JSON; fix or remove that line")
    if not isinstance(record, dict):
        return InputError(
            f'line {number} is not a JSON object; write each article as {{"text": "..."}}'
        )
    if "text" not in record:
        return InputError(f'line {number} has no "text" field; add the article text as "text"')
    body = record["text"]
    if isinstance(body, str):
        body = without_lone_surrogates(body)
    if not isinstance(body, str) or not body.strip():
        return InputError(
            f'line {number} has an empty "text" field; add the article text or remove the line'
        )
    title = _field(record, "title")
    cleaned = clean_blocks(split_blocks(body), find_title=title is None, known_title=title)
    if not cleaned.text:
        return InputError(f'line {number} has no article text; check its "text" field')
    return _article(
        body,
        cleaned,
        name=name,
        suffix=suffix,
        title=title,
        author=_field(record, "author"),
        published=_field(record, "published"),
        source=_field(record, "source"),
        url=_field(record, "url"),
        external_id=_field(record, "id"),
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> str:
    """JSON escapes can encode half a surrogate pair, which no UTF-8 store accepts: use U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _field(record: Mapping[str, object], key: str) -> str | None:
    """Strings and numbers as text (an id of 17 becomes "17"); other JSON types are ignored."""
    value = record.get(key)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return _clean_field(without_lone_surrogates(str(value)))


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _article(
    raw: str,
    cleaned: CleanedText,
    *,
    name: str,
    suffix: str,
    title: str | None = None,
    author: str | None = None,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    external_id: str | None = None,
) -> Article:
    return Article(
        raw_text=raw,
        cleaned_text=cleaned.text,
        paragraphs=cleaned.paragraphs,
        title=_clean_field(title) or cleaned.title,
        author=author or cleaned.author,
        published=published,
        source=source,
        url=url,
        external_id=external_id,
        origin=name,
        format=suffix.lstrip("."),
    )
