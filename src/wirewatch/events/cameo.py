"""CAMEO event codes from the words: the trigger, what it governs, the PLOVER type and mode.

PLOVER's types are coarser than CAMEO's codes, so one root per type loses what the verb says:
"urged" is a CAMEO appeal (02, neutral) and "demanded" a demand (10, verbal conflict), though
both are PLOVER REQUEST; "shelled" is fighting with artillery (194), "kidnapped" abduction (181),
"arrested" 173 and "deported" 174, though each pair shares a type. :func:`cameo_code` picks the
code in three steps:

1. **The governed act** decides the three- or four-digit code of the types that wrap another
   act (REQUEST, REJECT, THREATEN, AGREE): "urged Russia to withdraw" is an appeal for military
   de-escalation (0256), "refused to release" 1243, "threatened sanctions" 1312, "agreed to hold
   talks" 036. The governed act is the complement the coder found, or the trigger itself when
   the coder re-typed it ("will withdraw" is AGREE: intent to de-escalate, 0356).
2. **The trigger word** (its lexicon lemma, and its part: noun or verb) with the event's type:
   :data:`VERB_CODES`, :data:`NOUN_CODES`, and :data:`OBJECT_LIST_CODES` for entries typed by
   their object list. Keyed by type too, so a word the coder re-typed falls through. A word is
   listed only where it says more than its type and mode.
3. **The type and mode** (``MODE_CODES``), the fall-back: the code of "not specified below" for the
   category the mode pins, e.g. ASSAULT firearms 193, CONSULT visit 042.

Every code is checked against the CAMEO2PLOVER-2021 table (openeventdata/PLOVER, CC BY-SA 4.0) by
tests/test_cameo.py: the table's PLOVER type for the code must be the event's type, except for the
documented :data:`CONVENTIONS`. The codes and labels are CAMEO's (Gerner, Schrodt et al., CAMEO
codebook 1.1b3); the word lists are ours (see lexicon.py), checked against the codes PETRARCH-2's
CAMEO verb dictionary gives the same verbs.

The Goldstein (1992) conflict-cooperation weights per CAMEO code (:data:`GOLDSTEIN`, -10..+10) are
the standard values event-data users know from the CAMEO codebook's appendix (as GDELT ships them),
written here from that codebook. The five-way class (:func:`penta`) follows the root as the ACL
2024 PLV data number it (its ``gold_penta``: checked against its gold PLOVER types on the read
half): 0 neutral (01-02), 1 verbal cooperation (03-05), 2 material cooperation (06-08), 3 verbal
conflict (09-13), 4 material conflict (14-20).
"""

from __future__ import annotations

from .lexicon import Trigger

__all__ = [
    "CONVENTIONS",
    "GOLDSTEIN",
    "MODE_CODES",
    "NOUN_CODES",
    "OBJECT_LIST_CODES",
    "PENTA_CLASSES",
    "TYPE_CODES",
    "VERB_CODES",
    "cameo_code",
    "code_fields",
    "code_root",
    "goldstein",
    "penta",
    "penta_class",
    "type_code",
]

PENTA_CLASSES: tuple[str, ...] = ("NEUTRAL", "VERBAL COOPERATION", "MATERIAL COOPERATION",
                                  "VERBAL CONFLICT", "MATERIAL CONFLICT")

# Where our code's CAMEO2PLOVER-2021 type is not our event type, on purpose. (type, code prefix)
# -> why. Every other code must map to the event's own type (tests/test_cameo.py).
CONVENTIONS: dict[tuple[str, str], str] = {
    ("REQUEST", "02"): "PLOVER dropped CAMEO 02 (Appeal; the manual's translation table) and folded "
                       "requests into REQUEST, which CAMEO2PLOVER fills from 10 (Demand) only. We keep "
                       "CAMEO's distinction in the code: asking, urging, appealing is 02 (neutral), "
                       "demanding, pressing, ordering 10 (verbal conflict).",
    ("SANCTION", "163"): "The PLOVER 2.0 manual codes international sanctions SANCTION 'discontinue'; "
                         "CAMEO2PLOVER-2021 maps 163 (impose embargo, boycott or sanctions) to COERCE.",
    ("SANCTION", "116"): "The PLOVER 2.0 manual codes court convictions SANCTION 'convict'; CAMEO codes "
                         "them 116 (find guilty or liable), which CAMEO2PLOVER maps to ACCUSE.",
    ("RETREAT", "0831"): "The PLOVER 2.0 manual codes resignations RETREAT 'resign'; CAMEO codes a "
                         "resignation 0831 (accede to demands for change in leadership), which "
                         "CAMEO2PLOVER maps to CONCEDE.",
}

