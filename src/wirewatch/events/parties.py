"""Who the parties of an event are, beyond what the parse names: places, stand-ins, implied parties.

The coder (events/coder.py) finds a trigger's subject and objects; these helpers decide what to
do with the parties it finds or misses: whether an event has a party worth an event at all
(:func:`party`), the country a place phrase is in (:func:`place_in`), a coded stand-in for an
uncoded party (:func:`stand_in`), the sentence's country for a countryless sector
(:func:`contextual_country`), peoples coded where they live, and the implied parties of domestic
acts. Pure functions over spaCy tokens and resolved mentions.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ..actors.kb import INTERNATIONAL
from ..actors.places import Gazetteer
from ..actors.resolve import Mention
from .syntax import is_place, subject

__all__ = [
    "AGENT_SECTORS", "OPEN_WATERS", "LOCATION_PREPS", "PRONOUNS", "STATE_MODES", "coded", "contextual_country", "ethnic_residence",
    "implied_domestic", "implied_government", "located", "party", "place_in", "stand_in", "state_actor",
    "unattributed", "with_apposition",
]

# Pronouns: a named doer by reference, not an unnamed one.
PRONOUNS = {"it", "they", "he", "she", "we", "i", "its", "their", "his", "her", "our", "them"}
# Prepositions that put an event somewhere ("in X", "near the town of X").
LOCATION_PREPS = {"in", "at", "near", "inside", "outside", "across", "throughout"}


# Common nouns that name a place, through which a place phrase leads to its name.
PLACE_WORDS = {
    "town", "towns", "city", "cities", "village", "villages", "capital", "port", "region", "province",
    "district", "area", "areas", "state", "enclave", "suburb", "suburbs", "neighbourhood",
    "neighborhood", "sector", "island", "peninsula", "zone", "outskirts", "center", "centre",
    "camp", "camps", "jail", "prison", "base", "border", "frontier", "coast", "valley", "strip",
    "street", "streets", "square", "market", "bazaar", "residence", "embassy", "airport",
}


PLACE_PATH = {"compound", "amod", "poss", "appos", "nmod", "npadvmod"}


PLACE_PREPS = {"of", "in", "near", "outside", "inside"}


PLACE_VIA = {"country", "metonym", "adjective", "demonym"}


OPEN_WATERS = {"gulf", "sea", "seas", "ocean", "strait", "straits", "waters", "channel", "bay", "high"}


def place_in(tok: Token, tok_mention: dict[int, Mention], gazetteer: Gazetteer, offset: int
              ) -> Mention | None:
    """The country a place phrase headed by ``tok`` is in, nearest word first: a state named in
    it ("in southeastern Serbia", "the north Lebanese port") or a town the gazetteer knows ("near
    the town of Samarra", "East Timor's capital Dili"). Not an organisation or a person."""
    if tok.lower_ in OPEN_WATERS:
        # "in the Gulf of Aden", "off the Somali coast in international waters": a sea is in no
        # state; naming a port after it does not put the event there.
        return None
    named = frozenset(m.code for m in tok_mention.values()
                      if m.code and m.code not in INTERNATIONAL and m.via in PLACE_VIA)
    queue = [(tok, 0)]
    while queue:
        t, depth = queue.pop(0)
        m = tok_mention.get(t.i)
        if m is not None:
            if m.code and m.code not in INTERNATIONAL and m.via in PLACE_VIA and not is_place(m, t.doc):
                # (not "near the Afghan border": a border lies between two countries)
                return replace(m, sector=None, org=None, via="place", confidence=0.4)
        elif t.text[:1].isupper() and t.is_alpha:
            left = t
            while left.i > 0 and (p := t.doc[left.i - 1]).head == t and p.dep_ == "compound" \
                    and p.text[:1].isupper() and p.i not in tok_mention:
                left = p
            for span in (t.doc[left.i:t.i + 1], t.doc[t.i:t.i + 1]):
                code = gazetteer.country(span.text, named)
                if code is not None:
                    return Mention(span.text, span.start_char + offset, span.end_char + offset,
                                   span.start, span.end, code, None, None, "place", 0.4)
        if depth < 3:
            # Into a phrase's modifiers only from a place word or a name: "the town of Samarra",
            # "East Timor's capital Dili", but not "new U.S. tariffs" (what, not where).
            into = t.lower_ in PLACE_WORDS or t.text[:1].isupper()
            for c in t.children:
                if c.dep_ in PLACE_PATH and into:
                    queue.append((c, depth + 1))
                elif c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
                    queue.extend((g, depth + 1) for g in c.children if g.dep_ == "pobj")
    return None


AGENT_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "UAF", "OPP", "PTY", "INS"}


