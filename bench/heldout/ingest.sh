#!/bin/bash
# ingest.sh NAME DIR... [REPO env] — build /work/idx/NAME$IDXSUF
N=$1; shift; REPO=${REPO:-/work/main}
cd $REPO && /work/main/.venv/bin/python -m cli --data-dir /work/idx/$N$IDXSUF ingest "$@" 2>&1 | grep -v "it/s\|%|" | tail -15
