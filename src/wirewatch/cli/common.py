"""Shared CLI plumbing: the settings object, opening the store, mapping errors to exit codes."""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import WirewatchError
from ..settings import Settings
from ..store import Store

P = ParamSpec("P")
R = TypeVar("R")

console = Console(soft_wrap=True)  # messages stay one line in pipes and logs
err_console = Console(stderr=True, soft_wrap=True)


class State:
    """Options given before the command (``wirewatch -v --set k=v CMD``)."""

    overrides: dict[str, str] = {}


def settings() -> Settings:
    return Settings.load(State.overrides)


def db_path(db: Path | None) -> Path:
    return db if db is not None else settings().db


@contextmanager
def open_store(db: Path | None, *, readonly: bool = False) -> Iterator[Store]:
    store = Store(db_path(db), readonly=readonly)
    try:
        yield store
    finally:
        store.close()


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn wirewatch's errors into one line on stderr and exit code 1; Ctrl-C into exit 130."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except WirewatchError as exc:
            # escape: a message may hold brackets ("pip install 'wirewatch[parquet]'") that Rich
            # would otherwise read as markup and drop.
            err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, markup=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err_console.print("interrupted; the batch in progress was rolled back")
            raise typer.Exit(130) from None

    return wrapper


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def configure_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr, force=True
    )
