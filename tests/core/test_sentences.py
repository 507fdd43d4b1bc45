"""The splitter: hard news cases, accuracy on the labelled sets, and offsets that always round-trip."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.models import Paragraph, Role
from workbench.core.sentences import split_sentences, split_spans

DATA = Path(__file__).resolve().parent.parent / "data"
LABELLED_SETS = [
    "sentence_boundaries.txt",
    "sentence_boundaries.heldout.txt",
    "sentence_boundaries.blind.txt",
]


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text)]


@pytest.mark.parametrize(
    "expected",
    [
        # Dotted abbreviations, dates, titles, initials, decimals stay inside the sentence.
        ["Ukraine, along with the U.S. and other Western allies, has been expressing concern."],
        ["U.S. defense officials Tuesday declined comment on Ukraine's request."],
        ["Pentagon spokesman John Kirby speaks to reporters Feb. 17, 2021."],
        ["Gen. Mark Milley told lawmakers the Pentagon had no plans to send more troops."],
        ['J.R.R. Tolkien wrote "The Hobbit" while teaching at Oxford.'],
        ["The actor Michael J. Fox announced his diagnosis in 1998."],
        ["Shares of the bank fell 3.5 percent to $42.17 in afternoon trading."],
        [
            "Dr. Fauci, Sen. Reed, Gov. Northam, Mr. and Mrs. Johnson, Prof. Case and Rep. Cheney met."
        ],
        ["The new stadium in St. Louis will seat 22,500 fans."],
        ["The Supreme Court agreed to hear the case, No. 20-1199, in the fall."],
        ["The case, Brown v. Board of Education, was decided in 1954."],
        ["The shooting happened after 10 p.m. Saturday outside a bar."],
        ["Apple Inc. Chief Executive Tim Cook spoke to analysts."],
        ["Exxon Mobil Corp. and Chevron Corp. were named as defendants."],
        ["The suspect, of Alexandria, Va., was charged with assault."],
        ["Sen. Joe Manchin, D-W.Va., voted no."],
        # Abbreviations that really end the sentence.
        ["The company was founded in Jarratt, Va.", "The prison houses the execution chamber."],
        ["He visited troops at Fort Bragg, N.C.", "The base is home to the 82nd Airborne."],
        ["The contract went to Lockheed Martin Corp.", "The Pentagon announced the award."],
        ["The biggest shareholder is Vanguard Group Inc.", "BlackRock Inc. is second."],
        ["The storm is expected to bring heavy rain to the U.S.", "The weather service agreed."],
        ["The polls close at 7 p.m.", "Results are expected by midnight."],
        ["The award went to Frederick Douglass Jr.", "It was accepted by his granddaughter."],
        ["The train derailed near 125th St.", "The cause was not immediately known."],
        ["The filing came from Rep. Mo Brooks, R-Ala.", "He lost his Senate bid."],
        # Quotations.
        ['"We are strong supporters of them," she added.', '"But that is a decision for NATO."'],
        ['"Who knows?" he said.', '"Ask me next year."'],
        ['"Are we going to let this happen?" Mayor London Breed asked.', "The city will act."],
        ['The sign said: "Closed until further notice."', "Neighbors said the owners had left."],
        ["(The dissenting justices did not write opinions.)", "The case now returns to a court."],
        ['"Get out!" the officer shouted.', "The driver sped away."],
        # Ellipses, question and exclamation marks.
        ["We call for the cease-fires of the Minsk Agreement … and to bring the temperature down."],
        ['"I just ... I don\'t know what to say," said Maria Lopez.'],
        ["Nobody knew where they had gone...", "Some said they had moved to Florida."],
        ["Was it worth it?", "For the families, the answer is not simple."],
        ['"Really?!" she wrote.', '"You couldn\'t make this up!"', "It was shared widely."],
        # No punctuation at all.
        ["breaking news from the capital with no punctuation at all"],
    ],
)
def test_hard_case(expected: list[str]) -> None:
    assert sentences(" ".join(expected)) == expected


def test_multiple_spaces_and_newlines_between_sentences_are_trimmed() -> None:
    text = "  Russia denied it.   \n  Kyiv disagreed.\t\n"
    assert sentences(text) == ["Russia denied it.", "Kyiv disagreed."]


def test_line_break_inside_a_sentence_keeps_it_whole_but_a_blank_line_ends_it() -> None:
    text = "The U.S. and other\nWestern countries agree\n\nBreaking News\n \nKyiv responds."
    assert sentences(text) == [
        "The U.S. and other\nWestern countries agree",
        "Breaking News",
        "Kyiv responds.",
    ]


def test_whitespace_only_text_has_no_sentences() -> None:
    assert split_spans("") == []
    assert split_spans(" \n\t\x1f\u00a0 ") == []


def _labelled_paragraphs(name: str) -> list[list[str]]:
    """Blocks of one-sentence lines separated by blank lines; lines starting '# ' are comments."""
    paragraphs: list[list[str]] = [[]]
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            continue
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


@pytest.mark.parametrize("name", LABELLED_SETS)
def test_boundary_precision_and_recall_on_labelled_news(name: str) -> None:
    paragraphs = _labelled_paragraphs(name)
    found = correct = gold_total = 0
    for lines in paragraphs:
        text = " ".join(lines)
        gold: set[int] = set()
        offset = 0
        for line in lines[:-1]:
            offset += len(line)
            gold.add(offset)
            offset += 1
        predicted = {e for _, e in split_spans(text)[:-1]}
        found += len(predicted)
        correct += len(predicted & gold)
        gold_total += len(gold)
    assert gold_total >= (300 if name == "sentence_boundaries.txt" else 50)
    precision, recall = correct / found, correct / gold_total
    assert precision >= 0.98, f"precision {precision:.3f}"
    assert recall >= 0.98, f"recall {recall:.3f}"


def _assert_valid_spans(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    covered = 0
    for s, e in spans:
        assert previous_end <= s < e <= len(text)
        piece = text[s:e]
        assert piece == piece.strip()
        covered += sum(1 for ch in piece if not ch.isspace())
        previous_end = e
    assert covered == sum(1 for ch in text if not ch.isspace()), "some text fell out of every span"


_NEWSY = st.sampled_from(
    [" ", "  ", "\n", "\n\n", "\t", "\x00", "\x1f", "\u00a0", "\u2028", ".", "...", "…", "?", "!",
     '"', "”", "'", "’", ")", "(", "U.S.", "Inc.", "Va.", "Dr.", "a.m.", "J.", "St.", "3.5", "The",
     "he", "Kyiv", "said", "\U0001f600", "é", "ß", "中文"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_NEWSY, st.text(max_size=8)), max_size=60).map("".join))
def test_spans_round_trip_on_any_text(text: str) -> None:
    _assert_valid_spans(text, split_spans(text))


@settings(max_examples=100, deadline=None)
@given(st.text(), st.lists(st.integers(min_value=0, max_value=200), max_size=6))
def test_split_sentences_never_crosses_a_paragraph(text: str, cuts: list[int]) -> None:
    bounds = sorted({0, len(text), *(min(c, len(text)) for c in cuts)})
    paragraphs = [
        Paragraph(a, b, Role.CAPTION if i % 2 else Role.BODY)
        for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False))
    ]
    result = split_sentences(text, paragraphs)
    assert [s.position for s in result] == list(range(len(result)))
    for sentence in result:
        owner = next(p for p in paragraphs if p.start <= sentence.start < p.end)
        assert sentence.end <= owner.end
        assert sentence.role == owner.role
        assert text[sentence.start : sentence.end] == sentence.text


def test_split_sentences_uses_offsets_into_the_whole_text_and_copies_roles() -> None:
    text = (
        "Breaking News\n\nKyiv asked to join. NATO did not say.\n\nA soldier near Donetsk, Ukraine."
    )
    body_start = text.index("Kyiv")
    caption_start = text.index("A soldier")
    paragraphs = [
        Paragraph(body_start, caption_start - 2, Role.BODY),
        Paragraph(caption_start, len(text), Role.CAPTION),
    ]
    result = split_sentences(text, paragraphs)
    assert [(s.position, s.text, s.role) for s in result] == [
        (0, "Kyiv asked to join.", Role.BODY),
        (1, "NATO did not say.", Role.BODY),
        (2, "A soldier near Donetsk, Ukraine.", Role.CAPTION),
    ]
    assert all(text[s.start : s.end] == s.text for s in result)


def test_a_sentence_is_cut_at_its_paragraph_end_even_without_punctuation() -> None:
    text = "Russia denied that its military movements pose a threat to Ukraine"
    result = split_sentences(text, [Paragraph(0, 20), Paragraph(20, len(text))])
    assert [s.text for s in result] == [
        "Russia denied that i",
        "ts military movements pose a threat to Ukraine",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "a" * 10_000_000,  # one 10 MB token, no punctuation, no space
        "." * 2_000_000 + "x",  # a run of dots that is not followed by space
        "U.S. " * 400_000,  # an abbreviation candidate every five characters
        "\n" * 2_000_000,  # two million blank lines
        '?" ' * 600_000 + "A B C asked",
        ". " + "A" * 2_000_000 + " " + "'" * 2_000_000,
    ],
    ids=[
        "10MB-token",
        "dots",
        "abbreviations",
        "blank-lines",
        "question-quotes",
        "long-next-token",
    ],
)
def test_pathological_inputs_finish_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    spans = split_spans(text)
    assert time.perf_counter() - started < 5.0
    assert all(s < e for s, e in spans)


def test_ten_megabytes_of_news_on_one_line_split_quickly() -> None:
    paragraphs = _labelled_paragraphs("sentence_boundaries.txt")
    article = " ".join(" ".join(p) for p in paragraphs)
    text = " ".join([article] * (10_000_000 // len(article) + 1))
    started = time.perf_counter()
    spans = split_spans(text)
    assert time.perf_counter() - started < 5.0
    assert len(spans) > 100_000


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Silver gained 2.4%. Oil, meanwhile, fell.", "Silver gained 2.4%."),
        ("The rise is to $15.75. About 1.1 million workers gain.", "The rise is to $15.75."),
        ("E-mail tips@example.org. Search teams resumed work.", "E-mail tips@example.org."),
        ("A cut was likely in Aug. Markets had priced it in.", "A cut was likely in Aug."),
        (
            "It applies to cars registered after 1 Sept.  Older cars are exempt.",
            "It applies to cars registered after 1 Sept.",
        ),
        (
            "New duties were imposed by the U.S. Traders said so.",
            "New duties were imposed by the U.S.",
        ),
    ],
)
def test_a_sentence_may_end_with_a_number_an_address_or_an_abbreviation(
    text: str, first: str
) -> None:
    s, e = split_spans(text)[0]
    assert text[s:e] == first


@pytest.mark.parametrize(
    "text",
    [
        "Police raided a warehouse in Co. Kildare on Tuesday.",
        "Gen. (ret.) Michael Adebayo spoke to the BBC.",
        "A letter from C.S. Lewis fetched £21,000.",
        "The U.S. Marines said nothing.",
    ],
)
def test_abbreviations_inside_a_sentence_do_not_end_it(text: str) -> None:
    assert len(split_spans(text)) == 1
