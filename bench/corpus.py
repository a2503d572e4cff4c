"""Deterministic synthetic news snippets for benchmarks, with planted near-duplicates.

Sentences are assembled from pools of actors, verbs, places and clauses so that unrelated snippets
share vocabulary the way real wire copy does (names, places, stock phrases), while planted variants
are true near-duplicates: a word or two swapped, punctuation/quote style changed, or the tail cut off.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

ACTORS = [
    "Chinese President Xi Jinping", "Russian President Vladimir Putin", "U.S. President Donald Trump",
    "Ukrainian President Volodymyr Zelensky", "French President Emmanuel Macron", "German Chancellor Olaf Scholz",
    "Indian Prime Minister Narendra Modi", "Japanese Prime Minister Shigeru Ishiba", "the European Commission",
    "NATO Secretary General Mark Rutte", "Israeli Prime Minister Benjamin Netanyahu", "Hamas officials",
    "the United Nations Security Council", "Iranian Foreign Minister Abbas Araghchi", "Turkish President Tayyip Erdogan",
    "Brazilian President Luiz Inacio Lula da Silva", "South Korean prosecutors", "Houthi rebels", "the Kremlin",
    "Beijing", "Washington", "Moscow", "Kyiv", "the White House", "Canadian Prime Minister Justin Trudeau",
    "Mexican President Claudia Sheinbaum", "Saudi Crown Prince Mohammed bin Salman", "M23 rebels",
    "the Sudanese army", "Colombian President Gustavo Petro", "Secretary of State Marco Rubio", "the IAEA",
]
VERBS = [
    "held talks with", "spoke by phone with", "accused", "warned", "urged", "criticised", "met",
    "signed an agreement with", "threatened", "imposed new tariffs on", "condemned", "praised",
    "called for restraint from", "rejected a proposal by", "welcomed a statement from", "sanctioned",
    "offered to mediate between", "pledged support for", "demanded answers from", "hosted",
]
TOPICS = [
    "trade and energy cooperation", "the war in Ukraine", "a ceasefire in Gaza", "nuclear arms control",
    "critical mineral exports", "migration and border security", "new export controls on chips",
    "the security of shipping in the Red Sea", "grain shipments across the Black Sea", "climate finance",
    "a prisoner exchange", "the future of the Panama Canal", "artificial intelligence rules",
    "oil production quotas", "humanitarian access to Goma", "tariffs on steel and aluminium",
]
PLACES = ["Beijing", "Moscow", "Brussels", "Geneva", "Riyadh", "Davos", "Munich", "Kyiv", "Jerusalem",
          "Doha", "Cairo", "Panama City", "New Delhi", "Tokyo", "Seoul", "Ankara", "Paris", "Berlin",
          "Ottawa", "Mexico City", "Nairobi", "Kinshasa", "Tehran", "Istanbul", "London", "Warsaw"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
        "late on Tuesday", "earlier this week", "last week", "on Jan. 28", "on Feb. 4", "overnight"]
CLAUSES = [
    "according to a statement released by the foreign ministry",
    "state media reported, citing officials familiar with the discussions",
    "in what analysts described as a significant shift in tone",
    "as markets reacted nervously to the news",
    "a spokesperson said at a regular news briefing",
    "two people familiar with the matter told reporters",
    "after weeks of preparatory meetings between senior diplomats",
    "amid growing concern among neighbouring governments",
    "while stressing that no final decision had been taken",
    "the latest in a series of contacts since the start of the year",
    "raising questions about the timetable agreed last month",
    "with officials expected to meet again before the end of the month",
]
NUMBERS = ["three", "five", "12", "20", "45", "hundreds of", "about 1,000", "more than 2,000", "nearly 40"]


@dataclass(frozen=True)
class Corpus:
    texts: list[str]
    family: list[int]
    """For each text, the index of the original it was planted from (itself for originals)."""


FUNCTION = ["the", "of", "and", "to", "in", "a", "that", "for", "on", "with", "as", "by", "was", "said",
            "its", "from", "at", "after", "which", "would", "has", "were", "have", "their"]
# Onset + vowel + coda syllables (~1,400 of them), so made-up words are as varied in their letters
# as real ones; a handful of syllables would make every text share character n-grams.
_SYLLABLES = [o + v + c for o in ["", "b", "br", "c", "ch", "d", "f", "g", "gr", "h", "k", "l", "m", "n",
                                  "p", "pl", "r", "s", "st", "t", "tr", "v", "w", "z"]
              for v in ["a", "e", "i", "o", "u", "ai", "ou"] for c in ["", "n", "r", "s", "t", "l", "m", "ck"]]


def _vocabulary(rng: random.Random, size: int = 40000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.choice([1, 2, 2, 2, 3, 3]))))
    ordered = sorted(words)  # sorted, then shuffled by the seeded rng: deterministic ranks
    rng.shuffle(ordered)
    return ordered


class _Detail:
    """Body text: content words drawn from a Zipf-like vocabulary mixed with function words, so
    unrelated reports share common words and names, as real wire copy does, without being
    templated copies of each other."""

    def __init__(self, rng: random.Random) -> None:
        self.words = _vocabulary(rng)
        # A flatter Zipf than whole-text English (whose head is function words, added separately):
        # the commonest content word is ~1% of content words, as in news text.
        self.weights = [1.0 / (rank + 1) ** 0.7 for rank in range(len(self.words))]
        self.cum_weights = list(itertools.accumulate(self.weights))  # same draws as weights=, O(log n) each

    def __call__(self, rng: random.Random, n: int) -> str:
        content = rng.choices(self.words, cum_weights=self.cum_weights, k=n)
        out = []
        for word in content:
            out.append(word)
            if rng.random() < 0.45:
                out.append(rng.choice(FUNCTION))
        return " ".join(out)


def _sentence(rng: random.Random, detail: _Detail) -> str:
    """One snippet in one of several shapes, so that stock openers ("X met Y on Tuesday in Z")
    recur about as often as they do in wire copy rather than in every line. Calibrated so that the
    share of snippets sharing an LSH band with another (~32%, planted variants included) is near
    what real news sentences show (15% on 11.6k ECB+ sentences, which have no planted copies)."""
    a, b = rng.sample(ACTORS, 2)
    shape = rng.random()
    if shape < 0.4:
        head = f"{a} {rng.choice(VERBS)} {b} {rng.choice(DAYS)} over {rng.choice(TOPICS)}, {detail(rng, rng.randint(8, 14))}."
    elif shape < 0.7:
        head = f"{detail(rng, rng.randint(8, 14)).capitalize()} in {rng.choice(PLACES)} {rng.choice(DAYS)}, {a} said."
    else:
        head = f"{detail(rng, rng.randint(6, 10)).capitalize()}, {rng.choice(CLAUSES)}."
    if rng.random() < 0.7:
        head += f" {rng.choice(NUMBERS).capitalize()} {detail(rng, rng.randint(8, 16))}."
    return head


def _variant(text: str, rng: random.Random) -> str:
    words = text.split()
    kind = rng.random()
    if kind < 0.45:  # swap one or two words for synonyms-ish replacements
        for _ in range(rng.choice([1, 1, 2])):
            i = rng.randrange(len(words))
            words[i] = rng.choice(["officials", "leaders", "reportedly", "said", "the", "its", "new", "senior"])
        return " ".join(words)
    if kind < 0.7:  # house style: quotes, dashes, capitalisation, a dropped comma
        return text.replace(",", "", 1).replace("'", "\u2019").replace(" - ", " \u2014 ").replace("U.S.", "US")
    if kind < 0.9:  # cut off near the end, as feeds do (no ellipsis: judged by Jaccard alone)
        keep = max(8, int(len(words) * rng.uniform(0.8, 0.95)))
        return " ".join(words[:keep])
    # a heavier rewrite that should usually fall *below* the threshold (a hard negative)
    for _ in range(6):
        i = rng.randrange(len(words))
        words[i] = rng.choice(["officials", "leaders", "reportedly", "said", "the", "its", "new", "senior"])
    return " ".join(words)


def news_corpus(n: int, *, seed: int = 7, planted_share: float = 0.1) -> Corpus:
    """``n`` snippets; about ``planted_share`` of them are planted variants of earlier originals."""
    rng = random.Random(seed)
    detail = _Detail(rng)
    texts: list[str] = []
    family: list[int] = []
    originals: list[int] = []
    while len(texts) < n:
        if originals and rng.random() < planted_share:
            src = rng.choice(originals)
            texts.append(_variant(texts[src], rng))
            family.append(src)
        else:
            family.append(len(texts))
            originals.append(len(texts))
            texts.append(_sentence(rng, detail))
    return Corpus(texts, family)
