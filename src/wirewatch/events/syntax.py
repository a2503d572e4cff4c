"""Dependency-parse helpers for the coder: subjects, objects and agents of a trigger, the actor
mentions a noun phrase refers to, and clause tests (conditional, future, reported, depth).

Pure functions of spaCy tokens and actor mentions; no knowledge of event types.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..actors.resolve import Mention
from .lexicon import LIGHT_VERBS, REPORTING_VERBS
from .relevance import common_word

__all__ = ["conditional", "clause_depth", "clause_distance", "conj_root", "distant_agent", "future_by_governor", "has_aux", "is_place",
           "is_verb", "light_verb", "np_actors", "object_words", "one_per_actor", "reporting_governor",
           "same_clause", "stative", "subject", "unless"]

SUBJ = {"nsubj", "csubj", "expl"}


def is_verb(tok: Token) -> bool:
    if tok.tag_:
        return tok.tag_.startswith("VB") or (tok.tag_ in ("JJ",) and tok.lower_ in ("ready", "willing"))
    return tok.dep_ in ("ROOT", "xcomp", "ccomp", "advcl", "relcl", "pcomp", "csubj", "conj", "acl") and any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj", "aux", "auxpass", "neg", "prt") for c in tok.children)


def object_words(v: Token) -> set[str]:
    """What a verb acts on, as the lexicon's ``objects`` lists name it: the direct object (or the
    passive subject), with its modifiers ("medical supplies", "military presence") and what an
    "of" phrase measures ("700 kg of medicine", "a mission of observers")."""
    words: set[str] = set()
    for c in v.children:
        if c.dep_ not in ("dobj", "nsubjpass"):
            continue
        heads = [c] + [p for g in c.children if g.dep_ == "prep" and g.lower_ == "of"
                       for p in g.children if p.dep_ == "pobj"]
        heads.extend(x for h in list(heads) for x in h.children if x.dep_ == "conj")
        for h in heads:
            words.add(h.lower_)
            for m in h.children:
                if m.dep_ in ("amod", "compound") and m.i < h.i:
                    words.add(f"{m.lower_} {h.lower_}")
    return words


def light_verb(tok: Token) -> bool:
    """Whether ``tok`` (with its particle: "carried out", "stepped up") carries an event noun."""
    if tok.lower_ in LIGHT_VERBS:
        return True
    prt = next((c for c in tok.children if c.dep_ == "prt"), None)
    return prt is not None and f"{tok.lower_} {prt.lower_}" in LIGHT_VERBS


def conj_root(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    return tok


STATIVE = {"opposed", "committed", "dedicated", "determined", "resolved", "inclined", "prepared",
            "obliged", "disposed", "averse"}


def stative(v: Token) -> bool:
    """A participle that states the subject's stance, not a passive ("Israel is opposed to French
    mediation": Israel opposes it; nobody opposed Israel)."""
    return v.lower_ in STATIVE and not any(c.dep_ == "agent" for c in v.children)


def subject(v: Token) -> Token | None:
    seen = 0
    while seen < 6:
        seen += 1
        for c in v.children:
            if c.dep_ in SUBJ:
                return c
        if v.dep_ in ("xcomp", "conj", "advcl", "acomp") and v.head != v:
            # "agreed to undertake", "arrested ... and killed": the governor's subject.
            v = v.head
            continue
        if v.dep_ in ("acl",) and v.head != v:
            return v.head
        return None
    return None


def np_actors(tok: Token | None, tok_mention: dict[int, Mention]) -> list[Mention]:
    """Coded mentions that a noun phrase headed by ``tok`` refers to (its conjuncts included),
    skipping relative clauses and place prepositions inside it."""
    if tok is None:
        return []
    found: list[Mention] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        m = tok_mention.get(t.i)
        if m is not None and m not in found and not is_place(m, t.doc):
            found.append(m)
        for c in t.children:
            if c.dep_ == "appos" and m is not None and m.code and not any(
                    g.dep_ in ("conj", "cc") for g in c.children):
                # "Pakistan, a key U.S. ally": an apposition describes the actor already named;
                # the countries inside the description are not further actors.
                continue
            if c.dep_ in ("conj", "appos", "compound", "amod", "poss", "nmod", "npadvmod", "nn", "cc"):
                stack.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("of", "from") and m is None:
                stack.extend(p for p in c.children if p.dep_ == "pobj")
    return one_per_actor(sorted(found, key=lambda m: m.start))


# Heads that never name a party: pronouns and expletives are resolved elsewhere or not at all,
# and numbers, dates and "it"/"there" say nothing about who acts.
_NOT_A_PARTY = {"it", "there", "this", "that", "which", "who", "what", "he", "she", "they", "we", "i",
                "you", "one", "all", "some", "others", "both", "each", "those", "these", "them", "him",
                "her", "us", "me", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "dozens", "hundreds", "thousands", "millions", "several", "many", "few", "most", "none",
                "another", "other", "people", "nobody", "anyone", "someone", "everyone"}
