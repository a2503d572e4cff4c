"""CAMEO codes from the words (issue 9, item 3): the coder on hand-written sentences, the tables
against the shared CAMEO2PLOVER-2021 table, and the five-way class against the PLV data's."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from wirewatch.events import cameo
from wirewatch.events.cameo import (
    CONVENTIONS,
    GOLDSTEIN,
    NOUN_CODES,
    OBJECT_LIST_CODES,
    VERB_CODES,
    cameo_code,
    code_fields,
    goldstein,
    penta,
    type_code,
)
from wirewatch.events.coder import Coder, Event, get_coder
from wirewatch.events.lexicon import TRIGGERS, Trigger
from wirewatch.events.plover import EVENT_TYPES, cameo_root

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

# CAMEO 02 (Appeal) is not in CAMEO2PLOVER (PLOVER dropped it); its codes, from the codebook.
APPEAL_CODES = frozenset({
    "020", "021", "0211", "0212", "0213", "0214", "022", "023", "0231", "0232", "0233", "0234",
    "024", "0241", "0242", "0243", "0244", "025", "0251", "0252", "0253", "0254", "0255", "0256",
    "026", "027", "028"})


@pytest.fixture(scope="module")
def coder() -> Coder:
    return get_coder()


def coded(coder: Coder, text: str, event_type: str) -> Event:
    found = [e for e in coder.code([(0, text, None)])[0].events if e.type == event_type]
    assert found, f"no {event_type} event in {text!r}"
    return found[0]


@pytest.mark.parametrize(("text", "event_type", "code"), [
    # Asking, urging, appealing is CAMEO 02 (neutral); demanding 10 (verbal conflict). What is
    # asked for picks the code below the root: a withdrawal is military de-escalation.
    ("Germany urged Russia to withdraw its troops.", "REQUEST", "0256"),
    ("Germany called on Russia to release the prisoners.", "REQUEST", "0253"),
    ("Germany urged Iran to hold talks with the United States.", "REQUEST", "026"),
    ("Germany demanded that Russia withdraw its troops.", "REQUEST", "1056"),
    ("Germany demanded that Russia release the prisoners.", "REQUEST", "1053"),
    # Arrest 173, deportation 174; expelling diplomats reduces relations (161, SANCTION).
    ("Kenyan police arrested three opposition leaders.", "COERCE", "173"),
    ("Italy expelled two Russian journalists.", "COERCE", "174"),
    ("Italy expelled two Russian diplomats.", "SANCTION", "161"),
    # Fighting 19 (artillery 194, air 195), assault 18 (abduction 181), sanctions 16 (163).
    ("Rebels shelled the Ukrainian town of Kharkiv.", "ASSAULT", "194"),
    ("Israeli jets carried out airstrikes on Gaza.", "ASSAULT", "195"),
    ("Gunmen kidnapped two Italian engineers in Nigeria.", "ASSAULT", "181"),
    ("The EU imposed sanctions on Iran.", "SANCTION", "163"),
    # The wrapping types take the code of what they wrap.
    ("Iran threatened to impose sanctions on Britain.", "THREATEN", "1312"),
    ("Russia threatened to expel British diplomats.", "THREATEN", "136"),
    ("Iran threatened to attack Israel.", "THREATEN", "138"),
    ("Britain refused to hold talks with Argentina.", "REJECT", "125"),
    ("Russia refused to release the Ukrainian sailors.", "REJECT", "1243"),
    ("China agreed to hold talks with Japan.", "AGREE", "036"),
    # Verbs within one type: criticise 111, accuse 112, sue 115, investigate 09.
    ("Germany criticised Poland.", "ACCUSE", "111"),
    ("The United States accused China of spying.", "ACCUSE", "112"),
    ("Egypt sued Israel.", "ACCUSE", "115"),
    ("India investigated Pakistan.", "ACCUSE", "090"),
    ("Macron visited Berlin on Tuesday.", "CONSULT", "042"),
    ("Xi Jinping told Donald Trump in a phone call that ties must improve.", "CONSULT", "041"),
    ("Putin met Xi in Beijing.", "CONSULT", "040"),
    ("Russia released two US citizens.", "RETREAT", "0841"),
    ("Russia lifted sanctions on Turkey.", "RETREAT", "085"),
    ("Rebels declared a ceasefire in Yemen.", "RETREAT", "0871"),
    ("Soldiers opened fire on protesters in Cairo.", "ASSAULT", "193"),
    ("Pakistan summoned the Indian ambassador.", "ACCUSE", "114"),
])
def test_the_words_pick_the_code(coder: Coder, text: str, event_type: str, code: str) -> None:
    e = coded(coder, text, event_type)
    assert e.cameo == code, (text, e.trigger, e.cameo)
    assert e.cameo_root == code[:2] and e.goldstein == goldstein(code) and e.penta == penta(code)
    d = e.as_dict()
    assert (d["cameo"], d["cameo_root"], d["penta"], d["goldstein"]) == (code, code[:2], penta(code), goldstein(code))


def test_appeal_and_demand_fall_in_different_classes(coder: Coder) -> None:
    asked = coded(coder, "Germany urged Russia to withdraw its troops.", "REQUEST")
    demanded = coded(coder, "Germany demanded that Russia withdraw its troops.", "REQUEST")
    assert (asked.penta, asked.as_dict()["penta_class"]) == (0, "NEUTRAL")
    assert (demanded.penta, demanded.as_dict()["penta_class"]) == (3, "VERBAL CONFLICT")
    assert asked.goldstein > demanded.goldstein  # Goldstein follows the code, not the type


def trigger(event_type: str, lemma: str, role: str | None = None) -> Trigger:
    """The lexicon entry of this type and lemma (and role)."""
    for entries in TRIGGERS.values():
        for t in entries:
            if t.type == event_type and t.lemma == lemma and (role is None or t.role == role):
                return t
    raise LookupError((event_type, lemma, role))


def test_retyped_triggers_keep_what_they_say() -> None:
    # "will withdraw" is coded AGREE by the coder: intent to de-escalate (0356), not a bare 030.
    assert cameo_code("AGREE", None, trigger("RETREAT", "withdraw")) == "0356"
    # "will not meet" is REJECT: reject a proposal to meet (125).
    assert cameo_code("REJECT", "meet", trigger("CONSULT", "meet")) == "125"
    # "X said Y must withdraw": a demand (10), whatever verb carries it.
    assert cameo_code("REQUEST", "yield", trigger("RETREAT", "withdraw")) == "1056"
    # "called for talks" without a parsed complement: the mode still says what was asked.
    assert cameo_code("REQUEST", "meet", trigger("REQUEST", "call for")) == "026"
    # A lodged protest note is an official complaint (114); a threat of force 138.
    assert cameo_code("ACCUSE", "disapprove", trigger("PROTEST", "protest", "noun")) == "114"
    assert cameo_code("THREATEN", "violence", None, trigger("ASSAULT", "attack")) == "138"
    # Without a trigger: the type and mode alone.
    assert cameo_code("ASSAULT", "firearms") == "193" and cameo_code("REQUEST") == "100"
    assert cameo_root("ASSAULT", "unconventional") == "20" and cameo_root("COERCE", "arrest") == "17"


def test_goldstein_and_penta_cover_every_code() -> None:
    assert penta("020") == 0 and penta("036") == 1 and penta("0841") == 2
    assert penta("090") == 3 and penta("1056") == 3 and penta("145") == 4 and penta("204") == 4
    assert goldstein("0874") == 10.0 and goldstein("0256") == goldstein("025") and goldstein("1832") == -10.0
    assert all(-10 <= v <= 10 for v in GOLDSTEIN.values())
    # Scores order the roots as the scale means them: aid above consultation above threats.
    assert goldstein("070") > goldstein("040") > goldstein("130") > goldstein("190")
    assert code_fields("04") == {"cameo_root": "04", "penta": 1, "penta_class": "VERBAL COOPERATION"}


def all_entries() -> set[Trigger]:
    entries = {t for ts in TRIGGERS.values() for t in ts}
    # The coder's own entry for "hit X with tariffs" (coder._HIT_WITH_MEASURES).
    entries.add(Trigger("SANCTION", "discontinue", "event", "hit with"))
    return entries


def every_coding() -> Iterator[tuple[str, str]]:
    """(type, code) for every type/mode/trigger/complement combination the tables can see: each
    lexicon entry under every type and mode (the coder re-types triggers), and each wrapping type
    over each entry as its complement."""
    entries = all_entries()
    for name, spec in EVENT_TYPES.items():
        for mode in (None, *spec.modes):
            yield name, cameo_code(name, mode)
            for e in entries:
                yield name, cameo_code(name, mode, e)
    for wrapper in ("REQUEST", "REJECT", "AGREE", "THREATEN"):
        governors = [None, *(e for e in entries if e.type == wrapper)]
        for g in governors:
            for act in entries:
                yield wrapper, cameo_code(wrapper, None, g, act)


def test_every_code_has_a_goldstein_weight() -> None:
    for _, code in every_coding():
        assert -10 <= goldstein(code) <= 10 and len(code) in (3, 4) and code.isdigit(), code


def test_table_keys_are_lexicon_words() -> None:
    lemmas = {e.lemma for e in all_entries()}
    for event_type, lemma in (*VERB_CODES, *NOUN_CODES):
        assert event_type in EVENT_TYPES and lemma in lemmas, (event_type, lemma)
    objects = set().union(*(e.objects or frozenset() for e in all_entries()))
    for event_type, marker in OBJECT_LIST_CODES:
        assert event_type in EVENT_TYPES and marker in objects, (event_type, marker)


def cameo2plover() -> dict[str, set[str]]:
    path = SHARED / "plover_gsr" / "cameo2plover_2021.csv"
    if not path.is_file():
        pytest.skip(f"CAMEO2PLOVER table not found at {path} (../shared/data)")
    table: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            table.setdefault(row["cameo"].strip(), set()).add(row["plover_event"].strip())
    return table


def convention(event_type: str, code: str) -> str | None:
    return next((k[1] for k in CONVENTIONS if k[0] == event_type and code.startswith(k[1])), None)


def test_every_code_agrees_with_cameo2plover() -> None:
    """The code's PLOVER type in CAMEO2PLOVER-2021 is the event's type, except the documented
    conventions; every code is a real CAMEO code (in the table, or one of CAMEO's 02 codes)."""
    table = cameo2plover()
    used: Counter[str] = Counter()
    for event_type, code in every_coding():
        if code.startswith("02"):
            assert code in APPEAL_CODES, code
        else:
            assert code in table, f"{code} is not in CAMEO2PLOVER"
        mapped = table.get(code) or table.get(code[:3]) or table.get(code[:2]) or set()
        if event_type in mapped:
            continue
        prefix = convention(event_type, code)
        assert prefix is not None, f"{event_type} coded {code}, which CAMEO2PLOVER maps to {mapped}"
        used[prefix] += 1
    assert set(used) == {k[1] for k in CONVENTIONS}, "a documented convention is never used"


def test_type_codes_agree_with_cameo2plover() -> None:
    table = cameo2plover()
    for name, spec in EVENT_TYPES.items():
        for mode in (None, *spec.modes):
            code = type_code(name, mode)
            mapped = table.get(code, set()) | table.get(code[:2], set())
            assert name in mapped or convention(name, code), (name, mode, code)


def test_penta_numbers_match_the_plv_data() -> None:
    """The five-way numbering is the PLV data's (``gold_penta``): for each gold PLOVER type, the
    class its rows most often carry is the class of the type's own CAMEO code. Reads the even
    ``sentence_id`` rows only (the odd half is held back)."""
    path = SHARED / "plv" / "PLV_train.tsv"
    if not path.is_file():
        pytest.skip(f"PLV data not found at {path} (../shared/data)")
    by_type: dict[str, Counter[int]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if int(row["sentence_id"]) % 2:
                continue
            by_type.setdefault(row["gold_root"], Counter())[int(row["gold_penta"])] += 1
    # 2016 names: YIELD is today's CONCEDE or RETREAT (both CAMEO 08).
    names = {"YIELD": ("CONCEDE", "RETREAT")}
    assert len(by_type) >= 12
    for gold, counts in by_type.items():
        [(klass, _)] = counts.most_common(1)
        for name in names.get(gold, (gold,)):
            assert penta(type_code(name)) == klass, (gold, name, counts)


def test_module_is_importable_alone() -> None:
    # plover imports cameo; cameo must not import plover back (no cycle).
    assert "plover" not in vars(cameo)


def test_docs_list_every_code_and_convention() -> None:
    text = (ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    section = text.split("## CAMEO codes", 1)[1].split("\n## ", 1)[0]
    codes = {*VERB_CODES.values(), *NOUN_CODES.values(), *OBJECT_LIST_CODES.values(),
             *cameo.MODE_CODES.values(), *cameo.TYPE_CODES.values()}
    for code in codes:
        assert code in section, code
    for event_type, prefix in CONVENTIONS:
        assert f"| {event_type} | {prefix}" in section, (event_type, prefix)
