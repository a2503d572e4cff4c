"""Text features for story clustering: content words, word pairs and names.

A report becomes a bag of features, three kinds in one space so one cosine compares them all:

- ``w:`` content words, lower-cased, stop words dropped, lightly stemmed ("checks", "checked" and
  "checking" are one feature), so two outlets' wordings of one event meet;
- ``b:`` pairs of adjacent content words ("critical minerals", "video call"): a shared phrase is
  far stronger evidence of one story than two shared words scattered apart;
- ``n:`` names (runs of capitalised words that do not open a sentence alone: "Tara Reid",
  "Betty Ford Center") and, when the events engineer's ``mentions`` table has coded the report,
  ``a:`` actor codes ("CHN GOV"). Two events of one kind (two earthquakes, two celebrity rehab
  check-ins) share their vocabulary and differ mainly in who and where, so names weigh more
  (setting ``story_name_weight``).

Everything here is a plain function of the text, so a report's features never depend on the batch
it arrived in; weighting by rarity (IDF) happens later, in :mod:`wirewatch.stories`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["STOP_WORDS", "stem", "sentences", "names", "features", "feature_list"]

# scikit-learn's English list (less words that name news events: call, fire, bill, interest, show, ...)
# plus reporting verbs and news boilerplate that every story shares.
# (Kept here, not imported, so the default install does not need scikit-learn for features.)
_STOP_TEXT = (
    """a about above across after afterwards again against all almost alone along already also although always
    am among amongst amoungst an and another any anyhow anyone anything anyway anywhere are around as at be
    became because become becomes becoming been before beforehand behind being below beside besides between
    beyond both but by can cannot cant co con could couldnt de do done down due during each eg eight either
    eleven else elsewhere enough etc even ever every everyone everything everywhere except few fifteen
    fifty first five for former formerly forty four from further get give go had has hasnt have he hence
    her here hereafter hereby herein hereupon hers herself him himself his how however hundred i ie if in
    inc indeed into is it its itself last latter latterly least less ltd made many may me meanwhile might
    mine more moreover most mostly much must my myself name namely neither never nevertheless next nine no
    nobody none noone nor not nothing now nowhere of off often on once one only onto or other others
    otherwise our ours ourselves out over own per perhaps please put rather re same see seem seemed seeming
    seems several she should since sincere six sixty so some somehow someone something sometime sometimes
    somewhere still such take ten than that the their them themselves then thence there thereafter thereby
    therefore therein thereupon these they third this those though three through throughout thru thus to
    together too toward towards twelve twenty two un under until up upon us very via was we well were what
    whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever whether which
    while whither who whoever whole whom whose why will with within without would yet you your yours
    yourself yourselves said says say saying told tells according reported reports reportedly report added
    adds just like mr mrs ms dr new news year years week weeks time times day days today yesterday
    including s t don didn doesn isn wasn won ll ve re d m"""
)
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Names that open a sentence alone are usually ordinary words ("Officials said ..."), except these
# few generic capitalised words that are never names even mid-sentence.
_NOT_NAMES_TEXT = (
    "the a an and but or if in on at for of to as by with from this that these those it its he she they we"
    " i you his her their our my mr mrs ms dr president minister monday tuesday wednesday thursday friday"
    " saturday sunday january february march april may june july august september october november"
    " december"
)
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())

# A sentence ends at . ! ? followed by space or by a capital letter glued on ("Moscow.As Russia's"):
# merged feed lines lose the space, and the next sentence must still start fresh.
# Not after an initial or a common abbreviation ("U.S. President", "Jan. 28", "Mr. Putin").
_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Gov", "Sen", "Rep", "Lt", "Col", "Jan", "Feb",
                  "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "vs")
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\b[A-Z]\.)"
    + "".join(rf"(?<!\b{a}\.)" for a in _ABBREVIATIONS)
    + r"(?:\s+|(?=[A-Z][a-z]))"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_NAME = re.compile(
    r"[A-Z][\w’'-]*(?:[ \t]+(?:(?:of|de|del|la|van|von|al|bin|el)[ \t]+)?[A-Z][\w’'-]*)*"
)


# British and American spellings of one word meet (wire copy mixes both): "stabilising" and
# "stabilizing", "organisation" and "organization", "labour" and "labor", "centre" and "center".
_ISE = re.compile(r"^([^\W\d_]{3,})is(e|ed|es|ing|ation|ations|er|ers)$")
_OUR = re.compile(r"^([^\W\d_]{3,})our(s|ed|ing|ite|ites|able)?$")
_TRE = re.compile(r"^([^\W\d_]{3,})tre(s)?$")
_ENCE = {"defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense"}


def _american(w: str) -> str:
    w = _ENCE.get(w, w)
    for pattern, repl in ((_ISE, r"\1iz\2"), (_OUR, r"\1or\2"), (_TRE, r"\1ter\2")):
        w2 = pattern.sub(repl, w)
        if w2 != w:
            return w2
    return w


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English suffix stripper (the first steps of Porter's): plurals, -ed and -ing.

    Deliberately conservative: it only has to map one word's inflections together, never to
    produce a dictionary word, and a wrong merge costs more than a missed one."""
    w = word
    if len(w) <= 3 or w.isdigit():
        return w
    if w.endswith("'s") or w.endswith("’s"):
        w = w[:-2]
    w = _american(w)
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ier", "iers")) and len(w) > 5:
        # Agent nouns of verbs in -y meet their verb: "supplier", "suppliers" -> "supply" (as
        # "supplies"), "carrier" -> "carry". (Found on the seed batches, where three reports of one
        # story use the noun, its plural and the verb; ECB+ B3 F1 unchanged.)
        return w[: w.rindex("ier")] + "y"
    if w.endswith("sses"):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4 and re.search(r"[aeiouy]", w[: -len(suffix)]):
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # "stopped" -> "stop"
            break
    return w


