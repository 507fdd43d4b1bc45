"""Claim extraction on single body sentences: what is a claim, its type, speaker and score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.extract import (
    DEFAULT_THRESHOLD,
    EXTRACTOR_VERSION,
    extract_claims,
    score_sentence,
)
from workbench.core.models import Claim

# Body sentences of the bundled VOA sample article (2021-04-06).
VOA_SOLDIERS = (
    "Ukraine says shelling by pro-Russian forces in Donbas has killed 24 soldiers this year and "
    "eight in just the past two weeks."
)
VOA_CRIMEA = (
    "The separatists in Donbas have been fighting with Ukrainian forces since Russia seized the "
    "Crimean Peninsula from Ukraine in 2014."
)
VOA_ARRAYED = (
    '"We continue to see Russian forces arrayed along the border with Ukraine, in Crimea '
    'specifically, more toward the southeast," Pentagon press secretary John Kirby told reporters, '
    "calling the Russian movements concerning."
)
VOA_SUPPORTERS = '"We are strong supporters of them," she added.'


def one(sentence: str) -> Claim:
    claims = extract_claims(sentence)
    assert len(claims) == 1, claims
    return claims[0]


def test_public_constants() -> None:
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION
    assert 0.0 < DEFAULT_THRESHOLD < 1.0


def test_voa_soldiers_claim_has_both_quantities() -> None:
    claim = one(VOA_SOLDIERS)
    assert claim.kind == "numeric"
    assert claim.speaker == "Ukraine"
    (a, b) = claim.quantities
    assert (a.value, a.unit, a.scope) == (24, "soldiers", "this year")
    assert (b.value, b.unit, b.scope) == (8, "soldiers", "in the past two weeks")
    assert "attributed to Ukraine" in claim.reasons
    assert any(r.startswith("model: ") for r in claim.reasons)


def test_voa_crimea_is_a_factual_claim_with_a_year() -> None:
    claim = one(VOA_CRIMEA)
    assert claim.kind == "factual"
    assert [q.kind for q in claim.quantities] == ["year"]
    assert "seized the Crimean Peninsula" in claim.text


def test_voa_arrayed_forces_quote_is_attributed_to_kirby() -> None:
    claim = one(VOA_ARRAYED)
    assert claim.text.startswith("We continue to see Russian forces arrayed along the border")
    assert VOA_ARRAYED[claim.start : claim.end] == claim.text
    assert claim.speaker == "John Kirby"


@pytest.mark.parametrize(
    "sentence",
    [
        VOA_SUPPORTERS,
        "We are strong supporters of them.",
        "Is NATO ready to admit Ukraine?",
        "What did the minister know about the 300 missing files?",
        "Thank you very much, and good evening.",
        "FILE - Pentagon spokesman John Kirby speaks to reporters Feb. 17, 2021.",
        "Accessibility links",
        "Read more",
        "I think we should do better.",
        "We are deeply saddened by the loss of life.",
        "We condemn this senseless attack on civilians.",
        "Smoke rises over the city after shelling, March 3, 2022. (AP Photo/Evgeniy Maloletka)",
        "Supporters cheer as results are announced at the party headquarters. REUTERS/Carlos Barria",
        "Residents wade through a flooded street after heavy rain. Photo by Tauseef Mustafa / AFP",
        "Image caption, Rescue workers search the rubble of the collapsed school",
        "The company did not immediately respond to a request for comment.",
        "A spokesman declined to comment.",
        "LONDON, March 4 (Reuters) -",
        "Last updated 5 minutes ago",
        "This article was amended on 14 March 2024 to correct the spelling of a name.",
        "First published on: 12-03-2024 at 09:15 IST",
        "By Mark Sutton | Updated: Feb 14, 2024, 18:42 IST",
        "This story was first published on 12 March 2024.",
        "Listen to this article · 6 min listen",
        "New Delhi, Jan 12 (IANS):",
        "A firefighter sprays water on a burning building in Kharkiv. (Emergency Service via AP)",
        "The scene of the crash on the M4 near Newport. Photo: Gwent Police",
        "This story has not been edited by our staff and is auto-generated from a syndicated feed.",
        "Mr Ferreira's lawyer declined to comment when contacted by the ABC.",
        "WATCH: Prime minister grilled over hospital waiting lists",
        "pic.twitter.com/Xk29fLq8Wd",
        "You have 3 free articles left this month.",
        "— Priya Raman (@priyaraman_news) March 3, 2024",
        "Read more: 5 things to watch in this year's budget",
    ],
)
def test_not_claims(sentence: str) -> None:
    assert extract_claims(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The hearing will resume at 2pm on Thursday.",
        "Doors open at 7.30pm and the first band is due on stage at 8.",
        "The press conference is scheduled for 11am local time (0900 GMT).",
        "Tickets for the festival go on sale at 9am on Friday.",
    ],
)
def test_a_schedule_is_not_a_claim(sentence: str) -> None:
    assert score_sentence(sentence)[1] == ("not a claim: schedule",)


@pytest.mark.parametrize(
    "sentence",
    [
        "The explosion happened at 2.15am, police said.",
        "The plant will close at midnight, ending 300 jobs.",
        "Trading resumed at 10:15 after a 40-minute halt.",
        "Markets open at 9.30am in New York, where the Dow fell 2% on Monday.",
    ],
)
def test_a_time_with_news_in_it_is_not_a_schedule(sentence: str) -> None:
    assert "not a claim: schedule" not in score_sentence(sentence)[1]


@pytest.mark.parametrize(
    ("sentence", "rejected"),
    [
        ("The 26-year-old said he felt 'fantastic' after the match.", True),
        ("The minister said she was 'deeply saddened' by the news.", True),
        ("The 45-year-old father of two said he was looking forward to a rest.", True),
        ("The minister said she was saddened that 40 people had died.", False),
        ("He said he was proud of the team, which won the title for the 3rd time.", False),
    ],
)
def test_reported_feelings_are_opinion_unless_they_carry_a_number(
    sentence: str, rejected: bool
) -> None:
    reasons = score_sentence(sentence)[1]
    assert (reasons == ("not a claim: opinion or intent",)) is rejected


@pytest.mark.parametrize(
    ("sentence", "claim_type"),
    [
        ("The company employs 85,000 people worldwide.", "quantity"),
        ("Unemployment rose from 5 percent to 7 percent last year.", "comparison"),
        ("Russia seized the Crimean Peninsula from Ukraine in 2014.", "event"),
        ("Violent crime is higher than it was a decade ago.", "comparison"),
        ('"Our troops left the city on Tuesday night," Kirby said.', "quote"),
        ("The economy is expected to shrink by 3% next year.", "prediction"),
        ("The outage was caused by a fire at the substation.", "causal"),
        ("The law requires every employer to pay a minimum wage of $15 an hour.", "rule"),
    ],
)
def test_types(sentence: str, claim_type: str) -> None:
    (claim,) = extract_claims(sentence, threshold=0.0)
    assert claim.type == claim_type


def test_threshold_controls_what_is_reported() -> None:
    sentence = "The council met in the town hall."
    score, _ = score_sentence(sentence)
    assert extract_claims(sentence, threshold=0.0)
    assert extract_claims(sentence, threshold=min(1.0, score + 0.01)) == []


def test_score_reasons_explain_the_number() -> None:
    score, reasons = score_sentence("Police said 300 officers were injured in 2020.")
    assert 0.0 <= score <= 1.0
    assert "has a number" in reasons
    assert reasons[-1] == f"model: {score:.2f}"


def test_a_question_scores_low_and_says_why() -> None:
    score, reasons = score_sentence("How many soldiers were killed this year?")
    assert score < DEFAULT_THRESHOLD
    assert reasons == ("not a claim: question",)


def test_checkworthy_numeric_statement_outscores_small_talk() -> None:
    high, _ = score_sentence("The deficit rose to $1.7 trillion in 2023, up 12 percent.")
    low, _ = score_sentence("Well, I'm glad to be here tonight with all of you.")
    assert high > DEFAULT_THRESHOLD > low


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_offsets_stay_valid(text: str) -> None:
    for claim in extract_claims(text, threshold=0.0):
        assert 0 <= claim.start <= claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        assert 0.0 <= claim.checkworthiness <= 1.0
        for q in claim.quantities:
            assert 0 <= q.start <= q.end <= len(text)
            assert text[q.start : q.end] == q.raw


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "24",
                "1,032",
                "$3bn",
                "eight",
                "per cent",
                "2012–13",
                "2.15pm",
                "in 2014",
                "a mix",
                "between",
                "and",
                "soldiers",
                "this year",
                "İ",
                "ß",
                "—",
                "about",
                " ",
                "-",
                "%",
            ]
        ),
        max_size=14,
    )
)
def test_offsets_valid_on_number_soup(parts: list[str]) -> None:
    text = " ".join(parts)
    for claim in extract_claims(text, threshold=0.0):
        for q in claim.quantities:
            assert text[q.start : q.end] == q.raw


NEWS_LINES = Path(__file__).resolve().parent.parent / "data" / "news_lines.jsonl"


def test_news_page_lines_written_after_the_rules() -> None:
    """540 lines of news pages and transcripts in four sets, labelled claim / not a claim
    without reading the rules: every non-claim (caption, dateline, byline, navigation,
    live-page stamps, question, greeting, opinion, intent, feeling, boilerplate) is turned
    away, and nearly every claim is found."""
    rows = [json.loads(line) for line in NEWS_LINES.read_text(encoding="utf-8").splitlines()]
    not_claims = [r["text"] for r in rows if not r["claim"]]
    claims = [r["text"] for r in rows if r["claim"]]
    assert len(not_claims) == 320 and len(claims) == 220
    assert [t for t in not_claims if extract_claims(t)] == []
    found = sum(1 for t in claims if extract_claims(t))
    assert found / len(claims) >= 0.85, found


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry, which did not respond to requests for comment, said 20 people died.",
        "The minister did not comment on reports that 300 troops had crossed the border.",
        "The official, who spoke on condition of anonymity, said 40 soldiers were killed.",
        "We are devastated that two of our aid workers were killed in the strike on Tuesday.",
        "Updated figures show 40 deaths in the region.",
    ],
)
def test_a_claim_around_a_no_comment_is_still_a_claim(sentence: str) -> None:
    """Also: feelings with a number in words are not turned away as opinion."""
    assert extract_claims(sentence)


CHECKWORTHY_NEWS = Path(__file__).resolve().parent.parent / "data" / "checkworthy_news.jsonl"


def test_checkworthiness_on_news_sentences_labelled_without_reading_the_rules() -> None:
    """560 news sentences in three sets (280 check-worthy by ClaimBuster's standard, 280 not:
    trivial logistics, opinion, forecasts, furniture). First runs: F1 0.793, 0.848 and 0.879 at
    the default threshold of the day. This keeps it from sliding back."""
    rows = [json.loads(line) for line in CHECKWORTHY_NEWS.read_text(encoding="utf-8").splitlines()]
    found = [bool(extract_claims(r["text"])) for r in rows]
    tp = sum(f and r["label"] == 1 for f, r in zip(found, rows, strict=True))
    precision = tp / sum(found)
    recall = tp / sum(r["label"] == 1 for r in rows)
    assert 2 * precision * recall / (precision + recall) >= 0.82


CHECKWORTHY_DEBATE = Path(__file__).resolve().parent.parent / "data" / "checkworthy_debate.jsonl"


def test_checkworthiness_on_debate_sentences_labelled_like_the_experts() -> None:
    """600 debate-style sentences in two sets labelled CFS / UFS / NFS by ClaimBuster's
    definitions without reading the rules (190 CFS). First set: F1 0.912 at the then cut-off,
    0.930 at today's; the second set, written after the cut-off changed: 0.894 on its first run
    (0.883 at the old cut-off)."""
    rows = [
        json.loads(line) for line in CHECKWORTHY_DEBATE.read_text(encoding="utf-8").splitlines()
    ]
    found = [bool(extract_claims(r["text"])) for r in rows]
    tp = sum(f and r["label"] == "CFS" for f, r in zip(found, rows, strict=True))
    precision = tp / sum(found)
    recall = tp / sum(r["label"] == "CFS" for r in rows)
    assert 2 * precision * recall / (precision + recall) >= 0.88
