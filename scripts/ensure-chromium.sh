#!/usr/bin/env bash
# Makes sure a Chromium for the end-to-end tests exists: CHROMIUM_PATH, else Debian's
# /usr/bin/chromium, installed with apt-get when we are root and it is missing.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
  echo "Chromium: $CHROMIUM_PATH"
  exit 0
fi
if [ -x /usr/bin/chromium ]; then
  echo "Chromium: /usr/bin/chromium ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Chromium is missing: installing Debian's chromium package..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  echo "Chromium: /usr/bin/chromium ($(/usr/bin/chromium --version))"
  exit 0
fi
cat >&2 <<'MSG'
Chromium was not found. The end-to-end tests need it:
  - Debian/Ubuntu: sudo apt-get install chromium
  - elsewhere: set CHROMIUM_PATH to a Chromium or Chrome binary.
MSG
exit 1
