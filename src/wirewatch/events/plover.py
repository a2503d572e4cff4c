"""PLOVER 2.0 as data: the 16 event types, their modes, quad classes, CAMEO roots and scores.

Written from the PLOVER 2.0 manual (openeventdata/PLOVER, CC BY-SA 4.0): the type and mode names are
the ontology's vocabulary; the descriptions are ours. The cooperation-conflict scores follow the
manual's "PLOVER scores" (a frequency-weighted average of the CAMEO/Goldstein scores of the CAMEO
codes in each category, on the -10..+10 scale); where a mode has no score of its own, the type's
score applies. An event's CAMEO code, and the Goldstein weight and five-way class that follow it,
come from its trigger words as well as its type and mode (cameo.py); :func:`cameo_root` is the
root the type and mode alone give.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cameo import type_code

__all__ = [
    "EventType",
    "EVENT_TYPES",
    "TYPE_NAMES",
    "LEGACY_TYPES",
    "SYMMETRIC_TYPES",
    "cameo_root",
    "goldstein",
    "quad_class",
    "normalise_type",
]


@dataclass(frozen=True)
class EventType:
    name: str
    quad: str
    """VERBAL/MATERIAL COOPERATION/CONFLICT (the manual's quad category)."""
    cameo: str
    """The two-digit CAMEO root most codes of this type fall under."""
    score: float
    """PLOVER score (Goldstein-style, -10..+10) of the type without a mode."""
    modes: dict[str, float]
    """Mode name -> score (None-equivalent: the type's score)."""
    description: str
    requires_recipient: bool = False


_VC, _MC, _VX, _MX = "VERBAL COOPERATION", "MATERIAL COOPERATION", "VERBAL CONFLICT", "MATERIAL CONFLICT"

EVENT_TYPES: dict[str, EventType] = {
    t.name: t
    for t in (
        EventType("AGREE", _VC, "03", 2.5, {},
                  "states an intent, promise or agreement to cooperate, meet, settle or yield"),
        EventType("CONSULT", _VC, "04", 2.5,
                  {"visit": 4.0, "host": 4.0, "third-party": 1.0, "multilateral": 4.0, "phone": 1.5},
                  "meets, talks, calls, visits or hosts; negotiations and mediation"),
        EventType("SUPPORT", _VC, "05", 5.0, {},
                  "praises, endorses, defends or recognises another entity or its policy"),
        EventType("CONCEDE", _VC, "08", 4.5, {},
                  "yields verbally: apologises, pardons, eases restrictions, allows, announces a retreat"),
        EventType("COOPERATE", _MC, "06", 9.5, {},
                  "acts jointly for mutual benefit: trade, joint exercises, intelligence sharing",
                  requires_recipient=True),
        EventType("AID", _MC, "07", 10.0, {},
                  "gives economic, military or humanitarian aid, or asylum", requires_recipient=True),
        EventType("RETREAT", _MC, "08", 6.5,
                  {"withdraw": 8.0, "release": 6.5, "disarm": 10.0, "ceasefire": 7.5, "access": 6.5,
                   "resign": 4.5},
                  "withdraws, releases captives, disarms, observes a ceasefire, allows access, resigns"),
        EventType("REQUEST", _VX, "10", 0.0,
                  {"assist": 0.5, "change": -1.0, "yield": -1.0, "meet": 0.0},
                  "asks, urges, appeals, calls for or demands"),
        # The manual prints ACCUSE as +3, a sign slip: its modes are all negative and so is CAMEO 11.
        EventType("ACCUSE", _VX, "11", -3.0,
                  {"disapprove": -2.0, "investigate": -3.5, "allege": -3.5},
                  "criticises, condemns, accuses, sues or investigates"),
        EventType("REJECT", _VX, "12", -2.0,
                  {"assist": -1.5, "change": -2.0, "yield": -2.0, "meet": -2.0},
                  "refuses, rejects, vetoes, defies or reneges"),
        EventType("THREATEN", _VX, "13", -3.5,
                  {"restrict": -3.0, "arrest": -3.5, "relations": -3.5, "expel": -3.5,
                   "territory": -4.0, "violence": -3.5},
                  "threatens action, warns of consequences, issues an ultimatum"),
        EventType("PROTEST", _MX, "14", -5.0,
                  {"demo": -5.0, "riot": -7.0, "strike": -5.0, "hunger": -4.5, "boycott": -4.5,
                   "obstruct": -4.5, "vandalize": -5.0},
                  "demonstrates, riots, strikes, boycotts or blockades"),
        EventType("MOBILIZE", _MX, "15", -5.5,
                  {"troops": -6.5, "weapons": -6.5, "police": -5.5, "militia": -6.0},
                  "raises readiness of or deploys armed forces, police, militias or weapons"),
        EventType("SANCTION", _MX, "16", -6.0,
                  {"convict": -6.0, "expel": -5.5, "withdraw": -6.0, "discontinue": -6.0},
                  "cuts relations, aid or trade; expels diplomats; imposes sanctions; convicts",
                  requires_recipient=True),
        EventType("COERCE", _MX, "17", -7.0,
                  {"seize": -7.0, "restrict": -7.0, "censor": -6.5, "curfew": -6.5,
                   "martial-law": -7.5, "arrest": -7.0, "deport": -7.0, "withhold": -7.0,
                   "misinformation": -6.5, "cyber": -7.0},
                  "arrests, seizes, restricts, censors, imposes curfews or martial law, deports"),
        EventType("ASSAULT", _MX, "18", -9.0,
                  {"abduct": -8.5, "beat": -7.5, "torture": -8.5, "sexual": -8.5, "targeted": -9.5,
                   "destroy": -8.5, "primitive": -8.0, "firearms": -9.0, "explosives": -9.0,
                   "suicide-attack": -9.5, "aerial": -9.5, "drone": -9.5, "heavy-weapons": -9.5,
                   "crowd-control": -7.5, "unconventional": -10.0},
                  "uses force: attacks, kills, bombs, shells, abducts, tortures, destroys"),
    )
}

TYPE_NAMES: tuple[str, ...] = tuple(EVENT_TYPES)

# 2016-draft categories (used by the PLOVER gold-standard records) -> PLOVER 2.0.
LEGACY_TYPES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

# Types whose participants act together: the manual codes a meeting's parties all as actors, so
# corroboration compares the set of parties, not who was named first.
SYMMETRIC_TYPES: frozenset[str] = frozenset({"CONSULT", "COOPERATE"})

def normalise_type(name: str) -> str:
    """A PLOVER 2.0 type name for ``name`` (2016 names mapped; case-insensitive)."""
    upper = name.strip().upper()
    return LEGACY_TYPES.get(upper, upper)


def cameo_root(event_type: str, mode: str | None = None) -> str:
    """Two-digit CAMEO root for a PLOVER type and mode, when no trigger word is known (an event's
    own code comes from its words too: :func:`wirewatch.events.cameo.cameo_code`)."""
    if event_type not in EVENT_TYPES:
        raise KeyError(event_type)
    return type_code(event_type, mode)[:2]


def goldstein(event_type: str, mode: str | None = None) -> float:
    """Cooperation-conflict score, -10 (most conflictual) .. +10 (most cooperative)."""
    t = EVENT_TYPES[event_type]
    return t.modes.get(mode or "", t.score)


def quad_class(event_type: str) -> str:
    return EVENT_TYPES[event_type].quad