# --- Goldstein weights --------------------------------------------------------------------------
# Three-digit codes (and roots); four-digit codes take their three-digit parent's weight unless
# listed in _GOLDSTEIN_4. Published copies of the table agree on all but a few codes (163, 165, 166
# and 124 differ by 0.5-1.5 between copies); for those we keep the value most copies give.
_GOLDSTEIN_3: dict[str, float] = {
    "02": 3.0, "020": 3.0, "021": 3.4, "022": 3.2, "023": 3.4, "024": -0.3, "025": -0.3,
    "026": 4.0, "027": 4.0, "028": 4.0,
    "03": 4.0, "030": 4.0, "031": 5.2, "032": 4.5, "033": 5.2, "034": 7.0, "035": 7.0, "036": 4.0,
    "037": 5.0, "038": 7.0, "039": 5.0,
    "04": 1.0, "040": 1.0, "041": 1.0, "042": 1.9, "043": 2.8, "044": 2.5, "045": 5.0, "046": 7.0,
    "05": 3.5, "050": 3.5, "051": 3.4, "052": 3.5, "053": 3.8, "054": 6.0, "055": 7.0, "056": 7.0,
    "057": 8.0,
    "06": 6.0, "060": 6.0, "061": 6.4, "062": 7.4, "063": 7.4, "064": 7.0,
    "07": 7.0, "070": 7.0, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5, "075": 7.0,
    "08": 5.0, "080": 5.0, "081": 5.0, "082": 5.0, "083": 5.0, "084": 7.0, "085": 7.0, "086": 9.0,
    "087": 9.0,
    "09": -2.0, "090": -2.0, "091": -2.0, "092": -2.0, "093": -2.0, "094": -2.0,
    "10": -5.0, "100": -5.0, "101": -5.0, "102": -5.0, "103": -5.0, "104": -5.0, "105": -5.0,
    "106": -5.0, "107": -5.0, "108": -5.0,
    "11": -2.0, "110": -2.0, "111": -2.0, "112": -2.0, "113": -2.0, "114": -2.0, "115": -2.0,
    "116": -2.0,
    "12": -4.0, "120": -4.0, "121": -4.0, "122": -4.0, "123": -4.0, "124": -5.0, "125": -5.0,
    "126": -5.0, "127": -5.0, "128": -5.0, "129": -5.0,
    "13": -6.0, "130": -4.4, "131": -5.8, "132": -5.8, "133": -5.8, "134": -5.8, "135": -5.8,
    "136": -7.0, "137": -7.0, "138": -7.0, "139": -7.0,
    "14": -6.5, "140": -6.5, "141": -6.5, "142": -6.5, "143": -6.5, "144": -7.5, "145": -7.5,
    "15": -7.2, "150": -7.2, "151": -7.2, "152": -7.2, "153": -7.2, "154": -7.2,
    "16": -4.0, "160": -4.0, "161": -4.0, "162": -5.6, "163": -8.0, "164": -7.0, "165": -7.0,
    "166": -7.0,
    "17": -7.0, "170": -7.0, "171": -9.2, "172": -5.0, "173": -5.0, "174": -5.0, "175": -9.0,
    "18": -9.0, "180": -9.0, "181": -9.0, "182": -9.5, "183": -10.0, "184": -8.0, "185": -8.0,
    "186": -10.0,
    "19": -10.0, "190": -10.0, "191": -9.5, "192": -9.5, "193": -10.0, "194": -10.0, "195": -10.0,
    "196": -9.5,
    "20": -10.0, "200": -10.0, "201": -9.5, "202": -10.0, "203": -10.0, "204": -10.0,
}
_GOLDSTEIN_4: dict[str, float] = {"0334": 6.0, "0874": 10.0, "1821": -9.0, "1822": -9.0, "1823": -10.0}

GOLDSTEIN: dict[str, float] = {**_GOLDSTEIN_3, **_GOLDSTEIN_4}
"""CAMEO code (root, three- or listed four-digit) -> Goldstein weight; see :func:`goldstein`."""


