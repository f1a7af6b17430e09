#!/usr/bin/env bash
# Creates .venv with the pinned packages and the course's `helpers` package (called by `make setup`).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}

if ! command -v "$PYTHON" >/dev/null; then
  echo "error: $PYTHON not found. The course needs Python 3.11 (MXNet 1.9.1 has no wheels for 3.12+)." >&2
  echo "       Install Python 3.11, or run: make PYTHON=/path/to/python3.11 ..." >&2
  exit 1
fi
version=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ "$version" != "3.11" ]; then
  echo "error: $PYTHON is Python $version; the course needs 3.11 (see README, Troubleshooting)." >&2
  exit 1
fi

start=$(date +%s)
rm -f .venv/.installed
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
.venv/bin/python -m pip check
touch .venv/.installed
echo "Environment ready in .venv ($(( $(date +%s) - start )) s)."
