"""Export the coded events as a data set a researcher loads into R or pandas: CSV, JSON Lines or
Parquet, one row per canonical event (``level="events"``) or per coded event mention
(``level="mentions"``).

The columns are declared as data (:data:`EVENT_COLUMNS`, :data:`MENTION_COLUMNS`: name, kind, meaning),
so the Parquet schema, the CSV header and the docs (docs/events.md, "Export") come from one list.
Rows are built in one function (:func:`export_rows`) and written by another (:func:`write_rows`).
The file is written to a temporary file in the target's folder and renamed over it, so an
interrupted export never leaves half a file. Parquet needs pyarrow, an optional extra
(``pip install 'wirewatch[parquet]'``); CSV and JSON Lines need nothing beyond the standard library.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ExportError, QueryError
from .events.cameo import code_fields
from .events.plover import EVENT_TYPES, quad_class
from .events.queries import check_filters, list_events

__all__ = ["Column", "EVENT_COLUMNS", "MENTION_COLUMNS", "FORMATS", "LEVELS", "QUAD_CODES", "ExportReport",
           "export", "export_rows", "mentions_sql", "write_rows", "format_for", "columns_of", "require_pyarrow"]

FORMATS = ("csv", "jsonl", "parquet")
LEVELS = ("events", "mentions")

# GDELT's QuadClass numbering (1 verbal cooperation .. 4 material conflict).
QUAD_CODES = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3,
              "MATERIAL CONFLICT": 4}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    """``int``, ``float``, ``str``, ``bool``, ``list[str]`` or ``list[int]``."""
    help: str


_COMMON = (
    Column("type", "str", "PLOVER event type"),
    Column("mode", "str", "PLOVER mode, if any"),
    Column("contexts", "list[str]", "PLOVER contexts"),
    Column("cameo", "str", "CAMEO event code, 3 or 4 digits (0256, 173); 2 digits in stores coded "
                            "before codes came from the words"),
    Column("cameo_root", "str", "CAMEO root code (2 digits)"),
    Column("goldstein", "float", "Goldstein weight of the CAMEO code, -10..+10"),
    Column("penta", "int", "five-way class of the CAMEO code: 0 neutral (01-02), 1 verbal coop. (03-05), "
                           "2 material coop. (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20)"),
    Column("penta_class", "str", "the same as a name: NEUTRAL, VERBAL COOPERATION, ..."),
    Column("quad_class", "str", "PLOVER quad category of the type, e.g. VERBAL COOPERATION"),
    Column("quad_code", "int", "the same as GDELT numbers it: 1 verbal coop., 2 material coop., "
                               "3 verbal conflict, 4 material conflict"),
    Column("source_actors", "list[str]", "source actors, full codes (CHNGOV)"),
    Column("target_actors", "list[str]", "target actors, full codes"),
    Column("source_country", "str", "country/IGO code of the first source actor"),
    Column("source_sector", "str", "sector code of the first source actor"),
    Column("target_country", "str", "country/IGO code of the first target actor"),
    Column("target_sector", "str", "sector code of the first target actor"),
    Column("location", "str", "where, when the sentence says"),
    Column("location_code", "str", "country code of the location"),
)

EVENT_COLUMNS: tuple[Column, ...] = (
    Column("id", "int", "canonical event id (stable)"),
    Column("date", "str", "event date (YYYY-MM-DD), when known"),
    Column("date_hint", "str", "what the sentence said when no date could be resolved"),
    *_COMMON,
    Column("reports", "int", "distinct reports (near-duplicates count once)"),
    Column("outlets", "int", "distinct outlets"),
    Column("first_seen", "str", "earliest publication time of its reports"),
    Column("last_seen", "str", "latest publication time of its reports"),
    Column("snippet_ids", "list[int]", "the reports (snippet ids; `wirewatch show ID`)"),
    Column("evidence", "str", "the first report's sentence"),
    Column("url", "str", "URL of the first report, if it had one"),
)

MENTION_COLUMNS: tuple[Column, ...] = (
    Column("id", "int", "event mention id"),
    Column("canonical_event_id", "int", "the canonical event it reports (empty if negated or hypothetical)"),
    Column("snippet_id", "int", "the report it was coded from"),
    Column("outlets", "list[str]", "outlets that carried the report or a near-duplicate of it"),
    Column("published", "str", "earliest publication time of the report"),
    Column("url", "str", "URL of the report, if it had one"),
    Column("date", "str", "event date (YYYY-MM-DD), when the sentence gives one"),
    Column("date_text", "str", "the date as written"),
    Column("date_hint", "str", "what the sentence said when no date could be resolved"),
    *_COMMON,
    Column("sentence_start", "int", "character offset of the sentence in the snippet text"),
    Column("sentence_end", "int", "end offset of the sentence"),
    Column("evidence", "str", "the sentence"),
    Column("trigger", "str", "the word(s) coded as the event"),
    Column("trigger_start", "int", "character offset of the trigger in the snippet text"),
    Column("trigger_end", "int", "end offset of the trigger"),
    Column("confidence", "float", "coder confidence, 0..1"),
    Column("negated", "bool", "the sentence says it did not happen"),
    Column("hypothetical", "bool", "the sentence says it may, might or would happen"),
)


@dataclass
class ExportReport:
    path: Path
    format: str
    level: str
    rows: int

    def as_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "format": self.format, "level": self.level, "rows": self.rows}


def columns_of(level: str) -> tuple[Column, ...]:
    if level not in LEVELS:
        raise QueryError(f"unknown level {level!r}; one of {', '.join(LEVELS)}")
    return EVENT_COLUMNS if level == "events" else MENTION_COLUMNS


def format_for(path: Path, fmt: str | None = None) -> str:
    """``fmt`` if given, else the format the file name says (``.csv``, ``.jsonl``/``.ndjson``,
    ``.parquet``/``.pq``), else CSV."""
    if fmt is not None:
        if fmt.lower() not in FORMATS:
            raise QueryError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
        return fmt.lower()
    suffix = path.suffix.lower()
    return {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}.get(suffix, "csv")


def _quad(event_type: str) -> tuple[str | None, int | None]:
    if event_type not in EVENT_TYPES:
        return None, None
    name = quad_class(event_type)
    return name, QUAD_CODES[name]


def _first_actors(actors: Sequence[sqlite3.Row | dict[str, Any]]) -> dict[str, Any]:
    """GDELT-style single-actor columns: country and sector of the first source and target."""
    out: dict[str, Any] = {}
    for role in ("source", "target"):
        first = next((a for a in actors if a["role"] == role), None)
        out[f"{role}_country"] = (first["code"] or None) if first else None
        out[f"{role}_sector"] = (first["sector"] or None) if first else None
    return out


def _event_rows(db: sqlite3.Connection, actor: str | None, event_type: str | None,
                since: str | None) -> list[dict[str, Any]]:
    # LIMIT -1 is SQLite's "no limit"; the data set is ordered by id (stable, diff-friendly).
    events = sorted(list_events(db, actor=actor, event_type=event_type, since=since, limit=-1),
                    key=lambda e: e["id"])
    rows = []
    for e in events:
        first = db.execute("SELECT id, snippet_id FROM events WHERE canonical_event_id = ? ORDER BY id LIMIT 1",
                           (e["id"],)).fetchone()
        actors = db.execute("SELECT role, code, sector FROM event_actors WHERE event_id = ?"
                            " ORDER BY role, position", (first["id"],)).fetchall() if first else []
        url = db.execute(
            "SELECT o.url FROM occurrences o JOIN snippets s ON s.id = o.snippet_id"
            " WHERE s.canonical_id = (SELECT canonical_id FROM snippets WHERE id = ?)"
            " AND COALESCE(o.url, '') != '' ORDER BY o.snippet_id != ?, o.id LIMIT 1",
            (first["snippet_id"], first["snippet_id"])).fetchone() if first else None
        quad_name, quad_code = _quad(e["type"])
        rows.append({
            "id": e["id"], "date": e["date"], "date_hint": e["date_hint"], "type": e["type"],
            "mode": e["mode"], "contexts": e["contexts"], "cameo": e["cameo"], **code_fields(e["cameo"]),
            "goldstein": e["goldstein"],
            "quad_class": quad_name, "quad_code": quad_code,
            "source_actors": e["source"], "target_actors": e["target"], **_first_actors(actors),
            "location": e["location"], "location_code": e["location_code"],
            "reports": e["reports"], "outlets": e["outlets"], "first_seen": e["first_seen"],
            "last_seen": e["last_seen"], "snippet_ids": e["snippets"], "evidence": e["evidence"],
            "url": url[0] if url else None,
        })
    return rows


def mentions_sql(*, actor: str | None = None, event_type: str | None = None,
                 since: str | None = None) -> tuple[str, list[Any]]:
    """Every coded event mention (negated and hypothetical ones too), by id, with the filters of
    ``wirewatch events``: an actor code on either side, a PLOVER type, and a day on or after
    ``since`` (the mention's own date, else its report's publication date)."""
    where: list[str] = []
    params: list[Any] = []
    if actor:
        where.append("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id"
                     " AND (a.code = ? OR a.actor = ?))")
        params += [actor.upper(), actor.upper()]
    name = check_filters(event_type, since)
    if name:
        where.append("e.type = ?")
        params.append(name)
    if since:
        where.append("COALESCE(e.date, (SELECT SUBSTR(MIN(o.published), 1, 10) FROM occurrences o"
                     " WHERE o.snippet_id = e.snippet_id)) >= ?")
        params.append(since)
    sql = ("SELECT e.*, s.text AS snippet_text, s.canonical_id AS group_id,"
           " (SELECT MIN(o.published) FROM occurrences o WHERE o.snippet_id = e.snippet_id) AS published"
           " FROM events e JOIN snippets s ON s.id = e.snippet_id"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY e.id")
    return sql, params


def _mention_rows(db: sqlite3.Connection, actor: str | None, event_type: str | None,
                  since: str | None) -> list[dict[str, Any]]:
    sql, params = mentions_sql(actor=actor, event_type=event_type, since=since)
    mentions = db.execute(sql, params).fetchall()
    if not mentions:
        return []
    # sqlite3.Row: `in` tests values, keys() the column names. A store older than m004 has none.
    has_contexts = "contexts" in mentions[0].keys()  # noqa: SIM118
    actors: dict[int, list[sqlite3.Row]] = {}
    for a in db.execute("SELECT event_id, role, code, sector, actor FROM event_actors"
                        " ORDER BY event_id, role, position"):
        actors.setdefault(a["event_id"], []).append(a)
    # Outlets and URL per near-duplicate group: a repeat elsewhere adds an outlet (as in recount).
    outlets: dict[int, list[str]] = {}
    urls: dict[int, str] = {}
    for g in db.execute("SELECT s.canonical_id AS gid, o.outlet, o.url FROM occurrences o"
                        " JOIN snippets s ON s.id = o.snippet_id WHERE s.canonical_id IN"
                        " (SELECT s2.canonical_id FROM events e2 JOIN snippets s2 ON s2.id = e2.snippet_id)"
                        " ORDER BY o.id"):
        if g["outlet"] and g["outlet"] not in outlets.setdefault(g["gid"], []):
            outlets[g["gid"]].append(g["outlet"])
        if g["url"]:
            urls.setdefault(g["gid"], g["url"])
    rows = []
    for m in mentions:
        mine = actors.get(m["id"], [])
        quad_name, quad_code = _quad(m["type"])
        contexts = m["contexts"] if has_contexts else None
        rows.append({
            "id": m["id"], "canonical_event_id": m["canonical_event_id"], "snippet_id": m["snippet_id"],
            "outlets": outlets.get(m["group_id"], []), "published": m["published"],
            "url": urls.get(m["group_id"]), "date": m["date"], "date_text": m["date_text"],
            "date_hint": m["date_hint"], "type": m["type"], "mode": m["mode"],
            "contexts": json.loads(contexts) if contexts else [], "cameo": m["cameo"],
            **code_fields(m["cameo"]), "goldstein": m["goldstein"], "quad_class": quad_name, "quad_code": quad_code,
            "source_actors": [a["actor"] for a in mine if a["role"] == "source"],
            "target_actors": [a["actor"] for a in mine if a["role"] == "target"],
            **_first_actors(mine),
            "location": m["location"], "location_code": m["location_code"],
            "sentence_start": m["sentence_start"], "sentence_end": m["sentence_end"],
            "evidence": m["snippet_text"][m["sentence_start"]:m["sentence_end"]],
            "trigger": m["trigger"], "trigger_start": m["trigger_start"], "trigger_end": m["trigger_end"],
            "confidence": m["confidence"], "negated": bool(m["negated"]),
            "hypothetical": bool(m["hypothetical"]),
        })
    return rows


def export_rows(db: sqlite3.Connection, *, level: str = "events", actor: str | None = None,
                event_type: str | None = None, since: str | None = None) -> list[dict[str, Any]]:
    """The rows of an export, as dicts keyed by the level's column names (lists as lists)."""
    columns_of(level)
    check_filters(event_type, since)
    if level == "events":
        return _event_rows(db, actor, event_type, since)
    return _mention_rows(db, actor, event_type, since)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


