#!/bin/bash
# one.sh TAG SET [REPO] — one set's total
TAG=$1; S=$2; REPO=${3:-/work/main}
GOLD=/work/evalsplit/$S/gold.jsonl; [ -f $GOLD ] || GOLD=/work/evalsplit/$S.jsonl
IDX=/work/idx/$S; case $S in dev2t|blind) IDX=/work/idx/dev;; esac
(cd $REPO && /work/main/.venv/bin/python -m cli --data-dir $IDX eval $GOLD --answers /work/evout/$TAG-$S.jsonl > /dev/null 2>&1)
python3 /work/shared/eval/score.py $GOLD /work/evout/$TAG-$S.jsonl | grep -E "^overall"
python3 /work/shared/eval/score.py $GOLD /work/evout/$TAG-$S.jsonl --details | grep "^FAIL" > /work/evout/$TAG-$S.details.txt
