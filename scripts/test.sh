#!/usr/bin/env bash
# Set-up command 2: install what the tests need (pinned Python packages; Debian's chromium for the
# browser tests, when this machine lets us install it) and run the whole suite: lint, types, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh "[test]"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "could not install chromium; browser tests will be skipped"
  else
    echo "chromium missing and not root: browser tests will be skipped (sudo apt-get install chromium)"
  fi
fi
.venv/bin/ruff check src tests bench eval
.venv/bin/mypy
.venv/bin/python -m pytest -q "$@"
