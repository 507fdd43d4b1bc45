"""From a cleaned article to its sentences and claims: the pure part of ingest."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from workbench.core.extract import extract_claims
from workbench.core.models import Article, Claim, Role, Sentence
from workbench.core.sentences import split_sentences


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
    for sentence in sentences:
        if sentence.role is Role.BODY:
            found.extend((sentence.position, c) for c in extract_claims(sentence.text))
    return found
