"""Who a sentence attributes its statement to, as a reviewer reads it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from workbench.core.speakers import find_speaker

SPEAKERS = Path(__file__).resolve().parent.parent / "data" / "speakers.jsonl"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Ukraine says shelling has killed 24 soldiers this year.", "Ukraine"),
        ("Health Minister Jane Doe said waiting lists had fallen by 8%.", "Jane Doe"),
        ("Mr Smith told the committee the contract had no tender.", "Smith"),
        ("The Bank of England warned that inflation would stay above 4%.", "Bank of England"),
        (
            "Brazil's environment ministry said deforestation fell 33%.",
            "Brazil's environment ministry",
        ),
        ("'This is the worst drought in 40 years,' said Maria Silva, a farmer.", "Maria Silva"),
        ("Two were killed, the regional governor, Oleh Syniehubov, said.", "Oleh Syniehubov"),
        ("Dr. Ana Lopez, an epidemiologist at Johns Hopkins, estimated one in five.", "Ana Lopez"),
        ("According to police, the driver was travelling at 90 mph.", "police"),
        ("According to the Ukrainian military, 26 soldiers were killed.", "Ukrainian military"),
        ("In Athens, officials said the fires had burned 12,000 hectares.", "officials"),
        ("The bodies were recovered from the glacier, rescue workers said.", "rescue workers"),
        (
            '"Admissions are rising," Dr. Helen Marsh, the trust\'s medical director, told the BBC.',
            "Helen Marsh",
        ),
        ("Karen Obi, 52, who runs the bakery, said she had lost £8,000.", "Karen Obi"),
        ("The airline disclosed in its annual report that fuel costs rose 18%.", "airline"),
        (
            "Foreign Minister Sergei Lavrov, speaking in New Delhi after talks with his Indian "
            "counterpart Subrahmanyam Jaishankar, said statements coming from Kyiv were worrying.",
            "Sergei Lavrov",
        ),
    ],
)
def test_speakers(sentence: str, speaker: str) -> None:
    assert find_speaker(sentence) == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        '"This is bad," he said.',
        "As I said last week, the numbers do not add up.",
        "The said property was sold for £1.2 million in 2019.",
        "Nobody said the recovery would be easy.",
        "Easier said than done, perhaps, but the plan is a start.",
        "Georgia added 14,000 jobs in April.",  # a plain verb, not an attribution
        "Prices rose 5% in May.",
    ],
)
def test_no_speaker(sentence: str) -> None:
    assert find_speaker(sentence) is None


def _norm(name: str | None) -> str | None:
    return None if name is None else re.sub(r"^the\s+", "", name.strip().lower())


def test_sentences_labelled_without_reading_the_rules() -> None:
    """360 news sentences (250 attributed). The old rules agreed on 47 of the first 80; the
    second 80 were written after the new rules, which agreed on 73 of them on the first run;
    third and fourth sets of 100, written later still, got 91 and 89 on their first runs."""
    rows = [json.loads(line) for line in SPEAKERS.read_text(encoding="utf-8").splitlines()]
    right = sum(_norm(find_speaker(r["text"])) == _norm(r["speaker"]) for r in rows)
    assert right / len(rows) >= 0.95, right