def coded(actors: list[Mention]) -> bool:
    """Whether any of these parties has a country or body: an uncoded phrase ("the attacks") or a
    sector with no country ("troops") yields to a coded stand-in (the place, an implied party)."""
    return any(m.code for m in actors)


WHERE_PREPS = LOCATION_PREPS | {"through", "around", "along", "within", "across"}


def located(m: Mention, doc: Doc) -> bool:
    """Whether a mention is the object of a place preposition ("marched through Athens")."""
    root = doc[m.tok_end - 1] if m.tok_end <= len(doc) else None
    while root is not None and root.dep_ == "compound" and root.head != root:
        root = root.head
    return (root is not None and root.dep_ == "pobj" and root.head.lower_ in WHERE_PREPS
            and root.head.dep_ == "prep")


def with_apposition(m: Mention, doc: Doc, tok_mention: dict[int, Mention], offset: int) -> Mention:
    """A party's mention with the name set beside it ("his Iranian counterpart, Mostafa Najjar"):
    the name is who it is, even when the knowledge base does not know it."""
    if m.tok_end > len(doc) or m.tok_end <= m.tok_start:
        return m
    head = doc[m.tok_end - 1]
    while head.dep_ in ("compound", "amod", "poss") and head.head != head and head.head.i >= head.i:
        head = head.head
    for c in head.children:
        if c.dep_ == "appos" and c.i >= m.tok_end and c.text[:1].isupper() and c.i not in tok_mention:
            end = max(t.i for t in c.subtree if t.dep_ not in ("relcl", "acl", "punct")) + 1
            span = doc[m.tok_start:end]
            return replace(m, text=span.text, end=span.end_char + offset, tok_end=end)
    return m


def stand_in(parties: list[Mention], *stand_in: Mention) -> list[Mention]:
    """A coded stand-in (the place, an implied party) for uncoded ``parties``: an uncoded phrase or
    a countryless agent keeps its words and takes the stand-in's code; with no party, the stand-in
    itself."""
    if not stand_in:
        return parties
    uncoded = [m for m in parties if not m.code]
    s = stand_in[0]
    if uncoded:
        # Its own words, and its own sector if it has one ("former president Joseph Estrada"
        # pardoned at home is PHL GOV).
        m = uncoded[0]
        return [replace(m, code=s.code, sector=m.sector or s.sector, org=s.org, via=s.via,
                        confidence=s.confidence)]
    return [s]


def party(source: list[Mention], target: list[Mention]) -> bool:
    """Whether an event has a party worth an event: one with a country or body, or an agent
    with no country that acts ("Police arrested ..."). Uncoded phrases and countryless victims
    alone ("a car bomb killed four people") report no interaction between actors."""
    return coded(source) or coded(target) or any(m.sector in AGENT_SECTORS for m in source)


def contextual_country(mentions: list[Mention]) -> list[Mention]:
    """Give actors known only by their sector ("President Abdelaziz Bouteflicka", "the
    government") the country of the sentence when exactly one country is named in it: domestic
    news names its country once ("... a curfew in Algiers"). Sector-only actors that stay
    uncoded are dropped. Tuned on the GSR: +N records with a source, at lower confidence."""
    countries = {m.code for m in mentions if m.code and m.code not in INTERNATIONAL}
    out = []
    for m in mentions:
        if m.code:
            out.append(m)
        elif m.sector in NGO_SECTORS:
            # "a human rights group" with no nationality: a non-governmental body, not the
            # country the sentence is about (CAMEO's NGO with the HRI sector).
            out.append(replace(m, code="NGO", via="sector"))
        elif m.sector and len(countries) == 1 and m.sector not in INTERNATIONAL and m.sector != "CRM":
            out.append(replace(m, code=next(iter(countries)), via="context",
                               confidence=min(m.confidence + 0.3, 0.6)))
        elif m.sector in AGENT_SECTORS or m.sector == "CRM":
            # Still a party, with no country to give it ("---COP", as PETRARCH writes an agent of
            # unknown nationality): "Police arrested ...", "the navy captured 23 pirates". Only
            # the state's organs and organised political or armed actors (and criminals, as the
            # objects of their acts) are kept, and only the former make an event on their own
            # (party): countryless workers, companies or civilians are what most non-political
            # news is about. Criminals take no country from the sentence either ("the Indian
            # navy captured 23 pirates" says nothing of the pirates' nationality).
            out.append(m)
    return out


