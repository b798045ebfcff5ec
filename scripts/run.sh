#!/usr/bin/env bash
# Set up, index the given reports (none given: the bundled examples, into an empty library
# only; an existing library is left as it is), then serve the web app on
# http://127.0.0.1:7860. Usage: bash scripts/run.sh [REPORT_FOLDER_OR_FILES...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/report-assistant serve "$@"
