#!/usr/bin/env bash
# Set up, then lint and run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The browser tests drive Debian's Chromium with Playwright (never `playwright install`).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing chromium and chromium-driver (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      chromium chromium-driver fonts-wqy-zenhei >/dev/null
  else
    echo "==> chromium not found and cannot be installed here: browser tests will be skipped"
  fi
fi
# The OCR tests draw a scanned page with a CJK font (skipped without one).
if ! fc-list :lang=zh 2>/dev/null | grep -q . ; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing fonts-wqy-zenhei (apt-get) for the OCR tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      fontconfig fonts-wqy-zenhei >/dev/null || echo "==> no CJK font: OCR tests will be skipped"
  fi
fi
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