PEOPLE_NOUNS = {"population", "populations", "minority", "minorities", "community", "communities",
                "diaspora"}


def unattributed(v: Token) -> bool:
    """No one named does it: a passive with no agent, or a subject that is a thing or an unnamed
    group ("a car bomb", "investigators"), not a name or a pronoun ("Barrick Gold", "it")."""
    subj = subject(v)
    return subj is None or not (subj.text[:1].isupper() or subj.lower_ in PRONOUNS
                                or any(c.dep_ == "compound" and c.text[:1].isupper() for c in subj.children))


def ethnic_residence(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """"Ethnic Albanians", "the Albanian minority": a people named by its origin is coded by the
    country it lives in (CAMEO's convention), which news names elsewhere in the sentence ("...
    demonstrated in Serbia"): a state named after "in" or "near" first, else the first other state
    named. With none, the origin stays."""
    states = [m for m in mentions if m.code and m.code not in INTERNATIONAL and m.via in PLACE_VIA]
    out = []
    for m in mentions:
        if m.via in ("adjective", "demonym") and m.tok_end <= len(doc) and (
                (m.tok_start > 0 and doc[m.tok_start - 1].lower_ == "ethnic")
                or doc[m.tok_end - 1].lower_ in PEOPLE_NOUNS
                or (m.tok_end < len(doc) and doc[m.tok_end].lower_ in PEOPLE_NOUNS)):
            others = [h for h in states if h.code != m.code]
            # A state the sentence places something in ("in Serbia") before any other.
            home = next((h for h in others if h.tok_end <= len(doc)
                         and doc[h.tok_end - 1].head.lower_ in LOCATION_PREPS), None) or next(iter(others), None)
            if home is not None:
                m = replace(m, code=home.code, sector=m.sector or "CVL", via="context",
                            confidence=min(m.confidence, 0.5))
        out.append(m)
    return out


STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}


# Modes of acts only a state performs (arrest, trial, deportation, expulsion).
STATE_MODES = {"arrest", "convict", "deport", "expel"}


# Sectors of bodies that are non-governmental whatever country they work in.
NGO_SECTORS = {"HRI"}


def state_actor(m: Mention) -> bool:
    """A state organ, or a state named as a whole ("Israel reimposed blockades")."""
    if m.code in INTERNATIONAL:
        return m.sector in STATE_SECTORS or (m.sector is None and m.org is not None)
    return m.sector in STATE_SECTORS or (m.sector is None and m.via in ("country", "metonym"))


def implied(source: list[Mention], *, state: bool, sector: str | None) -> list[Mention]:
    """An actor the sentence implies but does not name: the country of a one-country source,
    with ``sector``, as an empty span at the source and low confidence (``via = "implied"``).
    ``state`` says whether the source must be a state organ (True) or must not be (False)."""
    codes = {m.code for m in source}
    if len(codes) != 1 or not source:
        return []
    m = source[0]
    if not m.code or m.code in INTERNATIONAL or all(x.sector in STATE_SECTORS for x in source) != state:
        return []
    return [replace(m, text="", end=m.start, tok_end=m.tok_start, sector=sector, org=None,
                    via="implied", confidence=0.3)]


def implied_domestic(source: list[Mention]) -> list[Mention]:
    """The target of a state organ's act on something uncoded: its own country, no sector."""
    return implied(source, state=True, sector=None)


def implied_government(source: list[Mention]) -> list[Mention]:
    """The target of a domestic protest that names none: its country's government (the
    convention of ICEWS and of the GSR's coders: protesters address their state). Only for
    non-state sources of one country."""
    return implied(source, state=False, sector="GOV")
