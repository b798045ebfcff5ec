"""Calibrating the refusal threshold (run on demand, prints figures; not a test).

    REPORT_ASSISTANT_DATA_DIR=… .venv/bin/python bench/refusal_calibration.py QA.jsonl [QA.jsonl …]

For every single-question item of the QA files it asks the indexed data dir and prints the best
candidate's weighted term coverage (``meta["coverage"]`` of the offline answer), split into
items the gold says are answerable and the ``unanswerable`` ones, with the share of each kind
kept or refused at a range of thresholds. ``assistant.candidates.MIN_COVERAGE`` is set where
refusing more answerable items stops buying refusals of unanswerable ones.

Measured 2026-11-30 (dev_qa + dev2_tune, seeds + synthetic + synthetic2 indexed), answerable
kept / unanswerable refused: 0.4 → 133/156, 4/11; 0.5 → 131/156, 7/11; 0.6 → 126/156, 7/11;
0.7 → 125/156, 8/11. Chosen: 0.5.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout, not the install


def main(argv: list[str]) -> None:
    from assistant.factory import build_service
    from assistant.settings import load_settings
    from evaluation.runner import load_items

    service = build_service(load_settings())
    answerable: list[float] = []
    unanswerable: list[float] = []
    for path in argv:
        for item in load_items(Path(path)):
            if "question" not in item or item.get("kind") in ("locate", "compare"):
                continue
            coverage = service.ask(item["question"]).meta.get("coverage")
            if coverage is None:  # refused before evidence was scored (unknown name, year …)
                continue
            side = unanswerable if item.get("kind") == "unanswerable" else answerable
            side.append(coverage)
    print(f"answerable items: {len(answerable)}, unanswerable items: {len(unanswerable)}")
    print(f"{'threshold':>9} {'answerable kept':>16} {'unanswerable refused':>21}")
    for step in range(0, 11):
        t = step / 10
        kept = sum(c >= t for c in answerable)
        refused = sum(c < t for c in unanswerable)
        print(f"{t:>9.1f} {kept:>10}/{len(answerable):<5} {refused:>14}/{len(unanswerable):<5}")
    print("unanswerable coverages:", sorted(round(c, 2) for c in unanswerable))


if __name__ == "__main__":
    main(sys.argv[1:])
