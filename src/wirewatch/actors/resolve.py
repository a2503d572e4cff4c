"""Actor mentions in a tokenised text -> coded actors (country ISO3 + sector, or IGO/NGO/IMG + org).

Matching is rule-based and needs no parse: two spaCy ``PhraseMatcher`` s find every knowledge-base
phrase (names and acronyms case-sensitively, sector words case-insensitively). Adjacent matches are
then composed into one actor phrase, which is how unknown people get coded from context:

    Chinese | Foreign Ministry | spokesperson | Mao Ning      -> CHN GOV   (adjective + sector words,
    adjective   sector            sector (weak)  absorbed name)             the name need not be known)
    Russia | 's | Vladimir Putin                               -> RUS GOV   (office holder at the date)
    Rebels | in the | Ivory Coast                              -> CIV REB   ("X in/of COUNTRY")
    French | and | Egyptian warships                           -> FRA MIL, EGY MIL (shared head noun)

A name absorbed after a title ("spokesperson Mao Ning") is remembered for the rest of the snippet,
so a later "Mao" resolves to the same actor.
"""

from __future__ import annotations

import copy
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .kb import INTERNATIONAL, PRIORITY, Entry, KnowledgeBase, Resolved
from .learned import EMPTY, PERSON_TITLES, LearnedAlias, LearnedAliases, kb_blocks

__all__ = ["Mention", "Resolver", "full_code"]

log = logging.getLogger(__name__)

_GLUE = {"'s", "'", "\u2019s", "\u2019", "-", "\u2013"}
_COORD = {"and", "or", ","}
# Kinds of match that a longer unknown proper name can contain (see Resolver._inside_name).
_NAME_PARTS = {"country", "adjective", "metonym", "person", "demonym"}
# Capitalised words that go with a state's name without making it another name.
_STATE_WORDS = {"Republic", "Kingdom", "State", "States", "Federation", "Union", "Islands", "Emirates",
                "Democratic", "People", "Arab", "Islamic", "Federal", "United", "Government", "Cypriot",
                "Cypriots", "Kurdish", "Kurds", "Shiite", "Shia", "Sunni", "Muslim", "Muslims", "Christian",
                "Christians", "Jewish", "Jews", "Catholic", "Orthodox", "Arabs", "Berber", "Tamil", "Tamils"}
# Words that make a name with a state's or capital's name in front of them something else.
_NOT_STATE_NAMES = {
    "Columbia", "Telecom", "Telecommunications", "Press", "Post", "Times", "Today", "Herald", "Tribune",
    "Journal", "Gazette", "News", "Airlines", "Airways", "Air", "Railways", "Rail", "Motors", "Oil",
    "Petroleum", "Gas", "Energy", "Mobile", "Telecoms", "Steel", "Airport", "Hospital", "University",
    "College", "School", "Ocean", "Sea", "Gulf", "Bay", "Stock", "Exchange", "Cup", "Open", "Grand",
    "Idol", "Club", "League", "Football", "Rugby", "Cricket", "Olympic", "Olympics", "Hotel",
    "Zoo", "Museum", "Theatre", "Theater", "Festival", "Street", "Avenue", "Road", "Square", "Station",
    "Inc", "Corp", "Corporation", "Company", "Group", "Holdings", "Ltd", "Limited", "Broadcasting",
    "Television", "TV", "Radio", "Express", "Mail", "Star", "Standard", "Insider", "Weekly",
}
_NOT_STATE_NAMES_OF = {"Gulf", "Bay", "Sea", "Strait", "Straits", "Isle", "Cape", "Lake", "River", "Port",
                       "University", "College", "Museum", "Bank", "Voice", "Miss", "Mister", "Duke",
                       "Duchess", "Archbishop", "Bishop", "Church"}
# Capitalised last words of titles and bodies ("Minister of Foreign Affairs Gedu Andargachew").
_TITLE_TAILS = {"Affairs", "Foreign", "Defence", "Defense", "Interior", "Security", "Finance", "Health",
                "Justice", "Trade", "Economy", "Information", "Office", "Ministry", "Department", "Council",
                "Commission", "Committee", "Assembly", "Parliament", "Party", "Front", "Movement", "Army",
                "Forces", "Navy", "Police", "Affair", "Relations", "Cooperation", "Development", "Spokesman",
                "Spokeswoman", "Spokesperson", "Leader", "Chairman", "Deputy", "Vice", "Yesterday", "Today",
                "Tonight", "Meanwhile", "Earlier", "Later", "Then", "Now", "Also", "Former", "Late"}
