"""Reading article files: every format, every encoding a newsroom sends, and plain error messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.core.ingest import (
    SUPPORTED_SUFFIXES,
    InputError,
    decode_text,
    read_articles,
)
from workbench.core.models import Article, Role

SAMPLES = Path(__file__).resolve().parents[2] / "workbench" / "samples"
VOA = SAMPLES / "voa-2021-04-06-us-wont-commit-nato-ukraine.txt"
WIRE = SAMPLES / "continental-wire-2021-04-06.jsonl"
LEDGER = SAMPLES / "morning-ledger-2021-04-07-ukraine-nato-bid.html"
BROADCAST = SAMPLES / "north-sea-broadcasting-2021-04-06-russia-troops.md"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"


def _one(data: bytes, suffix: str, name: str = "input") -> Article:
    results = list(read_articles(data, name=name + suffix, suffix=suffix))
    assert len(results) == 1
    article = results[0]
    assert isinstance(article, Article)
    return article


def _read(path: Path) -> list[Article | InputError]:
    return list(read_articles(path.read_bytes(), name=path.name, suffix=path.suffix))


def _paragraph_texts(article: Article) -> list[str]:
    return [article.cleaned_text[p.start : p.end] for p in article.paragraphs]


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"} == SUPPORTED_SUFFIXES


def test_txt_sample_reads_with_title_and_provenance() -> None:
    article = _one(VOA.read_bytes(), ".txt", "voa")
    assert article.title == "US Won't Commit to NATO Membership for Ukraine"
    assert article.raw_text == VOA.read_text(encoding="utf-8")
    assert article.origin == "voa.txt"
    assert article.format == "txt"
    assert "Breaking News" not in article.cleaned_text


def test_markdown_markup_is_stripped_and_prose_kept() -> None:
    source = (
        "# Kyiv asks NATO for a *faster* path\n\n"
        "Ukraine's **president** spoke to [NATO's chief](https://nato.example/sg) on Tuesday.\n"
        "He said `reforms` alone would not stop Russia.\n\n"
        "![a soldier](https://img.example/a.jpg)\n\n"
        "```\nprint('not prose')\n```\n\n"
        "- Russia denied any threat.\n"
    )
    article = _one(source.encode(), ".md")
    assert article.title == "Kyiv asks NATO for a faster path"
    assert _paragraph_texts(article) == [
        "Ukraine's president spoke to NATO's chief on Tuesday. "
        "He said reforms alone would not stop Russia.",
        "Russia denied any threat.",
    ]
    assert article.format == "md"


def test_markdown_sample_has_metadata_and_a_caption() -> None:
    [article] = _read(BROADCAST)
    assert isinstance(article, Article)
    assert article.title == "Russian troop build-up alarms Kyiv as NATO bid stalls"
    assert article.author == "Ingrid Aalberg"
    assert article.source == "North Sea Broadcasting"
    assert article.published == "2021-04-06"
    captions = [p for p in article.paragraphs if p.role is Role.CAPTION]
    assert len(captions) == 1
    assert "Share this story" not in article.cleaned_text
    assert "nine soldiers have been killed in the past two weeks" in article.cleaned_text


def test_html_sample_is_extracted_with_metadata() -> None:
    [article] = _read(LEDGER)
    assert isinstance(article, Article)
    assert article.title == "Washington hedges as Kyiv knocks on NATO's door"
    assert article.author == "Margaret Hollis"
    assert article.published == "2021-04-07"
    assert article.source == "The Morning Ledger"
    assert (
        article.url == "https://morningledger.example/world/2021/04/07/washington-hedges-kyiv-nato"
    )
    assert article.format == "html"
    assert "26 soldiers have been killed in the east so far this year" in article.cleaned_text
    for furniture in ("Privacy policy", "Most read", "Subscribe", "Cup final", "Biden tells"):
        assert furniture not in article.cleaned_text
    assert article.raw_text.startswith("<!DOCTYPE html>")


def test_html_without_an_article_is_an_input_error() -> None:
    page = b"<html><body><nav><a href='/'>Home</a></nav><footer>(c) 2021</footer></body></html>"
    with pytest.raises(InputError, match="no article text found in the HTML"):
        list(read_articles(page, name="empty.htm", suffix=".htm"))


@pytest.mark.parametrize("depth", [50, 100_000])
def test_deeply_nested_html_does_not_crash(depth: int) -> None:
    paragraph = "<p>Kyiv asked NATO on Tuesday for a faster path to membership of the alliance.</p>"
    page = "<html><body>" + "<div>" * depth + paragraph + "</div>" * depth + "</body></html>"
    try:
        article = _one(page.encode(), ".html")
    except InputError as error:
        assert depth > 50, "a modestly nested page must still import"
        assert str(error)
    else:
        assert "faster path to membership" in article.cleaned_text


def test_jsonl_sample_yields_one_article_per_line() -> None:
    articles = _read(WIRE)
    assert all(isinstance(a, Article) for a in articles)
    records = [json.loads(line) for line in WIRE.read_text(encoding="utf-8").splitlines()]
    assert len(articles) == len(records) == 2
    for article, record in zip(articles, records, strict=True):
        assert isinstance(article, Article)
        assert article.external_id == str(record["id"])
        assert article.title == record["title"]
        assert article.source == record["source"]
        assert article.url == record["url"]
        assert article.published == record["published"]
        assert article.raw_text == record["text"]
        assert article.format == "jsonl"
    assert isinstance(records[1]["id"], int)


def test_broken_jsonl_lines_are_reported_and_the_rest_import() -> None:
    data = (
        b'{"id": 1, "text": "Russia denied that its troops posed a threat."}\n'
        b"{not json\n"
        b"\n"
        b'{"id": 3, "title": "No body"}\n'
        b'{"id": 4, "text": "Ukraine asked NATO for a faster path."}\n'
    )
    results = list(read_articles(data, name="wire.jsonl", suffix=".jsonl"))
    assert [type(r) for r in results] == [Article, InputError, InputError, Article]
    assert str(results[1]).startswith("line 2 is not valid JSON")
    assert str(results[2]).startswith('line 4 has no "text" field')


def test_windows_1252_is_decoded_not_mangled() -> None:
    data = "Caf\u00e9 owners said \u201cno\u201d \u2014 twice.".encode("cp1252")
    assert {0xE9, 0x93, 0x94, 0x97} <= set(data)
    assert decode_text(data) == "Café owners said “no” — twice."
    article = _one(data, ".txt")
    assert article.cleaned_text == "Café owners said “no” — twice."


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16"])
def test_unicode_encodings_with_and_without_bom(codec: str) -> None:
    text = "Zelenskiy said “reforms alone will not stop Russia” — Kyiv, 2021."
    assert decode_text(text.encode(codec)) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (PNG_HEADER, "the file is binary, not text"),
        (b"Kyiv\x00\x00\x00Moscow", "the file is binary, not text"),
        (bytes(range(1, 9)) * 20, "the file is binary, not text"),
        (b"", "the file is empty"),
        (b" \r\n\t\n", "the file is empty"),
        ("\ufeff  \n".encode(), "the file is empty"),
    ],
)
def test_unreadable_files_get_plain_messages(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        list(read_articles(data, name="bad.txt", suffix=".txt"))
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_a_file_of_only_menu_lines_has_no_article_text() -> None:
    with pytest.raises(InputError, match="no article text"):
        list(read_articles(b"Share\n\nPrint\n\nSubscribe\n", name="menu.txt", suffix=".txt"))


def test_unsupported_suffix_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not supported"):
        list(read_articles(b"%PDF-1.7", name="report.pdf", suffix=".pdf"))
