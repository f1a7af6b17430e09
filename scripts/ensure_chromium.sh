#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright cannot download browsers offline).
# Installs it with apt-get when missing and we may; otherwise says how.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  echo "note: /usr/bin/chromium is missing; the browser tests will fail until you run" >&2
  echo "      sudo apt-get install chromium fonts-dejavu-core" >&2
fi
