"""Generates news-like articles for the benchmarks: varied, numeric, deterministic."""

from __future__ import annotations

import random
from collections.abc import Iterator

PLACES = [
    "Kyiv",
    "Donetsk",
    "Brussels",
    "Moscow",
    "Warsaw",
    "Berlin",
    "Paris",
    "Ankara",
    "Geneva",
    "Vienna",
    "Riga",
    "Tallinn",
    "Vilnius",
    "Minsk",
    "Odesa",
    "Kharkiv",
    "Lviv",
    "Bucharest",
]
ACTORS = [
    "the ministry",
    "officials",
    "the mayor",
    "Gen. Mark Milley",
    "Dr. Anna Weber",
    "the U.S. embassy",
    "Sen. John Reed",
    "the European Commission",
    "the regional governor",
    "Acme Corp.",
    "NATO",
    "the central bank",
    "police",
    "the health agency",
    "Prime Minister Ewa Nowak",
]
NOUNS = [
    "soldiers",
    "civilians",
    "refugees",
    "tanks",
    "jobs",
    "homes",
    "schools",
    "patients",
    "ships",
    "flights",
    "villages",
    "workers",
    "students",
    "vehicles",
    "drones",
]
VERBS = ["said", "reported", "told reporters", "announced", "confirmed", "estimated", "claimed"]
SCOPES = [
    "this year",
    "last week",
    "in the past two weeks",
    "since 2014",
    "in 2021",
    "on Tuesday",
    "over the weekend",
    "in March",
    "since Feb. 24, 2022",
    "in the first quarter",
]
TEMPLATES = [
    "{Actor} {verb} that {n} {noun} were affected {scope}.",
    "According to {actor}, about {n} {noun} arrived in {place} {scope}.",
    "The number of {noun} in {place} rose by {p} percent {scope}, {actor} {verb}.",
    '"We have seen at least {n} {noun} near {place}," {actor} {verb}.',
    "{Actor} {verb} the budget would reach ${m} million {scope}.",
    "Talks in {place} ended without agreement on Tuesday.",
    "{Actor} described the situation in {place} as worrying.",
    "Critics say the plan, which costs {m}.{d} billion euros, is too slow.",
    "Residents of {place} were told to stay indoors, {actor} {verb}.",
    "More than {n} {noun} have been moved from {place} {scope}.",
    "Is the region ready for winter?",
    "The U.S. and its allies met in {place} to discuss the {noun} shortage.",
    "Between {n} and {n2} {noun} were reported missing {scope}.",
    "{Actor} denied that {n} {noun} had been lost.",
]


def _sentence(rng: random.Random) -> str:
    actor = rng.choice(ACTORS)
    n = rng.randint(2, 5000)
    return rng.choice(TEMPLATES).format(
        actor=actor,
        Actor=actor[0].upper() + actor[1:],
        verb=rng.choice(VERBS),
        n=f"{n:,}",
        n2=f"{n + rng.randint(1, 900):,}",
        noun=rng.choice(NOUNS),
        scope=rng.choice(SCOPES),
        place=rng.choice(PLACES),
        p=rng.randint(1, 90),
        m=rng.randint(1, 900),
        d=rng.randint(1, 9),
    )


def articles(
    count: int, sentences_per_article: int = 25, seed: int = 7
) -> Iterator[tuple[str, str]]:
    """(title, text) pairs; paragraphs of 2-4 sentences."""
    rng = random.Random(seed)
    for index in range(count):
        paragraphs: list[str] = []
        remaining = sentences_per_article
        while remaining > 0:
            take = min(remaining, rng.randint(2, 4))
            paragraphs.append(" ".join(_sentence(rng) for _ in range(take)))
            remaining -= take
        title = f"Report {index}: {rng.choice(PLACES)} update"
        yield title, "\n\n".join(paragraphs)


def sentences(count: int, seed: int = 11) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        yield _sentence(rng)
