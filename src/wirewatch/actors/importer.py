"""Import CAMEO / Phoenix (TABARI / PETRARCH) actor and agent dictionaries into the store.

The format event-data users already have::

    VLADIMIR_PUTIN_                  # an entry: words joined by "_"
    +PRESIDENT_PUTIN_                # a synonym of the entry above
        [RUSGOV >20080508]           # a code, optionally date-restricted (>start, <end, start-end)
    THE_UNITED_NATIONS_ [IGOUNO]     # code on the same line
    !MINIST! = MINISTER, MINISTRY    # agents: a substitution set, used as !MINIST! in phrases
    FARMER [~AGR]                    # agents: a sector code (no country)
    CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]   # agents: explicit plural(s)

Entries land in the ``user_actor_dictionary`` table; :func:`dictionary_entries` turns them into
knowledge-base entries, which the resolver matches case-insensitively beside the bundled base (the
bundled office holders and organisations win where both know a phrase).
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..store import utcnow
from .kb import INTERNATIONAL, Entry, Term, split_cameo_code

__all__ = ["DictEntry", "parse_dictionary", "import_dictionaries", "dictionary_entries", "ImportReport"]

log = logging.getLogger(__name__)

_CODE = re.compile(r"\[([^\]]*)\]")
_BRACES = re.compile(r"\{([^}]*)\}")
_SUBST = re.compile(r"^!(\w+)!\s*=\s*(.+)$")
_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "UAF", "PRM", "OPP", "PTY", "ELI", "BUS",
            "MED", "CVL", "REF", "EDU", "HLH", "LAB", "AGR", "REL", "CRM", "HRI", "ENV", "DEV", "IGO", "NGO",
            "MNC", "SEP", "INS", "RAD", "MOD", "UIS", "JEW", "CHR", "MOS", "BUD", "HIN", "ATH", "CON"}


@dataclass(frozen=True)
class DictEntry:
    phrase: str
    code: str | None
    sector: str | None
    org: str | None
    start: date | None
    end: date | None
    kind: str
    """actor or agent."""


@dataclass
class ImportReport:
    files: int = 0
    entries: int = 0
    added: int = 0
    skipped_lines: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"files": self.files, "entries": self.entries, "added": self.added,
                "skipped_lines": self.skipped_lines}


def _cameo_date(raw: str) -> date | None:
    raw = raw.strip()
    try:
        if len(raw) == 8:
            return date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
        if len(raw) == 6:
            # Two-digit years: CountryInfo spans the 20th and 21st centuries; 30 is the pivot.
            yy = int(raw[:2])
            return date(1900 + yy if yy >= 30 else 2000 + yy, int(raw[2:4]), int(raw[4:6]))
    except ValueError:
        return None
    return None


def _parse_code(body: str) -> tuple[str, date | None, date | None] | None:
    parts = body.split()
    if not parts or parts[0].startswith("---"):
        return None
    code, start, end = parts[0], None, None
    if len(parts) > 1:
        restriction = parts[1]
        if restriction.startswith(">"):
            start = _cameo_date(restriction[1:])
        elif restriction.startswith("<"):
            end = _cameo_date(restriction[1:])
        elif "-" in restriction:
            a, _, b = restriction.partition("-")
            start, end = _cameo_date(a), _cameo_date(b)
    return code, start, end


def _phrase(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split()).strip()


def _plural(phrase: str) -> str:
    words = phrase.split()
    last = words[-1]
    if last.endswith(("S", "SH", "CH", "X")):
        last += "ES"
    elif last.endswith("Y") and last[-2:-1] not in "AEIOU":
        last = last[:-1] + "IES"
    else:
        last += "S"
    return " ".join([*words[:-1], last])


def parse_dictionary(path: Path) -> Iterator[DictEntry]:
    """Yield entries of one actor or agent file. Unreadable lines are logged and skipped."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror}); check the path") from None
    subst: dict[str, list[str]] = {}
    phrases: list[str] = []
    codes: list[tuple[str, date | None, date | None]] = []
    kind = "actor"

    def flush() -> Iterator[DictEntry]:
        for raw_code, start, end in codes:
            if raw_code.startswith("~"):
                code, sector, org = split_cameo_code(raw_code)
                entry_kind = "agent"
            elif raw_code[:3] in _SECTORS and raw_code[:3] not in INTERNATIONAL:
                code, sector, org = None, raw_code[:3], None
                entry_kind = "agent"
            else:
                code, sector, org = split_cameo_code(raw_code)
                entry_kind = kind
            for p in phrases:
                yield DictEntry(p, code, sector, org, start, end, entry_kind)

    for line in lines:
        text = line.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        m = _SUBST.match(text.strip())
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        stripped = text.strip()
        found = [_parse_code(c) for c in _CODE.findall(stripped)]
        found_codes = [c for c in found if c is not None]
        head = _CODE.sub("", _BRACES.sub("", stripped)).strip()
        if stripped.startswith("["):
            codes.extend(found_codes)
            continue
        if stripped.startswith("+"):
            phrases.extend(_expand(_phrase(head[1:]), subst))
            codes.extend(found_codes)
            continue
        # A new entry: flush the previous one.
        yield from flush()
        kind = "agent" if any(c[0].startswith("~") for c in found_codes) else "actor"
        phrases = _expand(_phrase(head), subst)
        braces = _BRACES.search(stripped)
        if kind == "agent" and phrases:
            if braces is None:
                phrases = phrases + [_plural(p) for p in phrases]
            elif braces.group(1).strip():
                phrases = phrases + [_phrase(b) for b in braces.group(1).split(",") if b.strip()]
        codes = list(found_codes)
    yield from flush()


