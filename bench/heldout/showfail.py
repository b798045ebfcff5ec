#!/usr/bin/env python3
"""showfail.py TAG SET ID... — question, gold figures and our answer of opened items (refuses
the blind split and held-out sets)."""

import json
import sys
from pathlib import Path

SPLIT = Path("/work/evalsplit")
GOLD = {"dev": Path("/work/shared/eval/dev_qa.jsonl"), "dev2t": SPLIT / "dev2t.jsonl"}


def _items(path: Path) -> dict[str, dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {item["id"]: item for item in map(json.loads, filter(str.strip, lines))}


def main() -> None:
    tag, name, ids = sys.argv[1], sys.argv[2], sys.argv[3:]
    held = SPLIT / "HELD"
    if name == "blind" or (held.exists() and name in held.read_text().split()):
        sys.exit(f"{name} is held out")
    gold = _items(GOLD.get(name, SPLIT / name / "gold.jsonl"))
    answers = _items(Path(f"/work/evout/{tag}-{name}.jsonl"))
    for item_id in ids:
        item, answer = gold[item_id], answers.get(item_id, {})
        print("=" * 80)
        print(item_id, item["kind"], item.get("turns") or item["question"])
        print(
            "GOLD:", item["answer"], "| numbers", item.get("numbers"), item.get("numbers_derived")
        )
        print("OURS:", answer.get("answer", "")[:900])
        cited = [(c.get("file"), c.get("text", "")[:80]) for c in answer.get("citations", [])[:3]]
        print("cites:", cited)


if __name__ == "__main__":
    main()
