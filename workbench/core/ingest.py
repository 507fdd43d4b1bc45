"""Read article files: pick the reader for the file's format and hand back Articles or errors."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.core.cleaning import clean_text
from workbench.core.models import Article
from workbench.core.readers import (
    InputError,
    decode_text,
    read_html,
    read_jsonl,
    read_markdown,
    read_plain,
)

__all__ = ["SUPPORTED_SUFFIXES", "InputError", "clean_text", "decode_text", "read_articles"]

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"}
)


def read_articles(data: bytes, *, name: str, suffix: str) -> Iterator[Article | InputError]:
    """Parse one input file's bytes.

    JSON Lines yields one Article per line, or an InputError for a broken line, so the other lines
    still import. Other formats yield exactly one Article, or raise InputError for the whole file.
    """
    suffix = suffix.lower()
    if not suffix.startswith("."):
        suffix = "." + suffix
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"files ending in {suffix!r} are not supported; "
            "use .txt, .md, .markdown, .html, .htm or .jsonl"
        )
    text = decode_text(data)
    if suffix == ".jsonl":
        yield from read_jsonl(text, name=name, suffix=suffix)
    elif suffix in (".md", ".markdown"):
        yield read_markdown(text, name=name, suffix=suffix)
    elif suffix in (".html", ".htm"):
        yield read_html(text, name=name, suffix=suffix)
    else:
        yield read_plain(text, name=name, suffix=suffix)