def _arrow_schema(columns: Sequence[Column]) -> Any:
    import pyarrow as pa

    kinds = {"int": pa.int64(), "float": pa.float64(), "str": pa.string(), "bool": pa.bool_(),
             "list[str]": pa.list_(pa.string()), "list[int]": pa.list_(pa.int64())}
    return pa.schema([(c.name, kinds[c.kind]) for c in columns])


def require_pyarrow() -> None:
    """Raise :class:`ExportError` naming the extra to install if pyarrow is missing."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise ExportError("Parquet export needs pyarrow, an optional extra: "
                          "pip install 'wirewatch[parquet]' (or choose --format csv or jsonl)") from None


def write_rows(rows: Sequence[dict[str, Any]], columns: Sequence[Column], path: Path, fmt: str, *,
               force: bool = False) -> int:
    """Write ``rows`` to ``path`` atomically (a temporary file in the same folder, renamed over
    it). Refuses an existing file unless ``force``. Returns the number of rows written."""
    fmt = format_for(path, fmt)
    if fmt == "parquet":
        require_pyarrow()
    if path.exists() and not force:
        raise ExportError(f"{path} exists; pass --force to overwrite it")
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    names = [c.name for c in columns]
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        if fmt == "parquet":
            os.close(fd)
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pylist([{n: r.get(n) for n in names} for r in rows],
                                         schema=_arrow_schema(columns))
            pq.write_table(table, tmp)
        else:
            with open(fd, "w", encoding="utf-8", newline="") as out:
                if fmt == "csv":
                    writer = csv.writer(out)
                    writer.writerow(names)
                    for r in rows:
                        writer.writerow([_csv_cell(r.get(n)) for n in names])
                else:
                    for r in rows:
                        out.write(json.dumps({n: r.get(n) for n in names}, ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return len(rows)


def export(db: sqlite3.Connection, path: Path, *, fmt: str | None = None, level: str = "events",
           actor: str | None = None, event_type: str | None = None, since: str | None = None,
           force: bool = False) -> ExportReport:
    """Export the store's events (``level="events"``) or event mentions (``"mentions"``) to
    ``path`` as CSV, JSON Lines or Parquet (``fmt``; default: from the file name, else CSV)."""
    fmt = format_for(path, fmt)
    columns = columns_of(level)
    if fmt == "parquet":
        require_pyarrow()  # before the query: fail fast
    if path.exists() and not force:
        raise ExportError(f"{path} exists; pass --force to overwrite it")
    rows = export_rows(db, level=level, actor=actor, event_type=event_type, since=since)
    n = write_rows(rows, columns, path, fmt, force=force)
    return ExportReport(path=path, format=fmt, level=level, rows=n)
