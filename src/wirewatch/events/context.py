"""PLOVER 2.0 *contexts* of an event: the "why" of event-mode-context, as a multi-label tag set.

The PLOVER manual (chapter "Contexts") defines some forty topic tags any event may carry: a
meeting on arms control is CONSULT with ``military`` and ``cbrn``; a court jailing a reporter is
COERCE with ``legal`` and ``rights_freedoms``. It expects contexts to be coded from the paragraph
or the document; wirewatch codes them from the event's evidence sentence, which is what it has,
with three cheap signals:

- cue words and stems per context (:data:`CUES`, written for wirewatch from the manual's
  definitions), matched in one pass of one compiled regular expression;
- the sectors and organisations of the event's actors (an army source makes a ``military``
  event, a court ``legal``, the IMF ``economic``);
- the mode (PLOVER's ``cyber`` and ``misinformation`` modes add the context of the same name, as
  the manual prescribes).

No parse, no model: a few microseconds per event. Measured on the PLOVER GSR in docs/events.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

__all__ = ["CONTEXTS", "CUES", "contexts"]

CONTEXTS: tuple[str, ...] = (
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
)
"""Every PLOVER 2.0 general context, in the manual's order (the order :func:`contexts` returns)."""

# Cue syntax: lower-case words or phrases, matched on the sentence's words (runs of letters and
# digits: "cease-fire" is the phrase "cease fire", "women's" is "women s"); a trailing "*" lets the
# last word end in anything ("negotiat*": negotiate, negotiations, ...). The longest cue at a
# position wins and hides the words inside it. Cues are chosen to be unambiguous in news text:
# "drill", "campaign", "party", "bill" or "tank" are left out (training, election, celebration,
# invoice, container).
CUES: dict[str, tuple[str, ...]] = {
    "military": (
        "military", "militaries", "militarily", "army", "armies", "troop*", "soldier*", "navy",
        "navies", "naval", "air force*", "marines", "armed forces", "warplane*", "fighter jet*",
        "warship*", "submarine*", "missile*", "artillery", "airstrike*", "air strike*",
        "air raid*", "battalion*", "brigade*", "pentagon", "defence minist*",
        "defense minist*", "defence secretar*", "defense secretar*", "ministry of defen*",
        "weapon*", "arms deal*", "arms sale*", "arms control", "military exercise*",
        "war games", "generals", "peacetime", "warfare", "invasion", "invade*", "shelling",
        "ceasefire", "cease-fire", "truce", "arms", "gunboat*", "armed forces",
        "war against",
    ),
    "intelligence": (
        "intelligence agenc*", "intelligence service*", "spy", "spies", "spying", "espionage",
        "cia", "kgb", "fsb", "mossad", "mi6", "mi5", "surveillance", "reconnaissance",
        "wiretap*",
    ),
    "executive": (
        "cabinet", "reshuffl*", "head of state", "chief of staff", "presidential palace",
        "white house", "kremlin", "downing street", "executive order*", "presidential decree*",
        "resign*", "step down", "steps down", "stepped down", "ousted", "oust",
    ),
    "legislative": (
        "parliament*", "legislat*", "lawmaker*", "congress", "congressional", "congressman", "congressmen",
        "senate", "senator*", "mps", "national assembly", "house of representatives",
        "house of commons", "house of lords", "duma", "knesset", "bundestag",
    ),
    "election": (
        "election*", "electoral", "elector*", "voting", "voter*", "ballot*",
        "polling", "referendum*", "candidate*", "re-election", "reelection", "presidential race",
    ),
    "political_institutions": (
        "political part*", "ruling party", "opposition party", "opposition parties",
        "constitution*", "coup*", "impeach*", "state of emergency", "political crisis",
        "power-sharing", "power sharing", "coalition government", "political reform*",
    ),
    "pro_democracy": ("pro-democracy", "democratization", "democratisation", "democratic reform*",
                      "free and fair"),
    "pro_autocracy": ("coup*", "martial law", "authoritarian*", "autocra*", "dictator*",
                      "junta", "postponed elections", "postponed the election*",
                      "cancelled elections", "canceled elections", "one-party"),
    "economic": (
        "econom*", "trade", "trading", "trade deal*", "tariff*", "export*", "import*",
        "invest", "invests", "invested", "investing", "investment*", "investor*",
        "financ*", "banking", "central bank*", "loan*", "debt*",
        "budget*", "inflation", "gdp", "recession", "currenc*", "market*", "commerc*",
        "business*", "industr*", "fiscal", "monetary", "tax", "taxes", "taxation", "subsid*",
        "economic sanction*", "bailout*", "credit*", "dollar*", "euros", "yuan", "aid package*",
        "free trade", "wto", "imf", "world bank", "oecd", "g20", "g7", "jobs", "unemploy*",
        "price*", "wage*", "boycott*", "embargo*",
    ),
    "legal": (
        "court*", "judge*", "judicia*", "tribunal*", "lawyer*", "attorney*", "prosecut*",
        "trial", "trials", "verdict*", "sentenced", "sentence him", "sentence her", "convict*",
        "acquit*", "lawsuit*", "sued", "indict*", "charged with", "charges against",
        "legal", "illegal*", "unlawful*", "lawful", "law", "laws", "international law",
        "extradit*", "jurisdiction", "ruling", "ruled", "treaty", "treaties", "convention",
        "pardon*", "amnesty", "arrest warrant*", "inquiry", "testif*", "testimony",
        "war crime*", "genocide", "custody", "criminal court*",
    ),
    "reparations": ("reparation*", "compensat*", "apologi*", "apologis*", "apologiz*",
                    "restitution"),
    "human_rights": ("human rights", "rights group*", "rights activist*", "rights abuse*",
                     "amnesty international", "human rights watch", "rights"),
    "rights_freedoms": (
        "freedom of", "free speech", "press freedom*", "civil libert*", "civil rights",
        "censor*", "journalists' rights", "workers' rights", "women's rights",
        "right to protest", "banned the newspaper", "jailed journalist*",
    ),
    "repression": (
        "crackdown*", "crack down", "cracked down", "tortur*", "disappeared", "disappearance*",
        "extrajudicial*", "political prisoner*", "tear gas", "teargas", "riot police",
        "dissident*", "persecut*", "forced displacement", "house arrest",
    ),
    "human_security": ("food security", "food insecurity", "famine*", "hunger", "starv*",
                       "malnutrition", "water shortage*", "food shortage*", "homeless*",
                       "food aid", "humanitarian aid"),
    "gender": ("women", "woman's", "women's", "gender*", "abortion*", "femicide",
               "reproductive", "feminis*", "girls", "sexual violence", "rape*"),
    "lgbt": ("gay", "gays", "lesbian*", "lgbt*", "transgender*", "same-sex", "homosexual*",
             "queer", "bisexual*"),
    "religion_ethnicity": (
        "religio*", "ethnic*", "sectarian", "muslim*", "islamic", "islamist*", "christian*",
        "jews", "jewish", "hindu*", "buddhist*", "sikh*", "catholic*", "protestant*", "church*",
        "mosque*", "synagogue*", "temple*", "shiite*", "shia", "sunni*", "tribe*", "tribal",
        "minorities", "kurds", "kurdish", "rohingya", "uighur*", "uyghur*", "tamil*", "caste*",
        "pope", "vatican", "clergy", "cleric*", "imam*",
    ),
    "inequality": ("inequalit*", "unequal", "discriminat*", "racis*", "racial*", "segregat*",
                   "marginali*", "poverty"),
    "diplomatic": (
        "diplomat*", "embass*", "ambassador*", "envoy*", "consul*", "foreign minist*",
        "foreign secretar*", "secretary of state", "state department", "foreign affairs",
        "foreign office", "summit*", "talks", "negotiat*", "bilateral*", "multilateral*",
        "ties", "relations", "visit*", "mediat*", "peace process", "peace plan*", "accord",
        "agreement*", "alliance*", "allies", "allied", "counterpart*", "delegation*",
        "security council", "sanction*", "recogni*",
    ),
    "territory": ("territor*", "border*", "frontier*", "sovereign*", "annex*", "secession*",
                  "secessionist*", "separatis*", "independence", "autonom*", "disputed",
                  "occupation", "enclave*", "breakaway"),
    "peacekeeping": ("peacekeep*", "peace-keep*", "blue helmets", "peace force*",
                     "monitoring mission*", "observer mission*", "un mission*"),
    "health": ("health*", "disease*", "epidemic*", "pandemic*", "outbreak*", "virus*",
               "vaccin*", "hospital*", "ebola", "hiv", "cholera", "malaria", "covid*",
               "influenza", "medical", "medicine*", "doctors", "world health organization"),
    "asylum": ("asylum*",),
    "migration": ("refugee*", "migrant*", "migrat*", "immigra*", "emigra*", "displaced",
                  "deport*", "repatriat*", "unhcr", "exodus", "border crossing*",
                  "return home", "returned home", "resettle*"),
    "disasters": ("earthquake*", "quake*", "flood*", "hurricane*", "cyclone*", "typhoon*",
                  "tsunami*", "drought*", "landslide*", "mudslide*", "wildfire*", "storm", "storms", "blizzard*",
                  "disaster*", "heat wave*", "heatwave*", "oil spill*", "eruption*", "famine*"),
    "natural_resource": (
        "oil", "gas", "natural gas", "petroleum", "crude", "coal", "mining", "miner*",
        "mineral*", "diamond*", "timber", "lumber", "logging", "fishing", "fisher*",
        "energy", "pipeline*", "opec", "rare earth*", "natural resource*", "gold", "copper",
        "lithium", "cobalt", "water resource*", "farmland", "oilfield*", "gas field*",
        "hydroelectric", "electricity", "fuel*",
    ),
    "environment": ("environment*", "pollut*", "climate", "emission*", "carbon",
                    "deforestation", "conservation*", "renewable*", "greenpeace", "wildlife",
                    "endangered species", "global warming", "greenhouse"),
    "technology": ("technolog*", "high-tech", "hi-tech", "semiconductor*", "artificial intelligence",
                   "satellite*", "space program*", "space agency", "research cent*",
                   "software", "microchip*", "chipmaker*", "telecom*", "5g"),
    "terrorism": (
        "terror*", "counterterror*", "counter-terror*", "suicide bomb*", "jihad*",
        "al-qaeda", "al qaeda", "al-qaida", "al qaida", "islamic state", "isis", "isil",
        "boko haram", "al-shabaab", "al-shabab", "hijack*", "extremis*", "car bomb*",
        "hostage taker*", "hostage taking", "improvised explosive*",
    ),
    "cbrn": ("nuclear", "chemical weapon*", "biological weapon*", "bioweapon*", "nerve agent*",
             "sarin", "anthrax", "radioactiv*", "uranium", "enrich*", "plutonium", "warhead*",
             "atomic", "weapons of mass destruction", "wmd", "iaea", "radiation",
             "chemical attack*", "poison gas", "weapons inspector*", "nonproliferation", "non-proliferation"),
    "cyber": ("cyber*", "hack*", "malware", "ransomware", "ddos", "denial of service",
              "data breach*", "phishing"),
    "misinformation": ("disinformation", "misinformation", "propaganda", "fake news",
                       "false information", "influence operation*", "influence campaign*",
                       "deepfake*"),
    "crime": ("crime*", "criminal*", "murder*", "robber*", "theft*", "thief", "thieves",
              "gang", "gangs", "gangster*", "kidnap*", "fraud*", "homicide*", "piracy",
              "pirates", "mafia", "looting", "looters"),
    "corruption": ("corrupt*", "brib*", "embezzl*", "graft", "nepotism", "cronyism",
                   "kickback*", "money laundering", "misappropriat*", "abuse of office",
                   "abuse of power"),
    "illegal_drugs": ("drug trafficking", "drug traffickers", "drug cartel*", "drug lord*",
                      "drug smuggl*", "drug dealer*", "drug trade", "illegal drugs",
                      "cocaine", "heroin", "narcotic*", "cartel*", "marijuana", "cannabis",
                      "opium", "methamphetamine", "fentanyl", "narco*"),
    "trafficking": ("traffick*", "smuggl*", "contraband"),
}