def code_root(code: str) -> str:
    """The two-digit CAMEO root of a code ("0256" -> "02")."""
    return code[:2]


def goldstein(code: str) -> float:
    """Goldstein weight of a CAMEO code (a four-digit code without its own weight takes its
    three-digit parent's, then its root's)."""
    for key in (code, code[:3], code[:2]):
        if key in GOLDSTEIN:
            return GOLDSTEIN[key]
    raise KeyError(f"no Goldstein weight for CAMEO code {code!r}")


def penta(code: str) -> int:
    """Five-way class of a CAMEO code: 0 neutral, 1 verbal cooperation, 2 material cooperation,
    3 verbal conflict, 4 material conflict (by root, as the PLV data number it)."""
    root = int(code[:2])
    return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def penta_class(code: str) -> str:
    return PENTA_CLASSES[penta(code)]


def code_fields(code: str) -> dict[str, str | int]:
    """What a stored code implies, for rows read back: root, five-way class number and name. (A
    store coded before codes came from the words holds two-digit roots; they read back the same.)"""
    return {"cameo_root": code_root(code), "penta": penta(code), "penta_class": penta_class(code)}


# --- Step 3: type and mode -----------------------------------------------------------------------
TYPE_CODES: dict[str, str] = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060", "AID": "070",
    "CONCEDE": "080", "RETREAT": "084", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "MOBILIZE": "154", "SANCTION": "160", "COERCE": "170",
    # CAMEO's verb dictionary codes attack, fight, clash, strike at 190 (conventional force).
    "ASSAULT": "190",
}
MODE_CODES: dict[tuple[str, str], str] = {
    ("CONSULT", "phone"): "041", ("CONSULT", "visit"): "042", ("CONSULT", "host"): "043",
    ("CONSULT", "third-party"): "044",
    ("RETREAT", "release"): "0841", ("RETREAT", "withdraw"): "087", ("RETREAT", "disarm"): "0873",
    ("RETREAT", "ceasefire"): "0871", ("RETREAT", "access"): "086", ("RETREAT", "resign"): "0831",
    ("REQUEST", "assist"): "103", ("REQUEST", "change"): "104", ("REQUEST", "yield"): "105",
    ("REQUEST", "meet"): "106",
    ("ACCUSE", "disapprove"): "111", ("ACCUSE", "allege"): "112", ("ACCUSE", "investigate"): "090",
    ("REJECT", "assist"): "122", ("REJECT", "change"): "123", ("REJECT", "yield"): "124",
    ("REJECT", "meet"): "125",
    ("THREATEN", "restrict"): "132", ("THREATEN", "arrest"): "130", ("THREATEN", "relations"): "1313",
    ("THREATEN", "expel"): "136", ("THREATEN", "territory"): "1382", ("THREATEN", "violence"): "138",
    ("PROTEST", "demo"): "141", ("PROTEST", "riot"): "145", ("PROTEST", "strike"): "143",
    ("PROTEST", "hunger"): "142", ("PROTEST", "boycott"): "143", ("PROTEST", "obstruct"): "144",
    ("PROTEST", "vandalize"): "145",
    ("MOBILIZE", "troops"): "154", ("MOBILIZE", "weapons"): "150", ("MOBILIZE", "police"): "153",
    ("MOBILIZE", "militia"): "154",
    ("SANCTION", "convict"): "116", ("SANCTION", "expel"): "166", ("SANCTION", "withdraw"): "161",
    ("SANCTION", "discontinue"): "160",
    ("COERCE", "seize"): "171", ("COERCE", "restrict"): "172", ("COERCE", "censor"): "1721",
    ("COERCE", "curfew"): "1723", ("COERCE", "martial-law"): "1724", ("COERCE", "arrest"): "173",
    ("COERCE", "deport"): "174", ("COERCE", "withhold"): "170", ("COERCE", "misinformation"): "170",
    ("COERCE", "cyber"): "170",
    ("ASSAULT", "abduct"): "181", ("ASSAULT", "beat"): "182", ("ASSAULT", "torture"): "1822",
    ("ASSAULT", "sexual"): "1821", ("ASSAULT", "targeted"): "186", ("ASSAULT", "destroy"): "1712",
    ("ASSAULT", "primitive"): "182", ("ASSAULT", "firearms"): "193", ("ASSAULT", "explosives"): "183",
    ("ASSAULT", "suicide-attack"): "1831", ("ASSAULT", "aerial"): "195", ("ASSAULT", "drone"): "195",
    ("ASSAULT", "heavy-weapons"): "194", ("ASSAULT", "crowd-control"): "175",
    ("ASSAULT", "unconventional"): "204",
}