_NOMINAL = {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "attr", "oprd", "conj", "appos"}
# Words of time are when, never who ("met on Tuesday", "freed them last week").
_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
               "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "day",
               "days", "week", "weeks", "month", "months", "year", "years", "weekend", "time", "times",
               "january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december", "hours", "hour", "minutes", "decade", "decades"}


# Nouns for people and groups that no knowledge base codes ("an inmate", "the suspect", "two
# hostages"): an uncoded party must be someone, not something ("the claims", "tear gas").
_PEOPLE = {
    "man", "men", "woman", "women", "boy", "boys", "girl", "girls", "child", "children", "person",
    "inmate", "inmates", "prisoner", "prisoners", "detainee", "detainees", "captive", "captives",
    "hostage", "hostages", "suspect", "suspects", "victim", "victims", "family", "families",
    "resident", "residents", "villager", "villagers", "migrant", "migrants", "asylum-seekers",
    "passenger", "passengers", "crew", "crews", "sailors", "fishermen", "pilgrims", "worshippers",
    "citizen", "citizens", "national", "nationals", "member", "members", "supporter", "supporters",
    "leader", "leaders", "official", "officials", "delegation", "envoy", "team", "group", "groups",
    "organization", "organisation", "organizations", "organisations", "association", "union", "unions",
    "coalition", "alliance", "movement", "council", "committee", "commission", "agency", "agencies",
    "authority", "authorities", "institute", "foundation", "party", "parties", "network", "clan",
    "clans", "tribe", "tribes", "community", "communities", "critics", "opponents",
    "activist", "activists", "campaigners", "dissident", "dissidents", "journalist", "journalists",
    "reporter", "reporters", "lawyer", "lawyers", "judge", "mayor", "governor", "candidate",
    "candidates", "lawmaker", "lawmakers", "senator", "deputy", "chief", "director", "head",
    "spokesman", "spokeswoman", "counterpart", "counterparts", "ally", "allies", "neighbour",
    "neighbor", "neighbours", "neighbors", "partner", "partners", "rival", "rivals", "gunman",
    "gunmen", "attackers", "assailants", "kidnappers", "abductors", "smugglers", "traffickers",
    "protesters", "demonstrators", "strikers", "students", "teachers", "doctors", "nurses", "workers",
    "employees", "staff", "soldier", "soldiers", "troops", "fighters", "militants", "rebels",
    "insurgents", "guerrillas", "militia", "militias", "army", "navy", "police", "force", "forces",
    "unit", "units", "company", "companies", "firm", "firms", "bank", "banks", "court", "courts",
    "government", "governments", "state", "states", "country", "countries", "nation", "nations",
    "region", "province", "city", "town", "village", "republic", "kingdom", "administration",
    "regime", "ministry", "embassy", "consulate", "parliament", "senate", "congress", "assembly",
}


# Plural endings of nouns for kinds of people ("lecturers", "activists", "civilians", "detainees",
# "gunmen"), and the common plurals with those endings that name things.
_PEOPLE_ENDINGS = ("ers", "ors", "ists", "ians", "ees", "men")
_THINGS = {"numbers", "orders", "borders", "papers", "powers", "letters", "matters", "quarters",
           "headquarters", "waters", "centers", "centres", "towers", "chambers", "layers", "filters",
           "offers", "answers", "barriers", "markers", "containers", "computers", "corridors", "sectors",
           "factors", "errors", "doors", "floors", "colors", "colours", "motors", "monitors", "reactors",
           "tractors", "vectors", "fees", "trees", "degrees", "guarantees", "committees", "parameters",
           "meters", "metres", "kilometers", "kilometres", "liters", "litres", "dollars", "billions",
           "millions", "thousands", "hundreds", "others", "rivers", "shelters", "weathers", "waivers",
           "speakers"}


def _actor_like(tok: Token) -> bool:
    """Whether an uncoded noun phrase can be a party: a proper name (capitalised other than as a
    sentence's first word), or a noun for people, groups or institutions."""
    if tok.lower_ in _PEOPLE or tok.lower_.rstrip("s") in _PEOPLE:
        return True
    if tok.lower_.endswith(_PEOPLE_ENDINGS) and tok.lower_ not in _THINGS:
        return True
    if not tok.text[:1].isupper():
        return False
    # A sentence's first word is capitalised anyway: there only a rare word is a name ("Lagumdzija
    # suspended ...", not "Clashes erupted ...").
    return not tok.is_sent_start or not common_word(tok.lower_)


