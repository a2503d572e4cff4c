"""The web app and JSON API over a wirewatch store (``wirewatch serve``).

Every page has a JSON twin under ``/api/`` built from the same dict (:mod:`.data`); the HTML views
only render those dicts (:mod:`.views`). See ``docs/web.md``.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
