"""Claims in their article: what one sentence cannot know, its neighbours tell."""

from __future__ import annotations

from workbench.core.analysis import claims_for
from workbench.core.models import Paragraph, Role
from workbench.core.sentences import split_sentences


def _claims(text: str) -> list[tuple[str, str | None]]:
    sentences = split_sentences(text, (Paragraph(0, len(text), Role.BODY),))
    return [(claim.text, claim.speaker) for _, claim in claims_for(sentences)]


def test_a_quote_over_several_sentences_is_attributed_where_it_closes() -> None:
    text = (
        '"You stole 2.3 million dollars from the very people you were paid to care for. '
        'They trusted you with everything," Judge Nicholas Carrow said.'
    )
    found = _claims(text)
    assert found[0][1] == "Nicholas Carrow"
    assert found[0][0].startswith('"You stole')


def test_a_quote_closed_by_a_pronoun_gets_no_speaker() -> None:
    text = '"We lost 40 homes in one night. Nobody came to help," she said.'
    assert all(speaker is None for _, speaker in _claims(text))


def test_a_sentence_that_closes_its_own_quote_keeps_what_it_says() -> None:
    text = 'Officials said 24 soldiers died. "The toll will rise," a medic said.'
    assert _claims(text)[0][1] == "Officials"
