"""Word cues that decide an event's type or rule a sentence out, written from the PLOVER manual and
CAMEO and read against real news (PLV's dev half, the judged ECB+ even topics).

Each is a small set of words or a predicate over a parsed verb: a dateline to cut off, a force of
nature as the doer, what a request asks for, a formal agreement as what is agreed, the document
whose clause is its author's act. The coder (events/coder.py) applies them.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .lexicon import verb_forms

__all__ = [
    "CONTACT_FORMS", "CROWD_WEAPONS", "CROWDS", "DOCUMENTS", "INQUIRIES", "PLEDGES", "PUNITIVE",
    "STATE_TRAINEES", "SUPPORT_NOUNS", "agreement_object", "asked_for", "natural_cause", "without_dateline",
]


# A wire dateline: "JERUSALEM -- ", "TIRANA, Albania (AP) -- ", "ADDIS ABABA, May 15 (Xinhua) -- ",
# "ISLAMABAD: ". It says where the story was filed, not who acted: the city is no party (it was
# read as the government by metonymy), and it breaks the parse of the sentence after it.
DATELINE = re.compile(
    r"^[A-Z][A-Z.'\- ]*[A-Z.]"                     # the city, in capitals
    r"(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Za-z.]+){0,2}(?:\s+\d{1,2})?)?"  # ", Country" or ", May 15"
    r"(?:,?\s*\([^()]{1,40}\))?"                   # "(AP)", "(Xinhua)"
    r"\s*(?:--|\u2014|\u2013|-|:)\s+")


def without_dateline(sent: Span) -> Span:
    """The sentence after its dateline, if it opens with one."""
    m = DATELINE.match(sent.text)
    if m is None or len(m.group().split()[0].strip(",.:-")) < 2:
        return sent
    cut = sent.start_char + m.end()
    for tok in sent:
        if tok.idx >= cut:
            return sent.doc[tok.i:sent.end]
    return sent


# Verbs of reaching someone: whom they reach is the target of the act they are for ("called Erdogan
# to apologise").
CONTACT_FORMS = {f for w in ("call", "phone", "telephone", "ring", "summon", "visit", "meet", "invite", "write",
                               "contact") for f in verb_forms(w)}


# Named crowd-control weapons and tactics: only with one is dispersing a crowd ASSAULT crowd-control
# (the PLOVER manual); without, it is COERCE restrict.
CROWD_WEAPONS = {"gas", "teargas", "cannon", "cannons", "bullets", "batons", "truncheons", "lathi", "lathis",
                 "grenades", "pepper", "spray", "shots", "fire", "fired", "clubs", "whips", "rounds"}


# Forces whose training by another state is military aid (AID), not mobilisation.
STATE_TRAINEES = {"pilots", "police", "policemen", "officers", "police officers", "cadets", "personnel",
                  "security forces", "army", "soldiers", "troops"}


# Documents whose participle clause is their author's act ("a report accusing the army").
DOCUMENTS = {"report", "reports", "statement", "statements", "resolution", "resolutions", "letter", "letters",
             "declaration", "communique", "communiqué", "motion", "bill", "petition", "complaint", "lawsuit",
             "decree", "order", "ruling", "verdict", "memo", "note", "appeal", "document", "draft"}


# Asking for these against a party accuses it (ACCUSE investigate / disapprove).
INQUIRIES = {"investigation", "investigations", "inquiry", "probe", "inquest", "prosecution"}


PUNITIVE = INQUIRIES | {"sanctions", "sanction", "punishment", "boycott", "embargo", "trial", "arrest",
                         "arrests", "expulsion", "condemnation", "censure", "impeachment", "resignation"}


def _taken(v: Token, preps: tuple[str, ...]) -> list[Token]:
    """What a verb takes: its direct object and the objects of the given prepositions under it."""
    return [c for c in v.children if c.dep_ == "dobj"] + [
        p for c in v.children if c.dep_ == "prep" and c.lower_ in preps for p in c.children if p.dep_ == "pobj"]


def asked_for(v: Token) -> set[str]:
    """What a request verb asks for: its object, or what it calls "for"."""
    return {h.lower_ for h in _taken(v, ("for",))}


CROWDS = {"protesters", "protestors", "demonstrators", "rioters", "crowd", "crowds", "mob", "mobs",
          "youths", "marchers", "students", "strikers", "hooligans"}


NATURAL_FORCES = {
    "earthquake", "earthquakes", "quake", "quakes", "tremor", "tremors", "aftershock", "aftershocks",
    "storm", "storms", "hurricane", "hurricanes", "typhoon", "typhoons", "cyclone", "cyclones", "tornado",
    "tornadoes", "flood", "floods", "flooding", "floodwaters", "tsunami", "landslide", "landslides",
    "mudslide", "mudslides", "avalanche", "avalanches", "wildfire", "wildfires", "drought", "heatwave",
    "eruption", "volcano", "lightning", "rains", "rain", "snowstorm", "blizzard", "epidemic", "pandemic",
    "outbreak", "virus", "disease", "accident", "magnitude", "waves", "winds", "temblor", "shaking",
}  # not fires, blasts or explosions: a bomb's blast is an attack


def natural_cause(v: Token) -> bool:
    """Whether the verb's doer is a force of nature or an accident (its subject, or the agent of
    a passive: "killed by an earthquake")."""
    doers = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
    doers += [p for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if not doers and v.dep_ in ("xcomp", "conj", "advcl"):
        doers = [c for c in v.head.children if c.dep_ in ("nsubj", "csubj")]
    if not doers and v.dep_ in ("acl", "relcl"):
        doers = [v.head]  # "an earthquake ..., killing 10 people" (the clause hangs on the quake)
    return any(d.lower_ in NATURAL_FORCES for d in doers)


PLEDGES = {"pledge", "vow", "promise", "reaffirm", "reiterate", "commit", "express", "voice"}


SUPPORT_NOUNS = {"support", "backing", "solidarity", "full support", "strong support", "firm support",
                 "unwavering support", "commitment"}


FORMAL_AGREEMENTS = {"deal", "deals", "agreement", "agreements", "accord", "accords", "treaty", "treaties",
                     "pact", "pacts", "text", "draft", "framework", "memorandum", "protocol", "convention",
                     "declaration", "communique", "roadmap", "charter", "contract", "contracts"}


def agreement_object(v: Token) -> bool:
    """Whether what ``v`` (agree) takes is a formal agreement: its object, or what it agrees "to"
    or "on", or "the text of" one."""
    heads = _taken(v, ("to", "on", "upon"))
    heads += [p for h in list(heads) for g in h.children if g.dep_ == "prep" and g.lower_ == "of"
              for p in g.children if p.dep_ == "pobj"]
    return any(h.lower_ in FORMAL_AGREEMENTS for h in heads)
