"""The actor knowledge base: load the data files (and imported dictionaries) and index every phrase.

Each phrase ("Chinese", "the Kremlin", "Xi Jinping", "foreign ministry") maps to one or more
:class:`Entry` objects: what the phrase names (a country, a seat of power, an organisation, a person
with dated terms of office, or just a sector). Office holders are date-aware: "Trump" resolves to
USA GOV for a report dated inside one of his terms, to USA ELI (former official, the CAMEO
convention) outside them, and to his latest term when the report has no date.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..errors import InputError

__all__ = ["Term", "Entry", "Resolved", "KnowledgeBase", "DATA_DIR", "default_kb", "split_cameo_code"]

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"

# Codes in the "country" slot that are not countries (CAMEO conventions): international
# governmental / non-governmental organisations and international militarised groups.
INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC"})


@dataclass(frozen=True)
class Term:
    """One dated role: an office held, or a date-restricted dictionary code."""

    code: str
    sector: str | None
    start: date | None
    end: date | None
    org: str | None = None
    role: str = ""

    def covers(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True)
class Entry:
    """What one phrase names."""

    kind: str
    """country, adjective, demonym, metonym, organisation, person, sector, dictionary."""
    name: str
    code: str | None = None
    sector: str | None = None
    org: str | None = None
    weak: bool = False
    """A sector word that only weakly signals the sector ("officials", "spokesperson")."""
    terms: tuple[Term, ...] = ()
    source: str = "kb"


@dataclass(frozen=True)
class Resolved:
    """An entry resolved at a date: the code, sector and organisation it stands for."""

    code: str | None
    sector: str | None
    org: str | None


PRIORITY = {"person": 6, "organisation": 5, "dictionary": 4, "metonym": 3, "country": 2,
            "demonym": 2, "adjective": 2, "sector": 0}


def _date(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _opt(row: dict[str, object], key: str) -> str | None:
    """A row's optional string field (JSON rows are untyped; absent or empty reads as None)."""
    value = row.get(key)
    return str(value) if value else None


def _strs(row: dict[str, object], key: str) -> list[str]:
    """A row's optional list-of-strings field."""
    value = row.get(key)
    return [str(v) for v in value] if isinstance(value, list) else []


def _dicts(row: dict[str, object], key: str) -> list[dict[str, str]]:
    """A row's optional list-of-objects field, e.g. metonyms ``[{"text", "sector"}]``."""
    value = row.get(key)
    if not isinstance(value, list):
        return []
    return [{str(k): str(v) for k, v in d.items()} for d in value if isinstance(d, dict)]


def split_cameo_code(code: str) -> tuple[str | None, str | None, str | None]:
    """A CAMEO actor code -> (code, sector, org): ``CHNGOV`` -> (CHN, GOV, None), ``IGOUNO`` ->
    (IGO, None, UNO), ``~GOV`` (an agent) -> (None, GOV, None)."""
    code = code.strip().upper()
    if code.startswith("~"):
        return None, (code[1:4] or None), None
    head, rest = code[:3], code[3:6]
    if head in INTERNATIONAL:
        return head, None, rest or None
    return head, rest or None, None


