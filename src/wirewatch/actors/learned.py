"""Learned aliases: people the knowledge base does not know, learned from how reports name them.

When a report says "Armenian Prime Minister Nikol Pashinyan" (a country word, an office title and a
name the knowledge base does not know, or knows with no office at that date), the resolver composes
ARM GOV for the phrase and proposes to learn "Nikol Pashinyan" and the surname "Pashinyan" as ARM
GOV from the report's date. The annotate stage stores what it learns (table ``learned_aliases``,
inside the batch's transaction, so a failed batch learns nothing), and later batches resolve a bare
"Pashinyan" with ``via = "learned"``. The dictionaries that go stale are the oldest complaint about
event data; this is the answer.

Safety rules (see :class:`LearnedAliases`): learned only from the explicit "<country> <title>
<Name>" and "<Name>, <country> <title>" patterns; never over a knowledge-base entry valid at that
date; a surname two learned people share (or one learned for two countries) is not used alone; an
alias applies only to reports dated on or after the report it was learned from.

The core here is pure (an index over rows, given to the resolver); the store functions at the end
are what the stage and the CLI call.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import NotFoundError
from .kb import KnowledgeBase, Resolved

__all__ = ["LearnedAlias", "LearnedAliases", "PERSON_TITLES", "kb_blocks", "load_learned", "save_learned",
           "list_learned", "forget_learned"]

log = logging.getLogger(__name__)

# The last word of a knowledge-base sector phrase that titles one person ("Prime Minister",
# "Foreign Ministry spokesperson"): only these teach a name. A collective ("troops", "officials")
# or a body ("ministry") followed by a capitalised word is not a person's name.
PERSON_TITLES = frozenset({
    "minister", "president", "premier", "chancellor", "spokesman", "spokeswoman", "spokesperson",
    "secretary", "governor", "ambassador", "envoy", "commander", "general", "king", "queen", "emir",
    "sultan", "prince", "senator", "lawmaker", "mayor", "chief", "leader", "negotiator", "official",
    "judge", "prosecutor", "admiral", "colonel", "vice-president", "vice president",
})
# Titles that describe a person's past or standing, not the office they hold at the date.
_NOT_OFFICE_SECTORS = frozenset({"ELI"})


@dataclass(frozen=True)
class LearnedAlias:
    """One learned phrase -> actor, from one report."""

    alias: str
    """The phrase as written: the full name, or its surname."""
    name: str
    """The full name it was learned with ("Nikol Pashinyan")."""
    code: str
    sector: str | None
    valid_from: date | None
    """The report's date (publication, else ingest day); None only before the stage fills it."""
    snippet_id: Any = None
    sentence: str = ""
    """The sentence it was learned from (evidence for ``wirewatch actors learned``)."""

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(self.alias.split())


class LearnedAliases:
    """An index of learned aliases for the resolver: token tuple -> the actor at a date.

    Immutable once built; ``LearnedAliases(())`` is the empty index (no store, or nothing learned)."""

    def __init__(self, rows: Iterable[LearnedAlias]) -> None:
        self.rows = tuple(rows)
        by_tokens: dict[tuple[str, ...], list[LearnedAlias]] = {}
        for row in self.rows:
            by_tokens.setdefault(row.tokens, []).append(row)
        # A one-word alias (a surname) is ambiguous when it was learned for two countries, or two
        # different learned full names end with it ("Sargsyan" for Armen and for Serzh Sargsyan).
        full_names: dict[str, set[str]] = {}
        for row in self.rows:
            parts = row.name.split()
            if len(parts) > 1:
                full_names.setdefault(parts[-1], set()).add(row.name)
        self.ambiguous = frozenset(
            key for key, rows_ in by_tokens.items() if len(key) == 1 and (
                len({r.code for r in rows_}) > 1 or len(full_names.get(key[0], ())) > 1))
        self._by_tokens = {k: tuple(v) for k, v in by_tokens.items() if k not in self.ambiguous}
        self.max_tokens = max((len(k) for k in self._by_tokens), default=0)
        self.first_words = frozenset(k[0] for k in self._by_tokens)

    def __bool__(self) -> bool:
        return bool(self._by_tokens)

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, tokens: Sequence[str], when: date | None) -> LearnedAlias | None:
        """The learned actor for these tokens at ``when``: one valid at that date (learned from a
        report dated on or before it), else None. An undated report is read now, after the
        learning, so every learned alias applies to it."""
        rows = self._by_tokens.get(tuple(tokens))
        if not rows:
            return None
        valid = [r for r in rows if when is None or r.valid_from is None or r.valid_from <= when]
        if len({r.code for r in valid}) != 1:
            return None
        return min(valid, key=lambda r: r.valid_from or date.min)

    def resolved(self, tokens: Sequence[str], when: date | None) -> Resolved | None:
        hit = self.get(tokens, when)
        return Resolved(hit.code, hit.sector, None) if hit else None


