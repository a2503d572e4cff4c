"""PLOVER data, date resolution, the coder on hand-written sentences, corroboration in the store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from wirewatch import Settings, Store, ingest
from wirewatch.events.coder import Coder, Event, get_coder
from wirewatch.events.corroborate import actors_key
from wirewatch.events.dates import find_time_expressions, hints_compatible
from wirewatch.events.plover import EVENT_TYPES, cameo_root, goldstein, normalise_type


@pytest.fixture(scope="module")
def coder() -> Coder:
    return get_coder()


def events(coder: Coder, text: str, published: date | None = None) -> list[Event]:
    return coder.code([(0, text, published)])[0].events


def test_plover_has_sixteen_types_with_scores_and_roots() -> None:
    assert len(EVENT_TYPES) == 16
    for name in EVENT_TYPES:
        assert -10 <= goldstein(name) <= 10
        assert len(cameo_root(name)) == 2
    assert normalise_type("DEMAND") == "REQUEST" and normalise_type("FIGHT") == "ASSAULT"
    assert goldstein("ASSAULT") < goldstein("THREATEN") < goldstein("CONSULT") < goldstein("AID")


def test_relative_dates_resolve_against_publication() -> None:
    [t] = find_time_expressions("Putin told Xi on Tuesday that", date(2025, 1, 22))
    assert t.date == date(2025, 1, 21)
    [t] = find_time_expressions("urged them on Jan. 28 to", date(2025, 2, 1))
    assert t.date == date(2025, 1, 28)
    [t] = find_time_expressions("met on Dec. 30", date(2025, 1, 3))
    assert t.date == date(2024, 12, 30)
    [t] = find_time_expressions("had a call Tuesday", None)
    assert t.date is None and t.hint == "tuesday"
    assert not hints_compatible("tuesday", "02") and hints_compatible("01-28", "01")


def test_request_with_two_targets(coder: Coder) -> None:
    [e] = [e for e in events(coder, "China urged the United States and Russia on Jan. 28 to reduce "
                                    "their nuclear stockpiles.", date(2025, 2, 1)) if e.type == "REQUEST"]
    assert [m.code for m in e.source] == ["CHN"]
    assert sorted(m.code for m in e.target) == ["RUS", "USA"]
    assert e.date == date(2025, 1, 28) and not e.negated and not e.hypothetical


def test_negation_and_hypotheticals_are_flagged(coder: Coder) -> None:
    [e] = events(coder, "Russia did not agree to meet Ukrainian negotiators.")
    assert e.negated
    flagged = events(coder, "Trump said he thinks China could help end the war with Russia.")
    assert flagged and all(e.hypothetical for e in flagged if e.source and e.source[0].code == "CHN")


def test_passive_agent_is_the_source(coder: Coder) -> None:
    [e] = events(coder, "A refugee camp in Congo was attacked by Burundian soldiers on Monday.")
    assert e.type == "ASSAULT" and [m.code for m in e.source] == ["BDI"]


def test_threat_takes_its_mode_from_what_is_threatened(coder: Coder) -> None:
    [e] = events(coder, "Azerbaijan threatened to break relations with Russia.")
    assert (e.type, e.mode, [m.code for m in e.target]) == ("THREATEN", "relations", ["RUS"])


def test_evidence_offsets_point_into_the_text(coder: Coder) -> None:
    text = "Markets were calm. Israeli soldiers arrested 20 Palestinians in Hebron on Saturday."
    [e] = events(coder, text, date(2025, 3, 10))
    assert text[e.sentence_start:e.sentence_end].startswith("Israeli soldiers")
    assert text[e.trigger_start:e.trigger_end] == "arrested"
    assert (e.type, e.mode, e.date) == ("COERCE", "arrest", date(2025, 3, 8))
    assert e.location == "Hebron"


def test_symmetric_types_ignore_the_order_of_parties() -> None:
    assert actors_key("CONSULT", ["RUS"], ["CHN"]) == actors_key("CONSULT", ["CHN"], ["RUS"])
    assert actors_key("REQUEST", ["RUS"], ["CHN"]) != actors_key("REQUEST", ["CHN"], ["RUS"])


def _jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_corroboration_counts_reports_and_outlets_incrementally(tmp_path: Path, store: Store) -> None:
    settings = Settings()
    a = "Russian President Vladimir Putin held talks with Chinese President Xi Jinping in Moscow on Monday."
    b = "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Monday, state media said."
    ingest([_jsonl(tmp_path / "one.jsonl", [
        {"text": a, "outlet": "Wire A", "published": "2025-03-11T08:00:00Z"}])], store, settings, batch="one")
    [ev] = [r for r in store.db.execute("SELECT * FROM canonical_events WHERE type = 'CONSULT'")]
    assert (ev["reports"], ev["outlets"], ev["date"]) == (1, 1, "2025-03-10")
    # A second batch: another report of the same meeting, plus the first report again elsewhere.
    ingest([_jsonl(tmp_path / "two.jsonl", [
        {"text": b, "outlet": "Wire B", "published": "2025-03-11T09:00:00Z"},
        {"text": a, "outlet": "Wire C", "published": "2025-03-11T10:00:00Z"},
        {"text": a + " ", "outlet": "Wire A", "published": "2025-03-11T10:30:00Z"},
    ])], store, settings, batch="two")
    rows = store.db.execute("SELECT * FROM canonical_events WHERE type = 'CONSULT'").fetchall()
    assert len(rows) == 1
    assert (rows[0]["reports"], rows[0]["outlets"]) == (2, 3)


def test_flagged_events_are_stored_but_not_corroborated(tmp_path: Path, store: Store) -> None:
    ingest([_jsonl(tmp_path / "f.jsonl", [
        {"text": "Iran did not agree to meet European negotiators in Vienna.", "outlet": "X"}])],
        store, Settings(), batch="f")
    rows = store.db.execute("SELECT negated, canonical_event_id FROM events").fetchall()
    assert rows and all(r["negated"] == 1 and r["canonical_event_id"] is None for r in rows)
    assert store.db.execute("SELECT COUNT(*) FROM canonical_events").fetchone()[0] == 0


def test_undated_report_leaves_the_event_undated(tmp_path: Path, store: Store) -> None:
    """No absolute date in the sentence and no published time: the event's date is NULL (not the
    day we ingested it) and a relative expression is kept unresolved, as written."""
    from wirewatch.events.queries import actor_activity, list_events

    ingest([_jsonl(tmp_path / "u.jsonl", [
        {"text": "Russian President Vladimir Putin met Chinese President Xi Jinping on Tuesday.",
         "outlet": "X"}])], store, Settings(), batch="u")
    [row] = store.db.execute("SELECT date, date_text, date_hint FROM events").fetchall()
    assert (row["date"], row["date_text"], row["date_hint"]) == (None, "on Tuesday", "tuesday")
    [event] = list_events(store.db)
    assert event["date"] is None and event["date_hint"] == "tuesday"
    assert [a["date"] for a in actor_activity(store.db, "CHN")] == [None]


def test_sample_corpus_has_no_event_dated_by_ingest_time(sample_db: Path) -> None:
    """batch-03/desk-notes.txt has no dates: its events stay undated, none lands on the ingest day."""
    import sqlite3

    from wirewatch.events.queries import event_day_sql

    db = sqlite3.connect(sample_db)
    ingested = {r[0][:4] for r in db.execute("SELECT ingested_at FROM occurrences")}
    days = [r[0] for r in db.execute(f"SELECT {event_day_sql('c')} FROM canonical_events c")]
    assert days and any(d is None for d in days)
    assert all(d is None or d[:4] <= "2025" for d in days), ingested
    assert all(r[0] is None or r[0][:4] <= "2025" for r in db.execute("SELECT date FROM events"))


# Hand-written sentences (not from any evaluation set) for the rules added from the PLOVER manual
# and CAMEO semantics: (text, type, mode, source countries, target countries).
CASES = [
    ("Germany shipped weapons to Ukraine on Monday.", "AID", None, ["DEU"], ["UKR"]),
    ("Iran allowed IAEA inspectors into the Fordow site.", "RETREAT", "access", ["IRN"], ["IGO"]),
    ("The French president called off a planned visit to Algeria.", "SANCTION", "discontinue", ["FRA"], ["DZA"]),
    ("Farmers blocked highways across France to protest cheap imports.", "PROTEST", "obstruct", ["FRA"], ["FRA"]),
    ("India bolstered its troops along the border with China.", "MOBILIZE", "troops", ["IND"], ["CHN"]),
    ("The World Bank cut funding to Uganda.", "SANCTION", "discontinue", ["IGO"], ["UGA"]),
    ("Police broke up a rally by opposition supporters in Dhaka.", "COERCE", "restrict", ["BGD"], ["BGD"]),
    ("Greek Prime Minister Kyriakos Mitsotakis arrived in Ankara on an official visit.", "CONSULT", "visit",
     ["GRC"], ["TUR"]),
    ("Turkish President Erdogan gave a warm welcome to Hungarian Prime Minister Viktor Orban.", "CONSULT",
     "host", ["TUR"], ["HUN"]),
    ("The EU may suspend trade talks with Mexico if the reforms stall.", "THREATEN", "relations", ["IGO"],
     ["MEX"]),
    ("Israel tightened its blockade of Gaza.", "COERCE", "restrict", ["ISR"], ["PSE"]),
    ("Russia apologised to Azerbaijan for the crash.", "SUPPORT", None, ["RUS"], ["AZE"]),
    ("Palestinians demonstrated against the Israeli settlements.", "PROTEST", "demo", ["PSE"], ["ISR"]),
    # The manual's CONCEDE: removing a curfew or emergency rule; lifting a siege stays RETREAT.
    ("Serbia lifted a night curfew in Montenegro.", "CONCEDE", None, ["SRB"], ["MNE"]),
    ("Kenya relaxed the state of emergency in the north.", "CONCEDE", None, ["KEN"], []),
    ("Israel lifted the siege of Gaza.", "RETREAT", None, ["ISR"], ["PSE"]),
    # A promise made the price of a refused demand ("unless") is a threat; without it, an offer.
    ("Kenya said it will withdraw its troops from Somalia unless it is paid.", "THREATEN", None, ["KEN"],
     ["SOM"]),
    ("Kenya said it will withdraw its troops from Somalia.", "AGREE", None, ["KEN"], ["SOM"]),
    ("Sri Lanka has established diplomatic ties with Iran.", "SUPPORT", None, ["LKA"], ["IRN"]),
    ("Syria trained hundreds of fighters for Hezbollah.", "MOBILIZE", "troops", ["SYR"], ["LBN"]),
    # "must" takes the following trigger as what is demanded, whatever its role.
    ("Kenyan rebels announced that the government must agree to a new constitution.", "REQUEST", None,
     ["KEN"], ["KEN"]),
    ("Russia and China concluded an agreement on gas.", "SUPPORT", None, ["RUS"], ["CHN"]),  # joint parties: the first named is the source
    ("Kashmiri protesters threw stones at Indian police.", "PROTEST", "riot", ["IND"], ["IND"]),
    # An apposition describes the actor; the countries inside it are not further actors.
    ("Pakistan, a close U.S. ally, rejected the Indian proposal.", "REJECT", None, ["PAK"], ["IND"]),
    # Coordinated parties that agree together: the first named is the source, the other the target.
    ("With the signing of the accord, the Sudanese government and SPLM/A have agreed to allow aid.",
     "AGREE", None, ["SDN"], ["SDN"]),
    # A rights group of no stated nationality is an NGO, not the country the sentence is about.
    ("A human rights group accused Croatia of abuses.", "ACCUSE", "allege", ["NGO"], ["HRV"]),
    # With no object of its own, an event is for whom its purpose clause names.
    ("Japan sent engineers to help rebuild Iraq.", "AID", None, ["JPN"], ["IRQ"]),
    ("Philippine troops violated the ceasefire agreement signed in March.", "ASSAULT", None, ["PHL"], []),
    # A passive's "by" phrase hung on a later conjunct or phrase is still its agent.
    ("The convoy was ambushed and looted by Somali militiamen.", "ASSAULT", None, ["SOM"], []),
    ("Three Iraqi soldiers were killed on Monday in an ambush near Mosul by Kurdish rebels.", "ASSAULT",
     "targeted", ["IRQ"], ["IRQ"]),
    # Only a state arrests: with no agent named, the state where it happened.
    ("Two British journalists were detained in Iran on Monday.", "COERCE", "arrest", ["IRN"], ["GBR"]),
    # The manual: expelling diplomats is SANCTION expel, expelling people COERCE deport.
    ("Russia expelled two British diplomats.", "SANCTION", "expel", ["RUS"], ["GBR"]),
    ("Uganda expelled thousands of Kenyans.", "COERCE", "deport", ["UGA"], ["KEN"]),
    ("A Spanish judge issued an arrest warrant for a Chilean general.", "THREATEN", "arrest", ["ESP"], ["CHL"]),
    # The manual: summoning an ambassador and lodging a protest note are complaints (ACCUSE);
    # an invitation promises a meeting (AGREE); forgiving debt is AID.
    ("Nigeria summoned Niger's ambassador to complain of inaction.", "ACCUSE", "disapprove", ["NGA"], ["NER"]),
    ("Serbia lodged an official protest with Albania today.", "ACCUSE", "disapprove", ["SRB"], ["ALB"]),
    ("Kenya invited the Ugandan president for talks.", "AGREE", None, ["KEN"], ["UGA"]),
    ("France wrote off Senegal's debt.", "AID", None, ["FRA"], ["SEN"]),
    ("Turkey withdrew its objection to Sweden's membership.", "CONCEDE", None, ["TUR"], ["SWE"]),
    # A stance participle is not a passive: the subject holds the stance.
    ("Israel is opposed to French mediation.", "REJECT", None, ["ISR"], ["FRA"]),
    # What is condemned or investigated was done by the accused ("by X"), not to the victims.
    ("The UN condemned attacks by Syrian forces on Kurdish towns.", "ACCUSE", "disapprove", ["IGO"], ["SYR"]),
    # An order with a "to" clause is a demand; "ordered a curfew" stays the curfew.
    ("The Pakistani government ordered the army to withdraw from Swat.", "REQUEST", "yield", ["PAK"], ["PAK"]),
    ("Egypt ordered a curfew in Alexandria.", "COERCE", "curfew", ["EGY"], ["EGY"]),  # where it applies
    ("Thousands of Serbian workers stopped work on Monday over a new labour law.", "PROTEST", "strike",
     ["SRB"], ["SRB"]),
    # The manual: forces freeing hostages is a rescue (AID); a captor freeing them RETREAT release.
    ("Pakistani troops freed 10 hostages near the Afghan border.", "AID", None, ["PAK"], []),
    ("Colombian rebels freed 10 hostages.", "RETREAT", "release", ["COL"], ["COL"]),
    # A dateline says where the story was filed: the city is no party.
    ("JERUSALEM -- An Israeli court rejected the appeal of an American student.", "REJECT", None,
     ["ISR"], ["USA"]),
    ("TIRANA, Albania (AP) -- Albania's parliament condemned the Serbian government.", "ACCUSE",
     "disapprove", ["ALB"], ["SRB"]),
    # A country adjective on a border names a place, not a party.
    ("Burmese troops attacked a rebel camp near the Thai border.", "ASSAULT", None, ["MMR"], []),
]


@pytest.mark.parametrize(("text", "etype", "mode", "source", "target"), CASES)
def test_trigger_rules(coder: Coder, text: str, etype: str, mode: str | None, source: list[str],
                       target: list[str]) -> None:
    [e, *_] = events(coder, text)
    assert (e.type, e.mode) == (etype, mode)
    # Country codes of the coded parties; uncoded phrases and countryless agents are checked apart.
    assert [m.code for m in e.source if m.code] == source and [m.code for m in e.target if m.code] == target
    assert not (e.negated or e.hypothetical)


def test_stated_refusal_is_reject_not_negated(coder: Coder) -> None:
    [e, *_] = events(coder, "The U.S. said it would not meet the kidnappers' demands to free prisoners.")
    assert (e.type, e.negated) == ("REJECT", False)
    [e] = events(coder, "Russia did not agree to meet Ukrainian negotiators.")
    assert e.negated  # a past negation stays a flagged event


def test_protest_with_no_target_addresses_its_government(coder: Coder) -> None:
    [e] = events(coder, "Thousands of Kenyans rallied in Nairobi.")
    assert e.type == "PROTEST" and [m.full_code for m in e.target] == ["KENGOV"]
    assert e.target[0].via == "implied" and e.target[0].text == ""


def test_one_noun_phrase_is_one_actor_per_country_and_sector() -> None:
    from wirewatch.actors.resolve import Mention
    from wirewatch.events.syntax import one_per_actor

    def m(text: str, code: str, sector: str | None, via: str) -> Mention:
        return Mention(text, 0, 1, 0, 1, code, sector, None, via, 0.9)

    adjective, leader = m("Palestinian", "PSE", None, "adjective"), m("Arafat", "PSE", "GOV", "person")
    assert one_per_actor([adjective, leader]) == [leader]
    group, alias = m("Hizbollah", "LBN", "REB", "dictionary"), m("Party of God", "LBN", "REB", "dictionary")
    assert one_per_actor([group, alias]) == [group]
    government, rebels = m("government", "SDN", "GOV", "sector"), m("rebels", "SDN", "REB", "sector")
    assert one_per_actor([government, rebels]) == [government, rebels]
    assert one_per_actor([adjective, m("Israel", "ISR", None, "country")]) == [
        adjective, m("Israel", "ISR", None, "country")]


def test_gazetteer_places_towns_and_leaves_ambiguous_names_out() -> None:
    from wirewatch.actors.places import default_gazetteer

    gaz = default_gazetteer()
    assert gaz.country("Kirkuk") == "IRQ" and gaz.country("Gaziantep") == "TUR"
    assert gaz.country("Tel Aviv") == "ISR"
    assert gaz.country("Lincoln") is None  # England and Nebraska: neither outnumbers the other 3:1
    assert gaz.country("March") is None and gaz.country("Narnia") is None


def test_attack_with_no_named_attacker_is_coded_where_it_happened(coder: Coder) -> None:
    [e, *_] = events(coder, "A car bomb near the town of Kirkuk killed four Turkish soldiers.")
    assert e.type == "ASSAULT" and [m.code for m in e.source] == ["IRQ"]
    assert e.source[0].via == "place" and e.location_code == "IRQ"
    assert [m.full_code for m in e.target] == ["TURMIL"]
    # The place stands in for one missing party, never both; nor for a doer who is named.
    assert events(coder, "A car bomb killed four people near the town of Kirkuk.") == []
    [named] = events(coder, "On Monday, Acme attacked Turkish troops near Kirkuk.")
    # Acme is uncoded, not Iraq: its words stand as the doer, with no code.
    assert named.type == "ASSAULT" and [(m.text, m.code, m.via) for m in named.source] == [("Acme", None, "phrase")]


def test_place_abroad_is_the_target_when_nothing_else_is_named(coder: Coder) -> None:
    [e] = events(coder, "Hundreds of Syrian refugees rioted at a camp outside Gaziantep.")
    assert e.type == "PROTEST" and [m.code for m in e.target] == ["TUR"]
    [home] = events(coder, "Thousands of Kenyans rallied in Nairobi.")
    assert [m.full_code for m in home.target] == ["KENGOV"]  # at home: their government


def test_an_ethnic_group_is_coded_by_the_country_it_lives_in(coder: Coder) -> None:
    [e] = events(coder, "Ethnic Hungarians demonstrated in Romania on Sunday.")
    assert [m.full_code for m in e.source] == ["ROUCVL"]


def test_a_state_acting_on_something_uncoded_acts_at_home(coder: Coder) -> None:
    [e] = events(coder, "The Kenyan government outlawed the sect on Monday.")
    assert [m.code for m in e.target] == ["KEN"] and e.target[0].via == "implied"
    # An army's force may be used abroad: no implied target.
    [attack] = events(coder, "Russian troops shelled a village on Monday.")
    assert attack.type == "ASSAULT" and [(m.text, m.code) for m in attack.target] == [("a village", None)]


def test_a_namesake_town_goes_to_the_country_the_sentence_names() -> None:
    from wirewatch.actors.places import default_gazetteer

    gaz = default_gazetteer()
    assert gaz.country("Tripoli") == "LBY"  # the larger namesake, by default
    assert gaz.country("Tripoli", frozenset({"LBN"})) == "LBN"


def test_a_minority_is_coded_by_where_it_lives(coder: Coder) -> None:
    [e] = events(coder, "Police in Bulgaria arrested leaders of the Turkish minority on Monday.")
    assert "BGRCVL" in [m.full_code for m in e.target]


def test_hit_with_tariffs_is_a_sanction_and_hitting_back_is_not_an_attack(coder: Coder) -> None:
    [e, *_] = events(coder, "Canada and Mexico were hit with new U.S. import taxes on Saturday.")
    assert (e.type, e.mode) == ("SANCTION", "discontinue")
    assert [m.code for m in e.source] == ["USA"] and sorted(m.code for m in e.target) == ["CAN", "MEX"]
    assert all(ev.type != "ASSAULT" for ev in events(coder, "Beijing hit back on Tuesday at new U.S. tariffs."))
    [strike] = events(coder, "Israeli jets hit targets in Gaza.")
    assert strike.type == "ASSAULT"