@dataclass
class KnowledgeBase:
    """Phrases -> entries. ``proper`` phrases are matched case-sensitively (names, acronyms);
    ``common`` phrases (sector words, imported dictionary phrases) case-insensitively."""

    proper: dict[str, list[Entry]] = field(default_factory=dict)
    common: dict[str, list[Entry]] = field(default_factory=dict)
    organisations: dict[str, dict[str, object]] = field(default_factory=dict)
    countries: dict[str, dict[str, object]] = field(default_factory=dict)

    # -- building -------------------------------------------------------------------------------
    def _add(self, phrase: str, entry: Entry, *, case_sensitive: bool) -> None:
        phrase = " ".join(phrase.split())
        if not phrase:
            return
        if case_sensitive:
            variants = {phrase}
            if phrase[0].islower():
                # "the Kremlin" also opens a sentence as "The Kremlin".
                variants.add(phrase[0].upper() + phrase[1:])
            for v in variants:
                self.proper.setdefault(v, []).append(entry)
        else:
            self.common.setdefault(phrase.lower(), []).append(entry)

    @classmethod
    def load(cls, data_dir: Path | None = None, extra: Iterable[tuple[str, Entry]] = ()) -> KnowledgeBase:
        """Read the JSON Lines files in ``data_dir`` (default: the bundled knowledge base), then
        add ``extra`` (phrase, entry) pairs, e.g. imported CAMEO dictionary entries."""
        data_dir = data_dir or DATA_DIR
        kb = cls()
        for row in _read(data_dir / "countries.jsonl"):
            code = str(row["code"])
            kb.countries[code] = row
            for name in [str(row["name"]), *_strs(row, "aliases")]:
                kb._add(name, Entry("country", str(row["name"]), code=code), case_sensitive=True)
            for adj in _strs(row, "adjectives"):
                kb._add(adj, Entry("adjective", str(row["name"]), code=code), case_sensitive=True)
            for dem in _strs(row, "demonyms"):
                kb._add(dem, Entry("demonym", str(row["name"]), code=code), case_sensitive=True)
            metonyms = _dicts(row, "metonyms")
            capital = _opt(row, "capital")
            if capital and not any(m["text"] == capital for m in metonyms):
                metonyms.append({"text": capital, "sector": "GOV"})
            for m in metonyms:
                kb._add(m["text"], Entry("metonym", m["text"], code=code, sector=m.get("sector")),
                        case_sensitive=True)
        for row in _read(data_dir / "organisations.jsonl"):
            kb.organisations[str(row["code"])] = row
            org_code, org_sector = kb.org_code(str(row["code"]))
            for name in [str(row["name"]), *_strs(row, "aliases")]:
                kb._add(name, Entry("organisation", str(row["name"]), code=org_code, sector=org_sector,
                                    org=str(row["code"])), case_sensitive=True)
        for row in _read(data_dir / "sectors.jsonl"):
            sector = str(row["sector"])
            if sector in INTERNATIONAL:
                # "aid agencies" is an NGO actor in itself, not a sector of a country.
                entry = Entry("sector", str(row["text"]), code=sector, weak=bool(row.get("weak")))
            else:
                entry = Entry("sector", str(row["text"]), sector=sector, weak=bool(row.get("weak")))
            text = str(row["text"])
            kb._add(text, entry, case_sensitive=text.isupper())
        people: dict[str, list[Term]] = {}
        aliases: dict[str, set[str]] = {}
        for row in _read(data_dir / "officeholders.jsonl"):
            who = str(row["country"])
            if who in kb.organisations:
                leader_code, org_sector = kb.org_code(who)
                # The leader of an IGO acts for it as its executive (the GSR codes an Arab League
                # secretary-general IGO GOV); the leader of an armed group keeps the group's sector.
                leader_sector = "GOV" if leader_code in INTERNATIONAL else org_sector
                term = Term(leader_code or who, leader_sector, _date(row.get("start")), _date(row.get("end")),
                            org=who, role=str(row.get("role", "")))
            else:
                term = Term(who, _opt(row, "sector"), _date(row.get("start")), _date(row.get("end")),
                            role=str(row.get("role", "")))
            name = str(row["name"])
            people.setdefault(name, []).append(term)
            aliases.setdefault(name, set()).update([name, *_strs(row, "aliases")])
        for name, terms in people.items():
            entry = Entry("person", name, terms=tuple(sorted(terms, key=lambda t: t.start or date.min)))
            for alias in aliases[name]:
                kb._add(alias, entry, case_sensitive=True)
        for phrase, entry in extra:
            kb._add(phrase, entry, case_sensitive=phrase.isupper() and len(phrase) <= 4)
        log.info("actor knowledge base: %d proper and %d common phrases", len(kb.proper), len(kb.common))
        return kb

    def org_code(self, org: str) -> tuple[str | None, str | None]:
        """(code, sector) an organisation is coded as: IGO/NGO bodies as IGO/NGO; armed groups as
        their country + sector (Hamas -> PSE REB), transnational ones as IMG (CAMEO's code)."""
        row = self.organisations.get(org, {})
        sector = str(row.get("sector", "")) or None
        if sector in INTERNATIONAL:
            return sector, None
        if row.get("transnational") or not row.get("country"):
            return "IMG", sector
        return str(row["country"]), sector

    # -- lookup ---------------------------------------------------------------------------------
    def entries(self, phrase: str) -> list[Entry]:
        return self.proper.get(phrase, []) + self.common.get(phrase.lower(), [])

    @staticmethod
    def resolve_entry(entry: Entry, when: date | None, countries: frozenset[str] = frozenset()) -> Resolved:
        """The code an entry stands for at ``when`` (office holders and dated dictionary codes).

        ``countries`` are the states named beside it ("Georgian President Eduard Shevardnadze"):
        with no date, a person who held office in several states is taken in the one named."""
        if not entry.terms:
            return Resolved(entry.code, entry.sector, entry.org)
        terms = entry.terms
        if when is None and countries and any(t.code in countries for t in terms):
            terms = tuple(t for t in terms if t.code in countries)
        if when is None:
            # No date: the latest term (an incumbent, or the last office held).
            term = max(terms, key=lambda t: (t.end is None, t.start or date.min))
            return Resolved(term.code, term.sector, term.org)
        for term in sorted(terms, key=lambda t: t.start or date.min, reverse=True):
            if term.covers(when):
                return Resolved(term.code, term.sector, term.org)
        # Out of office at that date: CAMEO codes former (or future) officials as elites.
        nearest = min(terms, key=lambda t: min(abs(((t.start or when) - when).days),
                                               abs(((t.end or when) - when).days)))
        return Resolved(nearest.code, "ELI" if nearest.code not in INTERNATIONAL else None,
                        nearest.org)


def _read(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        raise InputError(str(path), "actor knowledge base file missing; reinstall wirewatch or "
                                    "point the loader at a folder holding the four .jsonl files")
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError(str(path), f"line {n}: not JSON ({exc.msg})") from None
    return rows


@lru_cache(maxsize=4)
def default_kb() -> KnowledgeBase:
    """The bundled knowledge base (cached: it is read-only once built)."""
    return KnowledgeBase.load()