def sentences(text: str) -> list[str]:
    """Split a report into sentences (cheap rules; good enough for news leads and snippets). A line
    break always ends a sentence (a headline above its article has no full stop)."""
    return [s for line in text.splitlines() for s in (p.strip() for p in _SENTENCE_END.split(line)) if s]


def _content_word(raw: str) -> str:
    """One token's content word ("" for a stop word or a one-letter token)."""
    word = raw.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) < 2 or word in STOP_WORDS:
        return ""
    # Names are not stemmed ("Jinping" is not "Jinp"); inflected words rarely start upper-case
    # except at a sentence's start, where a missed stem costs little.
    return word if raw[0].isupper() else stem(word)


class _Memo(dict[str, str]):
    """Token -> content word, filled on first sight. News vocabulary repeats, so after the first
    few thousand reports nearly every token is one C-level dict lookup instead of lower-casing,
    stop-word and stemming calls (clustering's hot loop)."""

    def __missing__(self, raw: str) -> str:
        if len(self) > _MEMO_LIMIT:  # bound memory on endless streams of new words
            self.clear()
        word = self[raw] = _content_word(raw)
        return word


class _NameMemo(dict[tuple[str, bool], tuple[str, ...]]):
    """(capitalised run, opens its sentence) -> its ``n:`` features, filled on first sight."""

    def __missing__(self, key: tuple[str, bool]) -> tuple[str, ...]:
        if len(self) > _MEMO_LIMIT:
            self.clear()
        out: list[str] = []
        for name in _run_names(*key):
            out.append("n:" + name)
            if "_" in name:  # "Vladimir Putin" also counts as "Putin" (later references)
                out.extend("n:" + part for part in name.split("_")
                           if part not in STOP_WORDS and part not in _NOT_NAMES)
        value = self[key] = tuple(out)
        return value


_MEMO_LIMIT = 2_000_000
_WORDS = _Memo()
_NAMES = _NameMemo()


def names(sentence: str) -> list[str]:
    """Capitalised runs in one sentence, lower-cased and joined by ``_`` ("tara_reid")."""
    return [name for match in _NAME.finditer(sentence) for name in _run_names(match.group(0), match.start() == 0)]


def _run_names(text: str, opens: bool) -> list[str]:
    """The names in one capitalised run (``opens``: it starts its sentence)."""
    out = []
    words = [w.rstrip("'’").removesuffix("'s").removesuffix("’s") for w in text.split()]
    # Generic capitalised words ("The", "President", "Tuesday") split a run into names:
    # "Russian President Vladimir Putin" -> "russian", "vladimir_putin".
    run: list[str] = []
    lone_opener = opens and len(words) == 1
    for word in [*(w for w in words if w), ""]:
        if word and word.lower() not in _NOT_NAMES:
            run.append(word)
            continue
        # A lone capitalised word opening a sentence is usually not a name ("Officials said").
        if run and not lone_opener and not (len(run) == 1 and len(run[0]) < 3):
            out.append("_".join(w.lower() for w in run))
        run = []
    return out


def feature_list(text: str, actors: Iterable[str] = (), *, pairs: bool = True) -> list[str]:
    """The features of one report, each as often as it occurs (:func:`features` counts them).
    Clustering calls this for every report, so it leans on memo tables of tokens and names."""
    out: list[str] = []
    memo, name_memo = _WORDS, _NAMES
    for line in text.splitlines():
        for part in _SENTENCE_END.split(line):
            sentence = part.strip()
            if not sentence:
                continue
            words = [w for w in map(memo.__getitem__, _WORD.findall(sentence)) if w]
            out.extend(["w:" + w for w in words])
            if pairs and len(words) > 1:
                out.extend(["b:" + a + "_" + b for a, b in zip(words, words[1:])])
            for match in _NAME.finditer(sentence):
                out.extend(name_memo[match.group(0), match.start() == 0])
    out.extend(["a:" + code for code in actors])
    return out


def features(text: str, actors: Iterable[str] = (), *, pairs: bool = True) -> Counter[str]:
    """The feature counts of one report (see the module docstring for the kinds)."""
    return Counter(feature_list(text, actors, pairs=pairs))
