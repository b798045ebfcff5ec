#!/usr/bin/env bash
# Set up, index the reports (default: the bundled examples), then open the ask prompt.
# Usage: bash scripts/run.sh [REPORT_FOLDER_OR_FILES...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "$#" -eq 0 ]; then set -- examples/reports; fi
.venv/bin/report-assistant ingest "$@" || echo "(some files failed; see the lines above)"
.venv/bin/report-assistant reports
exec .venv/bin/report-assistant ask
