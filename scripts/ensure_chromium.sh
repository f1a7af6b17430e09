#!/usr/bin/env bash
# Called by `make test` (never by `make lab`): makes sure the browser tests have a Chromium.
# Looks for one as the tests do (tests/browsers.py). With none: as root on Debian/Ubuntu, installs the
# system's chromium (a convenience for CI and containers); otherwise prints how to get one and carries
# on: the browser tests are then skipped (or fail under CI) with the same advice.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
if "$PY" -c 'import sys; sys.path.insert(0, "tests"); from browsers import find_browser; sys.exit(find_browser() is None)'
then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing the system's chromium for the browser tests (running as root)..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  echo "note: no Chromium or Chrome found; the browser tests will be skipped. To run them:" >&2
  echo "      $PY -m playwright install chromium     (or your system's chromium package)" >&2
fi
