#!/usr/bin/env bash
# Set-up command 1: make a virtualenv, install wirewatch (pinned), ingest the bundled sample corpus
# into an embedded SQLite file (wirewatch-demo.db) and print a brief of it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/wirewatch demo "$@"