_CLUB_WORDS = {"Team", "Real", "Atletico", "Atlético", "Dynamo", "Dinamo", "Sporting", "Olympique", "Inter",
               "FC", "AC", "CSKA", "Spartak", "Lokomotiv", "Galatasaray"}
_HONORIFICS = {"Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Lady", "King", "Queen", "Prince", "Princess",
               "Sheikh", "Shaikh", "Emir", "Sultan", "Gen", "General", "Col", "Colonel", "Lt", "Sen",
               "Senator", "Rep", "Gov", "Governor", "Mayor", "Judge", "Justice", "Ayatollah", "Imam",
               "Pope", "Saint", "St", "Comrade", "Marshal", "Admiral", "Field", "Chancellor", "Premier",
               "President", "Minister", "Secretary", "Ambassador", "Envoy", "Commander", "Chief"}
_ATTACH = {"in", "of", "from"}
# Lower-case parts of personal names ("Hans van den Broek", "Omar al-Bashir").
_NAME_PARTICLES = {"van", "den", "der", "de", "da", "du", "von", "al", "el", "bin", "ibn", "abu", "la", "le",
                   "dos", "das", "di"}
_REGION_WORDS = {"the", "south", "southern", "north", "northern", "east", "eastern", "west", "western",
                 "central", "southeastern", "southwestern", "northeastern", "northwestern", "neighbouring",
                 "neighboring"}
_CALENDAR = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
}
# How sure we are of a mention, by how it was resolved (used in event confidence).
_CONFIDENCE = {"person": 0.95, "organisation": 0.9, "country": 0.9, "dictionary": 0.85, "learned": 0.85,
               "metonym": 0.8, "adjective": 0.8, "demonym": 0.8, "coreference": 0.6, "sector": 0.3}
# A bare title given the country its sentence (or else its snippet) is about: below any country
# the text states, above a sector with no country at all.
_CONTEXT_CONFIDENCE = {"sentence": 0.55, "snippet": 0.45}
# Head words of a bare title that stands for one state's office ("the defence minister", "the
# foreign ministry", "the president"); plurals and collectives ("ministers", "officials") do not,
# nor "government" ("the military government of President X" is better coded by X; measured on
# the GSR's even half).
_BARE_TITLE_HEADS = frozenset({"minister", "ministry", "president", "premier", "chancellor"})
# States whose names put the family name first in English-language news.
_FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK"})
# Words before a title that make it no particular state's office ("a minister", "former president").
_NOT_THE_OFFICE = frozenset({"a", "an", "another", "any", "former", "ex", "every", "each", "no"})
# Mentions that say which state a sentence is about: named by the text (first choice), or known
# people and places (second).
_NAMED_STATE_VIA = ("country", "adjective", "demonym")
_KNOWN_STATE_VIA = ("metonym", "person", "learned", "coreference", "dictionary")


# Words that end a noun phrase: a country followed by one of these and a sector word is two
# phrases ("South Korea held joint military exercises"), not one ("Chinese national broadcaster").
_VERBS_BETWEEN = {"held", "hold", "holds", "met", "meet", "meets", "sent", "send", "sends", "told", "tell",
                  "said", "says", "say", "has", "have", "had", "made", "make", "gave", "give", "took",
                  "take", "won", "lost", "led", "lead", "hit", "struck", "began", "saw", "got", "put", "set"}


def _verb_like(tok: Token) -> bool:
    low = tok.lower_
    return low in _VERBS_BETWEEN or (len(low) > 4 and low.endswith(("ed", "ing")))


def full_code(code: str | None, sector: str | None, org: str | None = None) -> str:
    """CAMEO-style code: ``CHNGOV``, ``IGOUNO``, ``PSEREB`` (``---GOV`` when the country is unknown)."""
    if code in INTERNATIONAL:
        return code + (org or "") + (sector or "")
    return (code or "---") + (sector or "")


@dataclass(frozen=True)
class Mention:
    """One actor mention: where it is and what it resolves to."""

    text: str
    start: int
    """Character offsets (in the text the caller passed, after ``offset``)."""
    end: int
    tok_start: int
    """Token offsets in the Doc the mention was found in."""
    tok_end: int
    code: str | None
    sector: str | None
    org: str | None
    via: str
    """How it resolved: person, organisation, country, metonym, adjective, demonym, dictionary,
    coreference, learned (an alias learned from an earlier report), context (a bare title given
    the country its sentence or snippet is about), sector (a sector word with no country)."""
    confidence: float

    @property
    def full_code(self) -> str:
        return full_code(self.code, self.sector, self.org)

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "start": self.start, "end": self.end, "code": self.code,
                "sector": self.sector, "org": self.org, "actor": self.full_code, "via": self.via,
                "confidence": self.confidence}


