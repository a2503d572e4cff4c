"""Actor resolution over the bundled knowledge base, office holders by date, dictionary import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wirewatch.actors.importer import dictionary_entries, import_dictionaries, parse_dictionary
from wirewatch.actors.kb import split_cameo_code
from wirewatch.actors.stage import coder_for
from wirewatch.events.coder import Coder, get_coder


@pytest.fixture(scope="module")
def coder() -> Coder:
    return get_coder()


def resolve(coder: Coder, text: str, when: date | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.full_code) for m in coder.resolver.lookup(coder.nlp.make_doc(text), when)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chinese President Xi Jinping", "CHNGOV"),
        ("Beijing", "CHNGOV"),
        ("the Kremlin", "RUSGOV"),
        ("Russia's Vladimir Putin", "RUSGOV"),
        ("Chinese Foreign Ministry spokesperson Mao Ning", "CHNGOV"),
        ("Rebels in the Ivory Coast", "CIVREB"),
        ("Hamas", "PSEREB"),
        ("UN peacekeepers", "IGOUNOMIL"),
        ("Russia", "RUS"),
        # Former names in archived news go to the successor state, as in CAMEO.
        ("the Soviet Union", "RUS"),
        ("Yugoslav troops", "SRBMIL"),
        ("Zaire", "COD"),
        ("the PLO", "PSEGOV"),
        ("Fatah", "PSEPTY"),
        ("Northern Ireland", "GBR"),
    ],
)
def test_phrases_resolve(coder: Coder, text: str, expected: str) -> None:
    found = resolve(coder, text, date(2025, 1, 30))
    assert [code for _, code in found] == [expected]


def test_office_holders_depend_on_the_date(coder: Coder) -> None:
    assert resolve(coder, "Trump", date(2025, 2, 1)) == [("Trump", "USAGOV")]
    assert resolve(coder, "Trump", date(2023, 5, 1)) == [("Trump", "USAELI")]
    assert resolve(coder, "Trump", None) == [("Trump", "USAGOV")]  # latest term


def test_coordinated_adjectives_share_the_head(coder: Coder) -> None:
    assert [c for _, c in resolve(coder, "French and Egyptian warships")] == ["FRAMIL", "EGYMIL"]


def test_unknown_name_is_remembered_within_a_snippet(coder: Coder) -> None:
    text = "stated Chinese Foreign Ministry spokesperson Mao Ning. According to Mao, talks must go on."
    ann = coder.annotate([(1, text, None)])[0]
    flat = [(m.text, m.full_code, m.via) for ms in ann.mentions for m in ms]
    assert ("Mao", "CHNGOV", "coreference") in flat


def test_cameo_codes_split() -> None:
    assert split_cameo_code("CHNGOV") == ("CHN", "GOV", None)
    assert split_cameo_code("IGOUNO") == ("IGO", None, "UNO")
    assert split_cameo_code("~AGR") == (None, "AGR", None)


# A small dictionary in the Phoenix format, written for this test.
DICTIONARY = """\
# test actors
ZORBAN_KLEPP_  # a made-up leader
+PRESIDENT_KLEPP_
\t[FRAGOV 20200101-20221231]
\t[FRAELI]
ACME_LIBERATION_FRONT_ [FRAREB]
!PERSON! = MAN, WOMAN
FISHER!PERSON! [~AGR]
"""


def test_parse_phoenix_format(tmp_path: Path) -> None:
    path = tmp_path / "test.actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    entries = list(parse_dictionary(path))
    klepp = [e for e in entries if e.phrase == "PRESIDENT KLEPP"]
    assert {(e.code, e.sector, e.start) for e in klepp} == {("FRA", "GOV", date(2020, 1, 1)), ("FRA", "ELI", None)}
    assert any(e.phrase == "ACME LIBERATION FRONT" and e.sector == "REB" for e in entries)
    assert {e.phrase for e in entries if e.kind == "agent"} >= {"FISHERMAN", "FISHERWOMAN"}


def test_imported_dictionary_is_used_by_the_resolver(tmp_path: Path, store) -> None:
    path = tmp_path / "test.actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    with store.atomic() as db:
        first = import_dictionaries(db, [path])
        again = import_dictionaries(db, [path])
    assert first.added > 0 and again.added == 0
    assert dictionary_entries(store.db)
    coder = coder_for(store.db, get_coder().settings)
    assert resolve(coder, "President Klepp", date(2021, 6, 1)) == [("President Klepp", "FRAGOV")]
    assert resolve(coder, "President Klepp", date(2024, 6, 1)) == [("President Klepp", "FRAELI")]
    assert resolve(coder, "the Acme Liberation Front", None)[0][1] == "FRAREB"


@pytest.mark.parametrize(
    ("text", "when", "expected"),
    [
        ("Palestinians", None, [("Palestinians", "PSECVL")]),  # a plural demonym: the people
        ("ethnic Albanians in south Serbia", None, [("Albanians in south Serbia", "SRBCVL")]),
        ("Serb forces", None, [("Serb forces", "SRBMIL")]),
        ("Israeli troops", None, [("Israeli troops", "ISRMIL")]),
        ("West Bank", None, [("West Bank", "PSE")]),
        ("President George W. Bush", date(2003, 3, 20), [("President George W. Bush", "USAGOV")]),
        ("Kofi Annan", date(1999, 6, 1), [("Kofi Annan", "IGOUNOGOV")]),
        ("UNITA", None, [("UNITA", "AGOREB")]),
        # a verb between a country and a sector word: two phrases, not "South Korea ... military"
        ("South Korea held joint military exercises", None, [("South Korea", "KOR"), ("military", "---MIL")]),
    ],
)
def test_archival_and_group_actors(coder: Coder, text: str, when: date | None,
                                   expected: list[tuple[str, str]]) -> None:
    assert resolve(coder, text, when) == expected


def test_a_title_in_one_state_outranks_an_office_known_in_another(coder: Coder) -> None:
    # Shevardnadze is in the knowledge base as the Soviet foreign minister (coded RUS); said
    # with a Georgian title and no date, the title decides.
    assert resolve(coder, "Georgian President Eduard Shevardnadze") == [
        ("Georgian President Eduard Shevardnadze", "GEOGOV")]


@pytest.mark.parametrize(("text", "expected"), [
    # A state's or capital's name inside the name of a place, a company or a newspaper.
    ("Police in British Columbia arrested two men.", ["---COP"]),
    ("T-Mobile USA cut its prices again.", []),
    ("Real Madrid won the cup final.", []),
    ("Pirates fired on a tanker in the Gulf of Aden.", ["---CRM"]),
    ("The Canadian Press carried the report first.", []),
    ("Shares fell on the Tokyo Stock Exchange.", []),
    # A namesake: another first name before a known surname.
    ("Reggie Bush scored twice in the second half.", []),
    # ... but state bodies with capitalised names, titles and spellings of the known name stay.
    ("The Iraqi Supreme Court rejected the appeal.", ["IRQJUD"]),
    ("Former President George Bush met Putin.", ["USAGOV", "RUSGOV"]),
    ("Yasir Arafat spoke on Monday.", ["PSEGOV"]),
])
def test_names_inside_other_names(coder: Coder, text: str, expected: list[str]) -> None:
    assert [code for _, code in resolve(coder, text)] == expected