def type_code(event_type: str, mode: str | None = None) -> str:
    """The CAMEO code a PLOVER type and mode give by themselves (no trigger word known)."""
    if mode and (event_type, mode) in MODE_CODES:
        return MODE_CODES[(event_type, mode)]
    return TYPE_CODES[event_type]


# --- Step 2: the trigger word --------------------------------------------------------------------
def _table(rows: dict[str, tuple[tuple[str, str], ...]]) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for event_type, pairs in rows.items():
        for code, words in pairs:
            for w in words.split(","):
                key = (event_type, w.strip())
                assert key not in out, f"{key} listed twice"
                out[key] = code
    return out


# (type, verb lemma) -> code. Lemmas as lexicon.py lists them; a verb not listed takes step 3.
VERB_CODES: dict[tuple[str, str], str] = _table({
    "REQUEST": (
        ("020", "ask, request, appeal, call for, call on, call upon, plead, implore, petition, beg, "
                "seek, apply for, lobby, urge, push for"),
        ("100", "demand, insist, press, exhort, pressure, pressurize, order, direct, instruct, command, "
                "must, should"),
    ),
    "AGREE": (("036", "invite"),),
    # Not "meet", "tell", "talk": 040 by the type, or the mode the coder found ("told X in a phone
    # call" is 041, "met X in Paris" as a visit 042).
    "CONSULT": (("041", "phone, telephone"), ("045", "mediate"), ("046", "negotiate")),
    "SUPPORT": (
        ("050", "back, support, restore, normalize, normalise, upgrade, restore ties, "
                "restore diplomatic ties, restore diplomatic relations, resume diplomatic relations"),
        ("051", "praise, endorse, commend, applaud, hail, congratulate, thank, welcome, appreciate, laud"),
        ("052", "defend, side with, stand by, vouch for"),
        ("054", "recognize, recognise, establish relations, establish ties, establish diplomatic ties, "
                "establish diplomatic relations, open an embassy, reopen an embassy, open embassy, "
                "reopen embassy"),
        ("055", "apologize, apologise"), ("056", "forgive"),
        ("057", "sign, ratify, conclude, finalize, finalise"),
    ),
    "COOPERATE": (("061", "trade with"), ("063", "extradite"), ("064", "share")),
    "AID": (("071", "fund, finance, lend"),
            ("073", "rescue, evacuate, airlift, airdrop, feed, release, free"), ("075", "shelter")),
    "CONCEDE": (("081", "acquit, legalize, legalise, pardon, grant amnesty, amnesty"),),
    "RETREAT": (
        ("085", "lift, ease, relax"),
        ("084", "hand over, return"), ("0841", "release, free, repatriate"),
        ("0873", "disarm, decommission, lay down, demobilize, demobilise"),
        ("0874", "surrender, retreat"),
    ),
    "ACCUSE": (
        ("110", "decry, disapprove, object"),
        ("111", "criticize, criticise, condemn, denounce, deplore, slam, blast, rebuke, censure, "
                "chastise, scold, lambast, castigate, reproach, assail, berate, protest against, "
                "warn against, disparage, protest"),
        ("112", "accuse, blame, allege, charge, fault, hold responsible, impeach"),
        ("1121", "indict, prosecute, put on trial"),
        ("114", "complain, summon"), ("115", "sue"),
    ),
    "REJECT": (("125", "boycott talks"), ("128", "defy, violate, disregard"), ("129", "veto")),
    "THREATEN": (("139", "issue ultimatum"),),
    "PROTEST": (("140", "protest"),),
    "MOBILIZE": (("150", "patrol, test-fire, test fire, prepare"), ("152", "put on alert")),
    "SANCTION": (
        ("161", "sever, recall, downgrade, cut ties"),
        ("163", "sanction, embargo, blacklist, hit with"),
    ),
    "COERCE": (
        ("1711", "confiscate, impound, expropriate, nationalize, nationalise"),
        ("192", "occupy, annex"),
        ("170", "restrict, crack down, clamp down, suppress, repress, confine, prevent, stop, break up, "
                "halt, thwart, foil, withhold, cut power, hack, deface"),
        ("1722", "dissolve"),
        ("191", "block, blockade, barricade, cordon off"),
    ),
    "ASSAULT": (
        ("180", "wound, scuffle, mistreat, abuse, set fire to, set on fire"),
        ("182", "injure, maim"),
        ("1823", "murder, lynch, behead, execute, hack to death"),
        ("190", "kill, slay, bomb, blast, destroy, raze, torch, blow up, wreck, burn"),
        ("202", "massacre, slaughter"),
        ("183", "detonate, explode"),
    ),
})

