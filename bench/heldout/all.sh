#!/bin/bash
# all.sh TAG — run eval on every set; env REPO (default /work/main), IDXSUF, ONLY_DEV=1, ONLY_OPEN=1 with OPEN_SETS
TAG=$1; REPO=${REPO:-/work/main}; PY=/work/main/.venv/bin/python
SETS="dev dev2t blind"
if [ -z "$ONLY_DEV" ]; then
  if [ -n "$ONLY_OPEN" ]; then SETS="$SETS $OPEN_SETS"; else SETS="$SETS $(cd /work/evalsplit; ls -d hold* 2>/dev/null | tr '\n' ' ')"; fi
fi
for S in $SETS; do
  case $S in
    dev) GOLD=/work/shared/eval/dev_qa.jsonl; IDX=/work/idx/dev$IDXSUF;;
    dev2t) GOLD=/work/evalsplit/dev2t.jsonl; IDX=/work/idx/dev$IDXSUF;;
    blind) GOLD=/work/evalsplit/blind.jsonl; IDX=/work/idx/dev$IDXSUF;;
    *) GOLD=/work/evalsplit/$S/gold.jsonl; IDX=/work/idx/$S$IDXSUF; [ -f $GOLD ] || continue;;
  esac
  OUT=/work/evout/$TAG-$S.jsonl
  (cd $REPO && $PY -m cli --data-dir $IDX eval $GOLD --answers $OUT > /work/evout/$TAG-$S.eval.txt 2>&1)
  python3 /work/shared/eval/score.py $GOLD $OUT > /work/evout/$TAG-$S.score.txt 2>&1
  python3 /work/shared/eval/score.py $GOLD $OUT --details 2>&1 | grep -i "fail" > /work/evout/$TAG-$S.details.txt
  echo "$S: $(grep -E "^overall" /work/evout/$TAG-$S.score.txt | tr '\n' ' ') $(grep -o "unsupported money figures in answers: [0-9]*" /work/evout/$TAG-$S.score.txt)"
done
