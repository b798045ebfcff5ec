#!/usr/bin/env bash
# Set up, then lint and run the whole test suite; then run the store-facing integration tests
# (ingest, ask, HTTP API) again against a real Chroma server (`chroma run`, shipped with
# chromadb) to check the server mode (SKIP_CHROMA_SERVER=1 skips that). Extra arguments go to
# the first pytest run.
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
if [ "${SKIP_CHROMA_SERVER:-}" = "1" ]; then exit 0; fi

echo "==> again against a Chroma server (chroma run)"
chroma_dir="$(mktemp -d)"
port="$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
.venv/bin/chroma run --path "$chroma_dir" --host 127.0.0.1 --port "$port" >"$chroma_dir.log" 2>&1 &
chroma_pid=$!
trap 'kill "$chroma_pid" 2>/dev/null || true; wait "$chroma_pid" 2>/dev/null || true; rm -rf "$chroma_dir" "$chroma_dir.log"' EXIT
for _ in $(seq 1 120); do
  if .venv/bin/python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/api/v2/heartbeat', timeout=1)" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$chroma_pid" 2>/dev/null; then
    cat "$chroma_dir.log"; echo "chroma server did not start"; exit 1
  fi
  sleep 0.5
done
TEST_CHROMA_SERVER="127.0.0.1:$port" .venv/bin/python -m pytest -q \
  tests/assistant/test_ingest_behaviour.py tests/assistant/test_ask.py \
  tests/assistant/test_service_api.py tests/api
