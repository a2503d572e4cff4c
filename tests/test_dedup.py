"""Near-duplicate detection: the verified pairs, and group invariants under Hypothesis."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from wirewatch.dedup import group_labels, near_duplicate_pairs, shingle_hashes
from wirewatch.settings import Settings

BASE = ("Russian President Vladimir Putin told Chinese President Xi Jinping on Tuesday that Moscow and "
        "Beijing's foreign policy ties played a stabilising role in international affairs.")


def test_shingles_ignore_case_and_punctuation() -> None:
    a, oa = shingle_hashes(["Xi, Putin: TALKS!"], 5)
    b, ob = shingle_hashes(["xi putin talks"], 5)
    assert list(a) == list(b) and list(oa) == list(ob)


def test_short_texts_get_one_shingle() -> None:
    flat, offsets = shingle_hashes(["ab", "", "long enough"], 5)
    assert list(offsets[:3]) == [0, 1, 2] and len(flat) == 2 + 7


def test_light_rewording_and_quote_variants_fold() -> None:
    texts = [BASE, BASE.replace("told", "informed"), BASE.replace("'", "\u2019").replace("Tuesday", "Tuesday,")]
    pairs = near_duplicate_pairs(texts, Settings())
    assert group_labels(3, pairs) == [0, 0, 0]
    assert all(p.similarity >= 0.8 for p in pairs)


def test_truncation_with_ellipsis_folds_by_containment() -> None:
    cut = BASE[: int(len(BASE) * 0.6)].rsplit(" ", 1)[0] + " ..."
    pairs = near_duplicate_pairs([BASE, cut], Settings())
    assert [(p.a, p.b) for p in pairs] == [(0, 1)]


def test_same_event_in_other_words_is_not_a_duplicate() -> None:
    other = "China's President Xi Jinping spoke with Russia's Vladimir Putin over video call on Tuesday, state media said."
    unrelated = "Stock markets in Europe closed higher on Friday as energy shares rallied after the announcement."
    assert near_duplicate_pairs([BASE, other, unrelated], Settings()) == []


def test_first_new_limits_pairs_to_new_rows() -> None:
    texts = [BASE, BASE.replace("told", "informed"), BASE.replace("Tuesday", "Wednesday")]
    pairs = near_duplicate_pairs(texts, Settings(), first_new=2)
    assert all(p.b >= 2 for p in pairs) and {p.a for p in pairs} == {0, 1}


def _corpus(seed: int) -> list[str]:
    rng = random.Random(seed)
    words = ["tariff", "ceasefire", "minister", "talks", "border", "missile", "summit", "energy", "troops",
             "sanctions", "election", "protest", "market", "drone", "port", "grain", "court", "oil"]
    base = [" ".join(rng.choice(words) + str(rng.randint(0, 99)) for _ in range(25)) for _ in range(12)]
    out = list(base)
    for text in base[:6]:
        w = text.split()
        w[rng.randrange(len(w))] = "changed"
        out.append(" ".join(w))
    return out


@hsettings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.randoms(use_true_random=False))
def test_groups_do_not_depend_on_order(seed: int, rnd: random.Random) -> None:
    texts = _corpus(seed)
    order = list(range(len(texts)))
    rnd.shuffle(order)

    def partition(seq: list[int]) -> set[frozenset[str]]:
        shuffled = [texts[i] for i in seq]
        labels = group_labels(len(shuffled), near_duplicate_pairs(shuffled, Settings()))
        groups: dict[int, set[str]] = {}
        for text, label in zip(shuffled, labels):
            groups.setdefault(label, set()).add(text)
        return {frozenset(g) for g in groups.values()}

    assert partition(list(range(len(texts)))) == partition(order)
    assert sum(len(g) > 1 for g in partition(order)) == 6