def phrase_mention(tok: Token | None, offset: int) -> Mention | None:
    """An uncoded party: the noun phrase headed by ``tok`` (its words up to the head), for an
    argument the knowledge base cannot code ("filed a lawsuit against Thom", "condemned the
    attacks"). It carries the words, no code: the analyst sees who or what was acted on, and the
    event is still counted only for its coded parties."""
    # The coder's pipeline has no tagger (it is not needed for the parse and costs time), so a
    # noun phrase is known by its dependency role, and a head with its own subject is a clause.
    if (tok is None or tok.dep_ not in _NOMINAL or tok.lower_ in _NOT_A_PARTY or not tok.is_alpha
            or tok.lower_ in _TIME_WORDS
            or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children)
            or not _actor_like(tok)):
        return None
    left = tok.left_edge
    # Cut off punctuation, line breaks and what precedes a relative or clausal part inside the
    # phrase's left edge.
    while left.i < tok.i and (left.is_punct or left.is_space or left.dep_ in ("cc", "preconj", "advmod")):
        left = left.doc[left.i + 1]
    span = tok.doc[left.i:tok.i + 1]
    return Mention(span.text, span.start_char + offset, span.end_char + offset, span.start, span.end,
                   None, None, None, "phrase", 0.3)


def one_per_actor(found: list[Mention]) -> list[Mention]:
    """One noun phrase names one actor per country and sector: "Palestinian leader Yasser Arafat"
    is the Palestinian government, not it plus Palestine; "Hizbollah (Party of God)" is one group.
    A bare country (an adjective or the country's name, no sector) yields to a mention of the same
    country that has a sector; repeats of the same actor code collapse to the first."""
    sectored = {m.code for m in found if m.sector}
    out: list[Mention] = []
    seen: set[str] = set()
    for m in found:
        if m.sector is None and m.org is None and m.code in sectored:
            continue
        if m.full_code in seen:
            continue
        seen.add(m.full_code)
        out.append(m)
    return out


# Nouns that make a country adjective a place, not an actor ("on the Thai border").
PLACE_NOUNS = {"border", "borders", "frontier", "frontiers", "border area", "coast", "coastline"}


def distant_agent(v: Token) -> Token | None:
    """The "by" phrase of a passive that the parser hung elsewhere in the clause: on a later
    conjunct ("was ambushed and looted by militiamen") or on a phrase after the verb ("was
    killed in an ambush near Mosul by rebels"). Not across a nested clause, which has its own."""
    for c in v.children:
        if c.dep_ == "conj":
            agent = next((g for g in c.children if g.dep_ == "agent"), None)
            if agent is not None:
                return agent
    for t in v.subtree:
        if t.i <= v.i or t.lower_ != "by" or t.dep_ not in ("agent", "prep"):
            continue
        h = t.head
        while h != v and h.dep_ not in ("relcl", "ccomp", "advcl", "acl", "xcomp", "pcomp", "conj"):
            h = h.head
        if h == v:
            return t
    return None


def is_place(m: Mention, doc: Doc) -> bool:
    """A country adjective naming where something is ("near the Thai border"), not who acts."""
    if m.via != "adjective" or m.tok_end > len(doc):
        return False
    head = doc[m.tok_end - 1].head
    return head.lower_ in PLACE_NOUNS


def same_clause(v: Token, m: Mention, tok_mention: dict[int, Mention]) -> bool:
    """Whether mention ``m`` hangs under verb ``v`` without crossing another clause."""
    doc = v.doc
    t = doc[m.tok_end - 1]
    for _ in range(12):
        if t == v:
            return True
        if t.dep_ in ("relcl", "ccomp", "advcl", "parataxis") or t.head == t:
            return False
        t = t.head
    return False


def conditional(v: Token) -> bool:
    """Whether ``v`` governs an if/unless clause."""
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
               for c in v.children)


def unless(v: Token) -> bool:
    """Whether ``v`` governs an "unless" clause (a condition the speaker demands)."""
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "unless" for g in c.children)
               for c in v.children)


def has_aux(v: Token, words: set[str]) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in words for c in v.children)


def future_by_governor(v: Token) -> bool:
    # "is going to X", "plans to X" are handled as intent; here: "said it would X".
    return v.dep_ == "xcomp" and v.head.lower_ in ("going", "about") and v.head.head != v.head


def reporting_governor(v: Token) -> Token | None:
    t = v
    for _ in range(4):
        if t.dep_ in ("ccomp", "parataxis", "xcomp", "advcl") and t.head != t:
            t = t.head
            if t.lower_ in REPORTING_VERBS:
                return t
        elif t.dep_ == "conj" and t.head != t:
            t = t.head
        else:
            return None
    return None


def clause_depth(tok: Token) -> int:
    d = 0
    while tok.head != tok and d < 50:
        tok = tok.head
        d += 1
    return d


# Verbs whose own trigger reading yields to an event noun they take as object.


def clause_distance(t: Token, v: Token) -> int:
    """How far up from ``t`` to ``v``, or -1 if the path crosses into another clause."""
    n = 0
    while t != v:
        if t.dep_ in ("relcl", "ccomp", "parataxis", "xcomp", "conj") or t.head == t:
            return -1
        # A time clause ("killed 23 when they blew themselves up in Tel Aviv") shares its place,
        # but the verb's own phrases come first.
        n += 10 if t.dep_ == "advcl" else 1
        t = t.head
    return n
