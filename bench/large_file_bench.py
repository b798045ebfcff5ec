"""Large-file benchmark (run on demand, prints figures; not a test).

    .venv/bin/python bench/large_file_bench.py [--mb 50] [--uncapped-chars N]

Generates invented report text at bench time (numbered sections, sentences with figures of a
few metrics, tab-separated tables) and measures, each case in a fresh child process so the peak
memory (max RSS) is its own:

- the file of ``--mb`` MB (default 50, the default size limit) through ``prepare_report`` with
  the default text limit: refused with one line — how long that takes and what it costs;
- a file just under the text limit (the largest report accepted): load, normalise, sections,
  chunks and facts (everything before embedding), with chunk and fact counts;
- with ``--uncapped-chars N``: N characters with the limit lifted, to see how work grows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout, not whichever one the venv points at

_METRICS = ("“三公”经费", "公务接待费", "人员经费", "项目支出", "基本支出")
_NUMERALS = "一二三四五六七八九十"


def write_report(path: Path, target_bytes: int, max_chars: int | None = None, seed: int = 7) -> int:
    """Invented report text of about ``target_bytes`` UTF-8 bytes (or fewer than ``max_chars``
    characters); returns characters written."""
    rng = random.Random(seed)
    chars = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("示例县示例局2023年度部门整体支出绩效自评报告\n")
        section = 0
        while out.tell() < target_bytes and (max_chars is None or chars < max_chars - 2000):
            section += 1
            lines = [f"{_NUMERALS[section % 10]}、第{section}部分 支出情况"]
            for sub in range(1, 4):
                lines.append(f"（{_NUMERALS[sub - 1]}）分项{sub}")
                for _ in range(3):
                    metric = rng.choice(_METRICS)
                    budget = rng.randint(100, 99999) / 100
                    final = rng.randint(100, 99999) / 100
                    lines.append(
                        f"2023年{metric}预算{budget:.2f}万元，决算{final:.2f}万元，"
                        f"主要用于保障单位正常运转和重点项目实施，执行情况良好。"
                    )
                lines.append("单位：万元")
                lines.append("项目\t预算数\t决算数")
                lines.append(f"人员经费\t{rng.randint(1, 9999)}.00\t{rng.randint(1, 9999)}.00")
            text = "\n".join(lines) + "\n"
            out.write(text)
            chars += len(text)
    return chars


def run_case(path: Path, max_chars: int) -> dict[str, object]:
    """prepare_report on one file; timings, counts and this process's peak memory."""
    from index.errors import LoadError
    from index.pipeline import prepare_report

    data = path.read_bytes()
    started = time.perf_counter()
    result: dict[str, object] = {"bytes": len(data)}
    try:
        prepared = prepare_report(path, data, {}, 160, 10**9, max_chars=max_chars)
        result |= {"chunks": len(prepared.chunks), "facts": len(prepared.facts)}
        result["chars"] = len(prepared.report.text)
    except LoadError as exc:
        result["refused"] = str(exc)
    result["seconds"] = round(time.perf_counter() - started, 2)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000, 1)
    return result


def _child(path: Path, max_chars: int) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--case", str(path), "--max-chars", str(max_chars)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="size of the large file (MB)")
    parser.add_argument("--uncapped-chars", type=int, default=0)
    parser.add_argument("--case", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--max-chars", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.max_chars), ensure_ascii=False))
        return

    from index.pipeline import DEFAULT_MAX_CHARS

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "large.txt"
        t0 = time.perf_counter()
        chars = write_report(big, int(args.mb * 1_000_000))
        print(
            f"generated {big.stat().st_size / 1e6:.1f} MB ({chars:,} characters) "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        print(f"{args.mb:g} MB file, default limit:", _child(big, DEFAULT_MAX_CHARS))
        under = Path(tmp) / "under.txt"
        write_report(under, 10**9, max_chars=DEFAULT_MAX_CHARS)
        print("just under the text limit:", _child(under, DEFAULT_MAX_CHARS))
        if args.uncapped_chars:
            sized = Path(tmp) / "uncapped.txt"
            write_report(sized, 10**10, max_chars=args.uncapped_chars)
            print(f"{args.uncapped_chars:,} chars, no limit:", _child(sized, 10**12))


if __name__ == "__main__":
    main()