def _expand(phrase: str, subst: dict[str, list[str]]) -> list[str]:
    if not phrase:
        return []
    m = re.search(r"!(\w+)!", phrase)
    if not m or m.group(1) not in subst:
        return [phrase.replace("!", "")]
    out: list[str] = []
    for word in subst[m.group(1)]:
        # "BUSINESS!PERSON!" is BUSINESSMAN: the set's words are spliced in, not spaced.
        out.extend(_expand(" ".join(phrase.replace(m.group(0), word).split()), subst))
    return out


def import_dictionaries(db: sqlite3.Connection, paths: list[Path]) -> ImportReport:
    """Parse ``paths`` and store their entries (inside the caller's transaction). Re-importing the
    same file adds nothing."""
    report = ImportReport()
    now = utcnow()
    for path in paths:
        if not path.is_file():
            raise InputError(str(path), "no such file; pass Phoenix/CAMEO .actors or agents .txt files")
        report.files += 1
        before = db.execute("SELECT COUNT(*) FROM user_actor_dictionary").fetchone()[0]
        rows = []
        for e in parse_dictionary(path):
            report.entries += 1
            rows.append((e.phrase, e.code, e.sector, e.org,
                         e.start.isoformat() if e.start else None, e.end.isoformat() if e.end else None,
                         e.kind, path.name, now))
        db.executemany(
            "INSERT OR IGNORE INTO user_actor_dictionary(phrase, code, sector, org, start, end, kind,"
            " source_file, imported_at) VALUES (?,?,?,?,?,?,?,?,?)",
            rows,
        )
        added = db.execute("SELECT COUNT(*) FROM user_actor_dictionary").fetchone()[0] - before
        report.added += added
        log.info("imported %s: %d entries, %d new", path.name, len(rows), added)
    return report


def dictionary_fingerprint(db: sqlite3.Connection) -> tuple[int, int]:
    """Changes whenever entries are added (used to cache the extended knowledge base)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'user_actor_dictionary'").fetchone():
        return (0, 0)
    row = db.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM user_actor_dictionary").fetchone()
    return int(row[0]), int(row[1])


def dictionary_entries(db: sqlite3.Connection) -> list[tuple[str, Entry]]:
    """The stored dictionary as (phrase, knowledge-base entry) pairs: dated codes become terms."""
    if dictionary_fingerprint(db)[0] == 0:
        return []
    grouped: dict[str, list[sqlite3.Row | tuple[object, ...]]] = {}
    for row in db.execute("SELECT phrase, code, sector, org, start, end, kind FROM user_actor_dictionary"
                          " ORDER BY id"):
        grouped.setdefault(str(row[0]), []).append(tuple(row))
    out: list[tuple[str, Entry]] = []
    for phrase, rows in grouped.items():
        actors = [r for r in rows if r[6] == "actor" or r[1]]
        agents = [r for r in rows if not (r[6] == "actor" or r[1])]
        if actors:
            terms = tuple(
                Term(str(r[1]) if r[1] else "", str(r[2]) if r[2] else None,
                     date.fromisoformat(str(r[4])) if r[4] else None,
                     date.fromisoformat(str(r[5])) if r[5] else None, org=str(r[3]) if r[3] else None)
                for r in actors
            )
            if len(terms) == 1 and terms[0].start is None and terms[0].end is None:
                t = terms[0]
                out.append((phrase, Entry("dictionary", phrase, code=t.code or None, sector=t.sector,
                                          org=t.org, source="dictionary")))
            else:
                out.append((phrase, Entry("dictionary", phrase, terms=terms, source="dictionary")))
        for r in agents[:1]:
            out.append((phrase, Entry("sector", phrase, sector=str(r[2]) if r[2] else None,
                                      source="dictionary")))
    return out