@dataclass
class _Match:
    start: int
    end: int
    entries: list[Entry]

    def best(self) -> Entry:
        return max(self.entries, key=lambda e: PRIORITY[e.kind])

    @property
    def kind(self) -> str:
        return self.best().kind


@dataclass
class _Group:
    matches: list[_Match]
    end_override: int | None = None
    absorbed: tuple[int, int] | None = None

    @property
    def start(self) -> int:
        return self.matches[0].start

    @property
    def end(self) -> int:
        return self.end_override if self.end_override is not None else self.matches[-1].end


def _key(tokens: Iterable[str]) -> str:
    return "\x1f".join(tokens)


class Resolver:
    """Finds and resolves actor mentions. Build once per (knowledge base, spaCy vocab); reuse."""

    def __init__(self, kb: KnowledgeBase, nlp: Language) -> None:
        self.kb = kb
        self.learned: LearnedAliases = EMPTY
        self.proper = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.common = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._proper: dict[str, list[Entry]] = {}
        self._common: dict[str, list[Entry]] = {}
        for table, lookup, matcher, lower in (
            (kb.proper, self._proper, self.proper, False),
            (kb.common, self._common, self.common, True),
        ):
            phrases = list(table)
            docs = [nlp.make_doc(phrase) for phrase in phrases]
            for phrase, doc in zip(phrases, docs):
                key = _key(t.lower_ if lower else t.text for t in doc)
                lookup.setdefault(key, []).extend(table[phrase])
            matcher.add("P" if not lower else "C", docs)
        log.debug("resolver: %d + %d phrase patterns", len(self._proper), len(self._common))

    def with_learned(self, learned: LearnedAliases) -> Resolver:
        """This resolver, also resolving ``learned`` aliases (the matchers are shared, read-only)."""
        other = copy.copy(self)
        other.learned = learned
        return other

    # -- matching -------------------------------------------------------------------------------
    def _matches(self, doc: Doc | Span) -> list[_Match]:
        found: list[_Match] = []
        base = doc.doc if isinstance(doc, Span) else doc
        for matcher, lookup, lower in ((self.proper, self._proper, False), (self.common, self._common, True)):
            # The matcher reports Doc token offsets even when given a Span.
            for _, s, e in matcher(doc):
                span = base[s:e]
                entries = lookup.get(_key(t.lower_ if lower else t.text for t in span))
                if entries:
                    found.append(_Match(span.start, span.end, list(entries)))
        # Longest first, then leftmost; drop overlaps.
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken: set[int] = set()
        kept: list[_Match] = []
        for m in found:
            if any(i in taken for i in range(m.start, m.end)):
                for k in kept:
                    if k.start == m.start and k.end == m.end:
                        # Same span matched by both matchers (e.g. a dictionary phrase).
                        k.entries.extend(m.entries)
                    elif (k.start < m.end and m.start < k.end and m.end > k.end
                          and any(e in k.entries for e in m.entries)
                          and not any(i in taken for i in range(k.end, m.end))):
                        # Two aliases of one person overlapping ("President Xi" + "Xi Jinping").
                        taken.update(range(k.end, m.end))
                        k.end = m.end
                continue
            taken.update(range(m.start, m.end))
            kept.append(m)
        return sorted(kept, key=lambda m: m.start)

    @staticmethod
    def _is_name(tok: Token) -> bool:
        return (tok.is_title or (tok.is_upper and len(tok) > 1)) and tok.is_alpha and not tok.is_stop \
            and tok.text not in _CALENDAR

    def _glued(self, doc: Doc, group: _Group, nxt: _Match) -> bool:
        gap = [doc[i] for i in range(group.end, nxt.start)]
        if not gap:
            return True
        if len(gap) <= 4 and all(t.text in _GLUE or self._is_name(t) for t in gap):
            return True
        # "Chinese national broadcaster": a country word, up to two plain modifiers, a sector word.
        return (len(gap) <= 2 and group.matches[-1].kind in ("adjective", "country", "metonym")
                and nxt.kind == "sector"
                and all((t.is_alpha or t.text == "-") and not t.is_stop and not _verb_like(t) for t in gap))

    # -- resolution -----------------------------------------------------------------------------
    def mentions(self, doc: Doc | Span, when: date | None = None, *, offset: int = 0,
                 aliases: dict[str, Resolved] | None = None,
                 learn: list[LearnedAlias] | None = None) -> list[Mention]:
        """Actor mentions in ``doc`` (a Doc or a sentence Span), resolved at date ``when``.

        ``offset`` is added to character offsets (a sentence parsed on its own reports offsets in
        its snippet). ``aliases`` carries surnames learned earlier in the same snippet; it is
        updated in place. Given a ``learn`` list, the names this sentence teaches ("Armenian Prime
        Minister Nikol Pashinyan") are appended to it (see :mod:`wirewatch.actors.learned`)."""
        base = doc.doc if isinstance(doc, Span) else doc
        char0 = doc.start_char if isinstance(doc, Span) else 0
        matches = self._matches(doc)
        groups: list[_Group] = []
        for m in matches:
            if groups and self._glued(base, groups[-1], m):
                groups[-1].matches.append(m)
            else:
                groups.append(_Group([m]))
        limit = doc.end if isinstance(doc, Span) else len(base)
        for g in groups:
            # A title followed by an unknown name ("spokesperson Mao Ning"): the name is the actor.
            if g.matches[-1].kind == "sector":
                j = g.end
                while j < limit and j - g.end < 6:
                    tok = base[j]
                    if self._is_name(tok) or (j > g.end and tok.lower_ in _NAME_PARTICLES
                                              and j + 1 < limit and self._is_name(base[j + 1])) or (tok.text == "-" and j > g.end and j + 1 < limit and self._is_name(base[j + 1])
                          and not tok.whitespace_):
                        j += 1
                    else:
                        break
                if j > g.end and not any(m.start < j and m.start >= g.end for m in matches):
                    g.absorbed = (g.end, j)
                    g.end_override = j
        covered = {i for m in matches for i in range(m.start, m.end)}
        groups = [g for g in groups if not self._inside_name(base, g, covered, doc)]
        resolved = [self._resolve_group(g, when) for g in groups]
        # "French and Egyptian warships": bare country adjectives share the head's sector.
        for i in range(len(groups) - 2, -1, -1):
            code, sector, org, via = resolved[i]
            nxt_code, nxt_sector, _, _ = resolved[i + 1]
            gap = [base[k].lower_ for k in range(groups[i].end, groups[i + 1].start)]
            if (sector is None and code and via in ("adjective", "demonym") and nxt_sector
                    and gap and all(t in _COORD for t in gap)
                    and groups[i + 1].matches[0].kind in ("adjective", "demonym")):
                resolved[i] = (code, nxt_sector, org, via)
        # "Rebels in the Ivory Coast", "the government of Sudan": a sector with no country takes
        # the country that follows it.
        merged: list[int] = []
        for i in range(len(groups) - 1):
            code, sector, org, via = resolved[i]
            nxt_code, nxt_sector, nxt_org, nxt_via = resolved[i + 1]
            gap = [base[k].lower_ for k in range(groups[i].end, groups[i + 1].start)]
            if (code is None and sector and nxt_code and nxt_code not in INTERNATIONAL
                    and nxt_via in ("country", "metonym") and gap and gap[0] in _ATTACH
                    and all(t in ("the",) for t in gap[1:]) and len(gap) <= 2):
                resolved[i] = (nxt_code, sector, org, "country")
                groups[i].end_override = groups[i + 1].end
                merged.append(i + 1)
            elif (via == "demonym" and code and nxt_code and nxt_code != code and nxt_code not in INTERNATIONAL
                    and nxt_via in ("country", "metonym") and gap and gap[0] in ("in", "of")
                    and all(t in _REGION_WORDS for t in gap[1:]) and len(gap) <= 3
                    and base[groups[i].end - 1].text.endswith("s")):
                # "ethnic Albanians in south Serbia", "Kurds of Iraq": a people named by origin is
                # coded by the country it lives in (CAMEO's convention), as its civilians.
                resolved[i] = (nxt_code, sector or "CVL", org, "country")
                groups[i].end_override = groups[i + 1].end
                merged.append(i + 1)
        out: list[Mention] = []
        for i, (g, (code, sector, org, via)) in enumerate(zip(groups, resolved)):
            if i in merged:
                continue
            if learn is not None and code and code not in INTERNATIONAL:
                self._learn_composed(base, g, code, when, doc, learn)
            if self.learned:
                code, sector, org, via = self._apply_learned(base, g, (code, sector, org, via), when)
            if via == "demonym" and sector is None and len(g.matches) == 1 and g.absorbed is None:
                last = base[g.end - 1].text
                if last.endswith("s") and not last.endswith("ss"):
                    # "Palestinians", "Nigerians": a nation's people, i.e. its civilians (the GSR
                    # codes them CVL; a plural demonym never names a government).
                    sector = "CVL"
            span = base[g.start:g.end]
            out.append(Mention(span.text, span.start_char - char0 + offset, span.end_char - char0 + offset,
                               g.start, g.end, code, sector, org, via, _CONFIDENCE.get(via, 0.5)))
            if aliases is not None and g.absorbed and code:
                # Family names come last in most names and first in Chinese, Korean, Hungarian
                # ones ("Mao Ning" is "Mao"): remember both ends of the name.
                for k in {g.absorbed[0], g.absorbed[1] - 1}:
                    if base[k].text[:1].isupper() and len(base[k].text) > 1:
                        aliases.setdefault(base[k].text, Resolved(code, sector, org))
        start = doc.start if isinstance(doc, Span) else 0
        if self.learned:
            out.extend(self._learned_names(base, start, limit, out, when, char0, offset))
        if aliases:
            covered = {i for m in out for i in range(m.tok_start, m.tok_end)}
            for tok in base[start:limit]:
                hit = aliases.get(tok.text)
                if hit is not None and tok.i not in covered and self._is_name(tok):
                    out.append(Mention(tok.text, tok.idx - char0 + offset, tok.idx + len(tok) - char0 + offset,
                                       tok.i, tok.i + 1, hit.code, hit.sector, hit.org, "coreference",
                                       _CONFIDENCE["coreference"]))
            out.sort(key=lambda m: m.start)
        elif self.learned:
            out.sort(key=lambda m: m.start)
        if learn is not None:
            self._learn_appositive(base, start, groups, resolved, merged, matches, when, doc, learn, aliases)
        return out

    def _inside_name(self, base: Doc, g: _Group, covered: set[int], doc: Doc | Span) -> bool:
        """Whether a country, capital or person the knowledge base knows is only part of a longer
        proper name that is something else: a place or a company ("British Columbia", "France
        Telecom", "USA Today", "the Indian Ocean", "the Gulf of Aden", "Tokyo Stock Exchange"), or
        another person with the same surname ("Reggie Bush" is not George Bush). State bodies
        with capitalised names ("U.S. Treasury", "Iraqi Supreme Court") stay the state's."""
        if any(m.kind not in _NAME_PARTS for m in g.matches) or g.absorbed is not None:
            return False
        first = doc.start if isinstance(doc, Span) else 0
        limit = doc.end if isinstance(doc, Span) else len(base)
        after = g.end
        if after < limit and after not in covered and base[after].text in _NOT_STATE_NAMES:
            return True
        before = g.start - 1
        if before >= first and before not in covered and base[before].text in _NOT_STATE_NAMES | _CLUB_WORDS:
            return True  # "T-Mobile USA", "Air India", "Team USA", "Real Madrid"
        if (before - 1 >= first and base[before].lower_ == "of"
                and base[before - 1].text in _NOT_STATE_NAMES_OF and before - 1 not in covered):
            return True
        if (g.matches[0].kind == "person" and before >= first and before not in covered
                and self._is_name(base[before]) and base[before].text not in _HONORIFICS | _TITLE_TAILS
                and (before == first or base[before - 1].lower_ not in ("of", "for", "and", "&"))):
            # Another first name before a known surname: a namesake, unless it is a spelling of
            # the known first name ("Yasir Arafat" for Yasser Arafat).
            given = base[before].text.lower()
            names = {e.name.split()[0].lower() for e in g.matches[0].entries if e.kind == "person" and " " in e.name}
            return bool(names) and not any(_similar(given, n) for n in names)
        return False

    # -- learned aliases ------------------------------------------------------------------------
    def _title(self, base: Doc, m: _Match) -> str | None:
        """The sector of a match that titles one person in office ("Prime Minister", "Foreign
        Ministry spokesperson"), else None."""
        sectors = [e.sector for e in m.entries if e.kind == "sector" and e.sector and e.code is None]
        if not sectors or sectors[0] in ("ELI",) or m.kind != "sector":
            return None
        words = base[m.start:m.end].text.lower().split()
        if words[-1] not in PERSON_TITLES or any(w in ("former", "ex-", "ousted", "deposed") for w in words):
            return None
        return sectors[0]

    @staticmethod
    def _country_word(m: _Match) -> bool:
        return m.kind in _NAMED_STATE_VIA

    def _name_ok(self, toks: Sequence[Token]) -> bool:
        return (bool(toks) and self._is_name(toks[-1]) and self._is_name(toks[0])
                and all(self._is_name(t) or t.lower_ in _NAME_PARTICLES or t.text == "-" for t in toks)
                and not any(t.is_upper or _verb_like(t) for t in toks))

    def _propose(self, toks: Sequence[Token], code: str, sector: str, when: date | None,
                 doc: Doc | Span, learn: list[LearnedAlias]) -> None:
        name = base_text(toks)
        surname = None
        if len(toks) > 1:
            # Chinese and Korean names put the family name first ("Mao Ning" is Ms Mao).
            if code in _FAMILY_NAME_FIRST:
                surname = toks[0].text
            else:
                # The last word as written, hyphens and all ("Ben-Gvir", not "Gvir").
                k = len(toks) - 1
                while k > 0 and not toks[k - 1].whitespace_:
                    k -= 1
                surname = base_text(toks[k:]) if k > 0 else toks[-1].text
        known = {id(e) for e in self.kb.entries(name)}
        for alias in (name, surname):
            if alias is None or (alias == surname and any(id(e) not in known for e in self.kb.entries(alias))):
                # The knowledge base knows the surname as someone (or something) else.
                continue
            if not kb_blocks(self.kb, alias, when):
                learn.append(LearnedAlias(alias, name, code, sector, when, sentence=doc.text.strip()))

    def _learn_composed(self, base: Doc, g: _Group, code: str, when: date | None, doc: Doc | Span,
                        learn: list[LearnedAlias]) -> None:
        """"Armenian Prime Minister Nikol Pashinyan": a country word, a title, then a name the
        knowledge base does not know (absorbed) or knows with no office at the date."""
        if g.absorbed is None and len(g.matches) < 3:
            return  # the common case: nothing here names a person beside a country and a title
        kinds = [m.kind for m in g.matches]
        if not any(k in _NAMED_STATE_VIA for k in kinds) or any(k in ("organisation", "dictionary", "metonym")
                                                                 for k in kinds):
            return
        named = {e.code for m in g.matches for e in m.entries if e.kind in _NAMED_STATE_VIA and e.code}
        if named != {code}:
            return
        if g.absorbed is not None and "person" not in kinds:
            title = self._title(base, g.matches[-1])
            toks = list(base[g.absorbed[0]:g.absorbed[1]])
            nxt = base[g.absorbed[1]] if g.absorbed[1] < len(base) else None
            if title and self._name_ok(toks) and not (nxt is not None and _continues_name(nxt)):
                self._propose(toks, code, title, when, doc, learn)
        elif (len(g.matches) >= 3 and kinds[-1] == "person" and kinds.count("person") == 1
              and kinds[-2] == "sector"):
            title = self._title(base, g.matches[-2])
            last = g.matches[-1]
            name = base[last.start:last.end].text
            if title and not kb_blocks(self.kb, name, when):
                self._propose(list(base[last.start:last.end]), code, title, when, doc, learn)

    def _learn_appositive(self, base: Doc, start: int, groups: list[_Group],
                          resolved: list[tuple[str | None, str | None, str | None, str]], merged: list[int],
                          matches: list[_Match], when: date | None, doc: Doc | Span,
                          learn: list[LearnedAlias], aliases: dict[str, Resolved] | None) -> None:
        """"Nikol Pashinyan, the Armenian prime minister": a name the knowledge base does not know,
        a comma, then a country word and a title (and nothing else). Learned only: the name is
        not coded in this sentence (the title is); later sentences of the snippet know it."""
        taken: set[int] | None = None
        for i, g in enumerate(groups):
            code, sector, _, via = resolved[i]
            if g.start < start + 3 or base[g.start - 1].text not in (",", "the"):
                continue  # the common case: no comma right before the group
            if (i in merged or via not in _NAMED_STATE_VIA or not code or code in INTERNATIONAL
                    or g.absorbed is not None or g.end_override is not None):
                continue
            kinds = [m.kind for m in g.matches]
            if kinds[-1] != "sector" or not all(k in _NAMED_STATE_VIA or k == "sector" for k in kinds):
                continue
            title = self._title(base, g.matches[-1])
            k = g.start - 1
            if k > start and base[k].lower_ == "the":
                k -= 1
            if not title or k <= start or base[k].text != ",":
                continue
            if taken is None:
                taken = {t for m in matches for t in range(m.start, m.end)}
            j = k
            while j - 1 >= start and k - j < 4 and (base[j - 1].i not in taken) and (
                    self._is_name(base[j - 1]) or base[j - 1].lower_ in _NAME_PARTICLES):
                j -= 1
            toks = list(base[j:k])
            if len(toks) < 2 or not self._name_ok(toks) or (j - 1 >= start and self._is_name(base[j - 1])):
                continue
            before = len(learn)
            self._propose(toks, code, title, when, doc, learn)
            if aliases is not None:
                for taught in learn[before:]:
                    if len(taught.tokens) == 1:
                        aliases.setdefault(taught.alias, Resolved(code, title, None))

    def _apply_learned(self, base: Doc, g: _Group, res: tuple[str | None, str | None, str | None, str],
                       when: date | None) -> tuple[str | None, str | None, str | None, str]:
        """A bare title with a learned name ("Prime Minister Pashinyan"), or a person the knowledge
        base knows only out of office at the date, takes the learned actor."""
        code, sector, org, via = res
        if code is None and g.absorbed is not None:
            toks = [t.text for t in base[g.absorbed[0]:g.absorbed[1]]]
            hit = self.learned.get(toks, when) or self.learned.get(toks[-1:], when)
            if hit is not None:
                return hit.code, sector or hit.sector, None, "learned"
        elif via == "person" and g.absorbed is None:
            last = g.matches[-1]
            toks = [t.text for t in base[last.start:last.end]]
            hit = self.learned.get(toks, when)
            if hit is not None and not kb_blocks(self.kb, " ".join(toks), when):
                return hit.code, hit.sector, None, "learned"
        return res

    def _learned_names(self, base: Doc, start: int, limit: int, out: list[Mention], when: date | None,
                       char0: int, offset: int) -> list[Mention]:
        """Learned names the knowledge base did not match ("Pashinyan said ...")."""
        covered = {i for m in out for i in range(m.tok_start, m.tok_end)}
        found: list[Mention] = []
        i = start
        first_words = self.learned.first_words
        while i < limit:
            tok = base[i]
            # Aliases are kept as written, word by word ("Ben-Gvir" is one word, three tokens).
            j = i
            while j + 1 < limit and not base[j].whitespace_ and "-" in (base[j].text, base[j + 1].text):
                j += 1
            word = base[i:j + 1].text
            if tok.i in covered or word not in first_words or not self._is_name(tok):
                i += 1
                continue
            for n in range(min(3 * self.learned.max_tokens, limit - i), 0, -1):
                if any(k in covered for k in range(i, i + n)):
                    continue
                hit = self.learned.get(base[i:i + n].text.split(), when)
                if hit is not None:
                    span = base[i:i + n]
                    found.append(Mention(span.text, span.start_char - char0 + offset, span.end_char - char0 + offset,
                                         i, i + n, hit.code, hit.sector, None, "learned", _CONFIDENCE["learned"]))
                    i += n
                    break
            else:
                i += 1
        return found

    # -- bare titles ----------------------------------------------------------------------------
    def bare_titles(self, doc: Doc, sentences: list[list[Mention]]) -> list[list[Mention]]:
        """Give bare titles ("the defence minister", "the prime minister", "Defense Minister") the
        country their snippet is about: the state it codes most often, ties going to the state the
        title's own sentence names by a country word, then to one it codes there at all (a known
        person, a capital), then to the first named. ``via = "context"``, at lower confidence than
        a country the text states (lower still when the sentence itself does not code that state).
        ``sentences`` are one snippet's mentions, per sentence, found in ``doc``.

        Counting over the snippet, not the sentence first: "Polish farmers blocked roads near
        Warsaw. The prime minister met Czech farmers." is about Poland; a sentence's other state is
        as often the counterpart ("met Czech farmers") as the title's own."""
        if not any(m.code is None and m.via == "sector" for mentions in sentences for m in mentions):
            return sentences  # the common case: no actor left without a country
        snippet: Counter[str] = Counter()
        first: dict[str, int] = {}
        for mentions in sentences:
            for m in mentions:
                if m.code and m.code not in INTERNATIONAL and m.via in _NAMED_STATE_VIA + _KNOWN_STATE_VIA:
                    snippet[m.code] += 1
                    first.setdefault(m.code, len(first))
        if not snippet:
            return sentences
        out = []
        for mentions in sentences:
            if not any(self._bare_title(doc, m) for m in mentions):
                out.append(mentions)
                continue
            named = {m.code for m in mentions if m.via in _NAMED_STATE_VIA}
            coded = {m.code for m in mentions if m.via in _KNOWN_STATE_VIA}
            country = max(snippet, key=lambda c: (snippet[c], c in named, c in coded, -first[c]))
            scope = "sentence" if country in named or country in coded else "snippet"
            out.append([replace(m, code=country, via="context", confidence=_CONTEXT_CONFIDENCE[scope])
                        if self._bare_title(doc, m) else m for m in mentions])
        return out

    @staticmethod
    def _bare_title(doc: Doc, m: Mention) -> bool:
        if m.code is not None or m.via != "sector" or not m.sector or m.sector in ("ELI", "HRI"):
            return False
        words = [t.lower_ for t in doc[m.tok_start:m.tok_end]]
        if words[-1] not in _BARE_TITLE_HEADS:
            # Ends in a name ("Prime Minister Pashinyan"): a person, not the office of the state
            # the snippet is about; the coder's sentence-level rule may still place it.
            return False
        before = doc[m.tok_start - 1].lower_ if m.tok_start > 0 else ""
        return before not in _NOT_THE_OFFICE and (before == "the" or doc[m.tok_start].is_title)

    def _resolve_group(self, g: _Group, when: date | None) -> tuple[str | None, str | None, str | None, str]:
        best_code: tuple[int, int, Resolved, str] | None = None
        strong: str | None = None
        weak: str | None = None
        intl: str | None = None
        named = frozenset(e.code for m in g.matches for e in m.entries
                          if e.kind in ("country", "adjective", "demonym") and e.code)
        for pos, m in enumerate(g.matches):
            for entry in m.entries:
                if entry.kind == "sector":
                    if entry.code in INTERNATIONAL:
                        intl = intl or entry.code
                    elif entry.weak:
                        weak = weak or entry.sector
                    else:
                        strong = strong or entry.sector
                    continue
                r = KnowledgeBase.resolve_entry(entry, when, named)
                if r.code is None and r.sector is not None and entry.kind == "dictionary":
                    # An imported agent (~GOV): a sector word.
                    strong = strong or r.sector
                    continue
                rank = (PRIORITY[entry.kind], -pos)
                if best_code is None or rank > best_code[:2]:
                    best_code = (rank[0], rank[1], r, entry.kind)
        if best_code is None:
            return (intl, None, None, "sector") if intl else (None, strong or weak, None, "sector")
        _, _, r, kind = best_code
        if kind == "person" and len(named) == 1 and r.code not in named and r.code not in INTERNATIONAL \
                and (strong or weak):
            # "Georgian President Eduard Shevardnadze" when the knowledge base only knows him as a
            # Soviet minister: the title said here is the better evidence (a composed actor).
            return next(iter(named)), strong or weak, None, "country"
        sector = r.sector if kind == "person" else strong or r.sector or weak
        if r.code in INTERNATIONAL and r.sector is None:
            # A weak word ("general" in "Secretary-General") says little about an IGO's organ.
            sector = strong
        return r.code, sector, r.org, kind

    def lookup(self, doc: Doc, when: date | None = None) -> list[Mention]:
        """How a phrase resolves (``wirewatch actors lookup``)."""
        return self.mentions(doc, when, aliases={})


def _similar(a: str, b: str) -> bool:
    """Two spellings of one given name ("yasir"/"yasser", "mohammad"/"muhammad")."""
    from difflib import SequenceMatcher

    return a[:1] == b[:1] and SequenceMatcher(None, a, b).ratio() >= 0.6


def _continues_name(tok: Token) -> bool:
    """A token that carries on a name the resolver stopped short of ("Mohammed Shia al-Sudani"):
    learning the part before it would learn the wrong surname."""
    head = tok.lower_.split("-")[0]
    return (tok.text[:1].isupper() and not tok.is_stop and tok.text not in _CALENDAR) or (
        "-" in tok.text and head in _NAME_PARTICLES)


def base_text(toks: Sequence[Token]) -> str:
    """The text of consecutive tokens as written (keeps "al-Sudani" unspaced)."""
    return "".join(t.text_with_ws for t in toks).strip()


def codes(mentions: Sequence[Mention]) -> list[str]:
    return [m.full_code for m in mentions]


def with_offset(m: Mention, offset: int) -> Mention:
    return replace(m, start=m.start + offset, end=m.end + offset)
