"""From a cleaned article to its sentences and claims: the pure part of ingest."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from workbench.core.extract import extract_claims
from workbench.core.models import Article, Claim, Role, Sentence
from workbench.core.sentences import split_sentences
from workbench.core.speakers import find_speaker


@dataclass(frozen=True)
class Analysis:
    sentences: tuple[Sentence, ...]
    claims: tuple[tuple[int, Claim], ...]  # (sentence position, sentence-relative claim)


def content_hash(article: Article) -> str:
    """Identity of an article's content: the same text imported twice is stored once."""
    return hashlib.sha256(" ".join(article.cleaned_text.split()).encode("utf-8")).hexdigest()


def analyse(article: Article, *, extract: bool = True) -> Analysis:
    """Split into sentences and extract claims from body sentences (never captions)."""
    sentences = tuple(split_sentences(article.cleaned_text, article.paragraphs))
    return Analysis(sentences, tuple(claims_for(sentences)) if extract else ())


def claims_for(sentences: tuple[Sentence, ...] | list[Sentence]) -> list[tuple[int, Claim]]:
    found: list[tuple[int, Claim]] = []
    for i, sentence in enumerate(sentences):
        if sentence.role is not Role.BODY:
            continue
        for claim in extract_claims(sentence.text):
            if claim.speaker is None and _opens_a_quote(sentence.text):
                claim = _with_speaker(claim, _speaker_closing_the_quote(sentences, i))
            found.append((sentence.position, claim))
    return found


_OPENING_QUOTES = ('"', "“", "‘")
_CLOSING_QUOTES = ('"', "”", "’")
_QUOTE_LOOKAHEAD = 4  # sentences: a quote longer than this has had its attribution already


def _opens_a_quote(text: str) -> bool:
    """Starts a quotation that it does not close: '"You stole from the very people ...'."""
    stripped = text.lstrip()
    return stripped.startswith(_OPENING_QUOTES) and not any(
        q in stripped[1:] for q in _CLOSING_QUOTES if q != "’"
    )


def _speaker_closing_the_quote(
    sentences: tuple[Sentence, ...] | list[Sentence], i: int
) -> str | None:
    """A quote that runs over several sentences is attributed where it closes ('...," the judge
    said.'): the speaker found there speaks for its first sentences too."""
    for later in sentences[i + 1 : i + 1 + _QUOTE_LOOKAHEAD]:
        if later.role is not Role.BODY:
            return None
        if any(q in later.text for q in ("”", '"')):
            return find_speaker(later.text)
    return None


def _with_speaker(claim: Claim, speaker: str | None) -> Claim:
    if speaker is None:
        return claim
    return replace(claim, speaker=speaker, reasons=(f"attributed to {speaker}", *claim.reasons))