# (type, noun lemma) -> code, for the lexicon's event nouns ("held talks", "imposed sanctions").
NOUN_CODES: dict[tuple[str, str], str] = _table({
    "REQUEST": (("100", "demand"), ("020", "appeal, request, plea, call, reminder")),
    "CONSULT": (("046", "negotiation"), ("045", "mediation")),
    "SUPPORT": (("051", "praise, congratulations"), ("055", "apology"), ("054", "recognition")),
    "AID": (("071", "loan, grant, funding"), ("072", "military aid"),
            ("073", "humanitarian aid, relief"), ("075", "asylum, refuge")),
    "COOPERATE": (("062", "joint exercise, joint exercises, joint military exercises, joint drills, "
                          "joint patrol, joint patrols, joint operation"),),
    "MOBILIZE": (("150", "war games, military exercises, military drills, naval drills, drills, "
                         "live-fire drills, maneuvers, manoeuvres, naval exercises, patrols, "
                         "security patrols"),
                 ("152", "alert, high alert")),
    "ACCUSE": (("112", "accusation, allegation, charge, charges"), ("115", "lawsuit"),
               ("114", "complaint, protest note, protest"), ("111", "criticism, condemnation, rebuke")),
    "THREATEN": (("139", "ultimatum"),),
    "SANCTION": (("163", "sanctions, embargo, sanction, tariffs, trade restrictions"),),
    "COERCE": (("1721", "restrictions"), ("172", "ban")),
    "ASSAULT": (("1832", "car bombing, car bomb"), ("186", "assassination"), ("1823", "execution"),
                ("202", "massacre"), ("194", "shelling, artillery fire, rocket attack"),
                ("195", "missile attack, missile strike")),
})

# Lexicon entries typed by their object (lexicon.py ``objects``): a word in the entry's object list
# marks which list it is, and so which code. (type, marker word) -> code, checked before the lemma.
OBJECT_LIST_CODES: dict[tuple[str, str], str] = {
    ("SANCTION", "aid"): "162",          # cut, suspend, withhold aid: reduce or stop aid
    ("SANCTION", "talks"): "164",        # cancel, call off a visit or talks: halt negotiations
    ("SANCTION", "diplomats"): "161",    # expel diplomats: reduce diplomatic relations
    ("SANCTION", "relations"): "161",    # break, cut relations or ties
    ("CONCEDE", "demands"): "080",       # withdraw or drop a demand: yield
    ("CONCEDE", "curfew"): "081",        # lift a curfew or a state of emergency
    ("CONCEDE", "ban"): "081",           # cancel or revoke a ban, a decree: ease administrative sanctions
    ("COERCE", "demonstration"): "1721",  # stop or ban a gathering: restrict political freedoms
    ("ASSAULT", "ceasefire"): "196",     # violate or breach a ceasefire
    ("AID", "debt"): "071",              # forgive or write off debt: economic aid
}

# --- Step 1: what a wrapping act governs ----------------------------------------------------------
# The four CAMEO families that mirror each other: appeal (02), demand (10), intent (03), reject (12).
# For each, the code per kind of governed act (None: the family's "not specified" code).
_KINDS: tuple[str | None, ...] = (
    None, "cooperate", "investigate", "diplomatic", "aid", "reform", "leader", "yield", "release",
    "ease-sanctions", "access", "deescalate", "meet", "settle", "mediate")
_FAMILIES: dict[str, dict[str | None, str]] = {
    family: dict(zip(_KINDS, codes.split(), strict=True)) for family, codes in {
        #         -    coop intel  dipl aid reform leader yield release sanct access deesc meet settle mediate
        "appeal": "020 021  0214   022  023 024    0241   025   0253    0254  0255   0256  026  027    028",
        "demand": "100 101  1014   102  103 104    1041   105   1053    1054  1055   1056  106  107    108",
        "intent": "030 031  0314   032  033 034    0341   035   0353    0354  0355   0356  036  037    039",
        "reject": "120 121  1214   120  122 123    1231   124   1243    1244  1245   1246  125  127    126",
    }.items()
}
# The PLOVER mode of a REQUEST/REJECT (set from the governed act by the coder) when the act
# itself is not known.
_MODE_KINDS: dict[str, str] = {"assist": "aid", "change": "reform", "yield": "yield", "meet": "meet"}
_WRAPPERS = frozenset({"REQUEST", "REJECT", "AGREE", "THREATEN"})