# Phrases that hold a cue word but name no context; matched like cues, they hide it.
BLOCKERS: tuple[str, ...] = (
    "west bank",
)

# Actor sectors (wirewatch's CAMEO codes, src/wirewatch/actors/data/README.md) and organisations
# whose presence as source or target puts the event in a context by itself.
SECTOR_CONTEXT = {
    "MIL": "military", "SPY": "intelligence", "LEG": "legislative", "JUD": "legal",
    "REF": "migration", "HLH": "health", "HRI": "human_rights", "ENV": "environment",
    "CRM": "crime", "REL": "religion_ethnicity", "PTY": "political_institutions",
}
ORG_CONTEXT = {
    "IMF": "economic", "WBK": "economic", "WTO": "economic", "OEC": "economic",
    "ADB": "economic", "AFB": "economic", "IDB": "economic", "ECB": "economic",
    "IAE": "cbrn", "OPW": "cbrn", "WHO": "health", "HCR": "migration", "IOM": "migration",
    "ICC": "legal", "ICJ": "legal", "NAT": "military", "UHR": "human_rights",
    "AMN": "human_rights", "HRW": "human_rights", "WFP": "human_security",
    "FAO": "human_security", "OPC": "natural_resource", "IEA": "natural_resource",
    "AQA": "terrorism", "AQM": "terrorism", "AQP": "terrorism", "ISG": "terrorism",
    "ISK": "terrorism", "ISW": "terrorism", "BKH": "terrorism", "SHB": "terrorism",
    "ASG": "terrorism", "JEM": "terrorism", "LET": "terrorism",
}
MODE_CONTEXT = {"cyber": "cyber", "misinformation": "misinformation"}