EMPTY = LearnedAliases(())


def kb_blocks(kb: KnowledgeBase, phrase: str, when: date | None) -> bool:
    """Whether the knowledge base already says what ``phrase`` is at ``when``: any entry that is not
    a person (a country, an organisation, a sector word), or a person in office at that date (or,
    with no date, known at all). A person the knowledge base knows only out of office there does
    not block: "knows him, but not in this office" is what learning is for."""
    for entry in kb.entries(phrase):
        if entry.kind != "person" or not entry.terms:
            return True
        if when is None or any(t.covers(when) for t in entry.terms):
            return True
    return False


# -- store -----------------------------------------------------------------------------------------

_COLUMNS = "alias, name, code, sector, valid_from, snippet_id, sentence, learned_at, batch_id"


def _row(r: sqlite3.Row | tuple[Any, ...]) -> LearnedAlias:
    return LearnedAlias(str(r[0]), str(r[1]), str(r[2]), r[3], date.fromisoformat(r[4]) if r[4] else None,
                        r[5], r[6] or "")


def load_learned(db: sqlite3.Connection, *, other_than_batch: int | None = None) -> LearnedAliases:
    """The learned aliases in use (not forgotten). ``other_than_batch`` leaves out what that batch
    learned, so one batch's stages all resolve with the same aliases, learned before it."""
    sql = f"SELECT {_COLUMNS} FROM learned_aliases WHERE forgotten_at IS NULL"
    args: tuple[Any, ...] = ()
    if other_than_batch is not None:
        sql += " AND batch_id != ?"
        args = (other_than_batch,)
    return LearnedAliases(_row(r) for r in db.execute(sql + " ORDER BY id", args))


def save_learned(db: sqlite3.Connection, learned: Iterable[LearnedAlias], *, batch_id: int, now: str) -> int:
    """Store learned aliases (inside the caller's transaction). One row per (alias, code): a
    report dated earlier than the stored one moves its date back (and becomes its evidence); a
    forgotten alias stays forgotten. Returns how many rows were added or moved."""
    rows = sorted(learned, key=lambda r: (r.valid_from or date.max, str(r.snippet_id)))
    changed = 0
    for r in rows:
        cur = db.execute(
            f"INSERT INTO learned_aliases({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(alias, code) DO UPDATE SET valid_from = excluded.valid_from,"
            " name = excluded.name, sector = excluded.sector, snippet_id = excluded.snippet_id,"
            " sentence = excluded.sentence, learned_at = excluded.learned_at, batch_id = excluded.batch_id"
            " WHERE learned_aliases.forgotten_at IS NULL AND excluded.valid_from < learned_aliases.valid_from",
            (r.alias, r.name, r.code, r.sector, r.valid_from.isoformat() if r.valid_from else None,
             r.snippet_id, r.sentence, now, batch_id),
        )
        changed += cur.rowcount
    if changed:
        log.info("learned %d actor aliases", changed)
    return changed


def list_learned(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """What was learned, for ``wirewatch actors learned``: oldest first."""
    out = []
    for r in db.execute(
            "SELECT alias, name, code, sector, valid_from, snippet_id, sentence, learned_at, batch_id"
            " FROM learned_aliases WHERE forgotten_at IS NULL ORDER BY valid_from, alias"):
        out.append({"alias": r[0], "name": r[1], "actor": str(r[2]) + (r[3] or ""), "code": r[2],
                    "sector": r[3], "valid_from": r[4], "snippet_id": r[5], "sentence": r[6],
                    "learned_at": r[7], "batch_id": r[8]})
    return out


def forget_learned(db: sqlite3.Connection, alias: str, *, code: str | None, now: str) -> int:
    """Forget a learned alias (and the surname learned with a full name): later batches no longer
    use it and never learn it again; events already coded keep their actors. ``code`` (a country
    code, "ARM", or an actor, "ARMGOV") narrows it to one actor. Returns how many rows it dropped;
    raises :class:`NotFoundError` if none matched."""
    alias = " ".join(alias.split())
    sql = "UPDATE learned_aliases SET forgotten_at = ? WHERE forgotten_at IS NULL AND (alias = ? OR name = ?)"
    args: list[Any] = [now, alias, alias]
    if code:
        sql += " AND (code = ? OR code || COALESCE(sector, '') = ?)"
        args += [code.upper(), code.upper()]
    n = db.execute(sql, args).rowcount
    if n == 0:
        known = [r[0] for r in db.execute("SELECT DISTINCT alias FROM learned_aliases WHERE forgotten_at IS NULL"
                                          " ORDER BY alias LIMIT 8")]
        hint = f"learned aliases include: {', '.join(known)}" if known else "nothing has been learned yet"
        raise NotFoundError(f"no learned alias {alias!r}" + (f" for {code}" if code else "")
                            + f" ({hint}; see `wirewatch actors learned`)")
    return int(n)