def _kind(act: Trigger) -> str | None:
    """What kind of act, for the appeal/demand/intent/reject families."""
    t, mode, lemma = act.type, act.mode, act.lemma
    if t == "CONSULT":
        return "mediate" if lemma in ("mediate", "mediation") else "meet"
    if t == "COOPERATE":
        return "cooperate"
    if t == "SUPPORT":
        return "diplomatic"
    if t == "AID":
        return "aid"
    if t == "ACCUSE" and mode == "investigate":
        return "investigate"  # "called for an inquiry" (CAMEO: appeal for cooperation on intelligence)
    if t == "AGREE" and act.role == "noun":
        return "settle"  # "urged them to reach an agreement"
    if t == "CONCEDE":
        return "yield"
    if t == "RETREAT":
        return {"release": "release", "withdraw": "deescalate", "disarm": "deescalate",
                "ceasefire": "deescalate", "access": "access", "resign": "leader"}.get(
                    mode or "", "ease-sanctions")
    return None


def _threat(act: Trigger) -> str | None:
    """The CAMEO 13x code for a threat of ``act``."""
    t, mode, lemma = act.type, act.mode, act.lemma
    if t in ("ASSAULT", "MOBILIZE"):
        return "138"
    if t == "PROTEST":
        return "133"
    if t == "SANCTION":
        if VERB_CODES.get((t, lemma)) == "163" or NOUN_CODES.get((t, lemma)) == "163":
            return "1312"
        if mode == "expel":
            return "136"
        if act.objects and "aid" in act.objects:
            return "1311"
        if act.objects and "talks" in act.objects:
            return "134"
        return "1313"
    if t == "COERCE":
        if mode == "seize":
            return "1382" if lemma in ("occupy", "annex", "take over") else "130"
        return {"curfew": "1323", "martial-law": "1324", "censor": "1321", "restrict": "132"}.get(
            mode or "", "130")
    return None


def _family(event_type: str, trigger: Trigger | None) -> str:
    if event_type == "AGREE":
        return "intent"
    if event_type == "REJECT":
        return "reject"
    # REQUEST: appeal or demand by the asking word; a REQUEST the coder made of another act
    # ("Y must withdraw", said by X) is a demand.
    if trigger is not None and trigger.type == "REQUEST":
        table = NOUN_CODES if trigger.role == "noun" else VERB_CODES
        if table.get(("REQUEST", trigger.lemma)) == "020":
            return "appeal"
    return "demand"


def cameo_code(event_type: str, mode: str | None = None, trigger: Trigger | None = None,
               complement: Trigger | None = None) -> str:
    """The CAMEO code (three or four digits) of an event of PLOVER ``event_type`` and ``mode``,
    coded from the lexicon entry ``trigger`` that governs the act ``complement`` (if any)."""
    # The act a wrapping type is about: what the trigger governs, else the trigger itself when
    # the coder turned it into the wrapper ("will withdraw" -> AGREE).
    act = complement if complement is not None else (
        trigger if trigger is not None and trigger.type != event_type else None)
    if event_type in _WRAPPERS:
        if event_type == "THREATEN":
            code = _threat(act) if act is not None else None
            if code is not None:
                return code
        else:
            family = _FAMILIES[_family(event_type, trigger)]
            kind = _kind(act) if act is not None else None
            if kind is None and mode in _MODE_KINDS:
                kind = _MODE_KINDS[mode]
            if kind is not None or event_type == "REQUEST" or trigger is None:
                return family[kind]
    if trigger is not None:
        if trigger.objects:
            for (t, marker), code in OBJECT_LIST_CODES.items():
                if t == event_type and trigger.type == event_type and marker in trigger.objects:
                    return code
        table = NOUN_CODES if trigger.role == "noun" else VERB_CODES
        code = table.get((event_type, trigger.lemma))
        if code is not None:
            return code
    return type_code(event_type, mode)