# The manual's crime context excludes events that carry one of the more specific crime contexts.
_SPECIFIC_CRIME = frozenset({"corruption", "illegal_drugs", "trafficking"})


class _Actor(Protocol):
    @property
    def code(self) -> str | None: ...

    @property
    def sector(self) -> str | None: ...

    @property
    def org(self) -> str | None: ...


_TOKEN = re.compile(r"[a-z0-9]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


_Cue = tuple[tuple[str, ...], bool, frozenset[str]]  # words after the first, last is a stem, contexts


def _index(cues: dict[str, tuple[str, ...]]) -> tuple[dict[str, frozenset[str]],
                                                      dict[str, frozenset[str]],
                                                      dict[str, list[_Cue]]]:
    """Single-word cues (whole words, stems) and phrases by their first word."""
    by_cue: dict[str, set[str]] = {}
    for name, words in cues.items():
        for cue in words:
            by_cue.setdefault(cue, set()).add(name)
    words_: dict[str, frozenset[str]] = {}
    stems: dict[str, frozenset[str]] = {}
    phrases: dict[str, list[_Cue]] = {}
    for cue, names in by_cue.items():
        stem = cue.endswith("*")
        toks = _tokens(cue)
        if "*" in cue[:-1] or not toks:
            raise ValueError(f"context cue {cue!r}: only the last word may end in '*'")
        if len(toks) == 1:
            (stems if stem else words_)[toks[0]] = frozenset(names)
        else:
            phrases.setdefault(toks[0], []).append((tuple(toks[1:]), stem, frozenset(names)))
    for entries in phrases.values():
        entries.sort(key=lambda e: -len(e[0]))  # longest first
    return words_, stems, phrases


_WORDS, _STEMS, _PHRASES = _index({**CUES, "": BLOCKERS})
_STEM_LENGTHS = sorted({len(s) for s in _STEMS}, reverse=True)
_ORDER = {name: i for i, name in enumerate(CONTEXTS)}
_NONE: frozenset[str] = frozenset()
_word_memo: dict[str, frozenset[str]] = {}


def _word(w: str) -> frozenset[str]:
    """The contexts of one word on its own (a whole-word cue, else the longest stem it starts with)."""
    hit = _word_memo.get(w)
    if hit is None:
        hit = _WORDS.get(w)
        if hit is None:
            hit = next((_STEMS[w[:k]] for k in _STEM_LENGTHS if k <= len(w) and w[:k] in _STEMS),
                       _NONE)
        if len(_word_memo) > 200_000:  # vocabulary is bounded in practice; this caps a long run
            _word_memo.clear()
        _word_memo[w] = hit
    return hit


def cue_contexts(text: str) -> set[str]:
    """The contexts the cue words of ``text`` name: leftmost-longest matches, so a phrase hides the
    words inside it ("tear gas" is repression, not a natural resource; "West Bank" no bank)."""
    toks = _tokens(text)
    found: set[str] = set()
    i, n = 0, len(toks)
    while i < n:
        w = toks[i]
        step = 1
        hit = _NONE
        for rest, stem, names in _PHRASES.get(w, ()):
            end = i + len(rest)
            if end < n and toks[i + 1:end] == list(rest[:-1]) and (
                    toks[end].startswith(rest[-1]) if stem else toks[end] == rest[-1]):
                hit, step = names, len(rest) + 1
                break
        else:
            hit = _word(w)
        found |= hit
        i += step
    found.discard("")
    return found


# Verbal exchanges between two states are diplomacy in PLOVER 2.0 whatever their topic ("formal
# diplomatic relations, negotiations and interactions between nation-states"): the event types
# below, with state actors (a country with no sector, or its government) of two countries.
DIPLOMATIC_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "REJECT", "ACCUSE",
                              "THREATEN", "CONCEDE"})
