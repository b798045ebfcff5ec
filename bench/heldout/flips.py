#!/usr/bin/env python3
"""flips.py OLD NEW [SETS] — items that changed pass/fail between two tags. Held-out sets
(listed in /work/evalsplit/HELD) and the blind split print counts only."""

import sys
from pathlib import Path

SPLIT = Path("/work/evalsplit")
OUT = Path("/work/evout")


def _held() -> set[str]:
    listed = SPLIT / "HELD"
    return set(listed.read_text().split()) if listed.exists() else set()


def _fails(tag: str, name: str) -> set[str] | None:
    details = OUT / f"{tag}-{name}.details.txt"
    if not details.exists():
        return None
    lines = details.read_text(encoding="utf-8").splitlines()
    return {line.split()[1] for line in lines if line.startswith("FAIL")}


def main() -> None:
    old, new = sys.argv[1], sys.argv[2]
    if len(sys.argv) > 3:
        sets = sys.argv[3].split(",")
    else:
        held_sets = sorted(d.name for d in SPLIT.glob("hold*") if d.is_dir())
        sets = ["dev", "dev2t", "blind", *held_sets]
    held = _held()
    for name in sets:
        before, after = _fails(old, name), _fails(new, name)
        if before is None or after is None:
            continue
        fixed, broke = sorted(before - after), sorted(after - before)
        if name in held or name == "blind":
            print(f"{name}: fixed {len(fixed)} broke {len(broke)}")
        else:
            print(f"{name}: fixed {fixed} broke {broke}")


if __name__ == "__main__":
    main()