_STATE_SECTORS = frozenset({None, "GOV"})
_NOT_COUNTRIES = frozenset({"IGO", "NGO", "MNC", "UNK", "NGM"})


def contexts(sentence: str, event_type: str | None = None, actors: Iterable[_Actor] = (),
             mode: str | None = None) -> list[str]:
    """The PLOVER 2.0 contexts of an event, in :data:`CONTEXTS` order; possibly none.

    ``sentence`` is the event's evidence; ``actors`` its source and target mentions (anything with
    ``code``, ``sector`` and ``org``); ``mode`` its PLOVER mode; ``event_type`` its category.
    """
    found = cue_contexts(sentence)
    states: set[str] = set()
    for a in actors:
        if a.sector in SECTOR_CONTEXT:
            found.add(SECTOR_CONTEXT[a.sector])
        if a.org in ORG_CONTEXT:
            found.add(ORG_CONTEXT[a.org])
        if a.code and a.code not in _NOT_COUNTRIES and a.sector in _STATE_SECTORS and not a.org:
            states.add(a.code)
    if len(states) > 1 and event_type in DIPLOMATIC_TYPES:
        found.add("diplomatic")
    if mode in MODE_CONTEXT:
        found.add(MODE_CONTEXT[mode])
    if "crime" in found and found & _SPECIFIC_CRIME:
        found.discard("crime")
    return sorted(found, key=_ORDER.__getitem__)


def _check(names: Sequence[str]) -> None:
    unknown = set(names) - set(CONTEXTS)
    if unknown:  # a typo in the tables above would silently never fire
        raise ValueError(f"unknown PLOVER contexts: {sorted(unknown)}")


_check([*CUES, *SECTOR_CONTEXT.values(), *ORG_CONTEXT.values(), *MODE_CONTEXT.values()])
