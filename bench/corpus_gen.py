"""Write N realistic reports into a folder by varying the development reports (bench only).

    .venv/bin/python bench/corpus_gen.py N OUT_DIR [--seed S]

Each development report (../shared/corpus seeds, synthetic and the non-blind synthetic2 files) is
read through the product's own loader and normaliser, then rewritten as a UTF-8 text report with:
- another county, taken from the national division list (index/gazetteer.py), with the county's
  short name replaced too ("永兴县" → "宁乡县", "永兴" → "宁乡");
- the years shifted by one offset (the fiscal year, the following year of the report date, the
  previous year of comparisons all move together);
- every money figure (a number with a 元/万元 unit, or with two decimals as in tables) scaled by
  one factor per report, so parts still add up to totals (to the cent);
- with some probability two adjacent top-level sections swapped (numbering kept in order).
Reports are spread over about N/8 counties so each county has several departments and years,
as in a real province. Nothing generated belongs in the repository: write to a temp dir.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
BLIND = {"syn_gongcheng_slj_2023.pdf", "syn_liujiang_zjj_2021.html"}  # never used, not even here

_YEAR = re.compile(r"(?<![\d.,])(20[12]\d)(?![\d.,])(?!\s*(?:万元|千元|元|%|人|个|次|辆))")
_MONEY = re.compile(
    r"(?<![\d.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2}|\d+(?:\.\d+)?(?=\s*(?:万元|千元|元)))"
    r"(?![\d.]*\s*%)"
)
_TOP_HEADING = re.compile(r"^([一二三四五六七八九十]+)、", re.M)
_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Base:
    name: str
    text: str
    county: str
    year: int


def national_counties() -> list[str]:
    """County-level names (县, 自治县, 旗, 县级市, 区) from the national division list."""
    from index.gazetteer import divisions

    return sorted({d.name for d in divisions() if re.search(r"(县|旗|区|市)$", d.name)})


def load_bases() -> list[Base]:
    from index.identity import detect_identity
    from index.loaders import load_file
    from index.normalise import normalise

    folders = [SHARED / "corpus" / f for f in ("seeds", "synthetic", "synthetic2")]
    bases: list[Base] = []
    for folder in folders:
        for path in sorted(folder.glob("*")):
            if path.name in BLIND or path.name.endswith(".meta.json"):
                continue
            try:
                norm = normalise(load_file(path))
            except Exception:
                continue  # a format this checkout cannot read yet
            ident = detect_identity(norm)
            if ident.county and ident.year:
                bases.append(Base(path.name, norm.text, ident.county, ident.year))
    if not bases:
        raise SystemExit("no development reports found under ../shared/corpus")
    return bases


def _stem(county: str) -> str:
    for suffix in ("自治县", "自治旗", "县", "区", "旗", "市"):
        if county.endswith(suffix) and len(county) - len(suffix) >= 2:
            return county[: -len(suffix)]
    return county


def _scale(match: re.Match[str], factor: Decimal) -> str:
    raw = match.group(1)
    plain = raw.replace(",", "")
    places = len(plain.split(".")[1]) if "." in plain else 0
    value = (Decimal(plain) * factor).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    text = f"{value:,.{places}f}" if "," in raw else f"{value:.{places}f}"
    return text


def _swap_sections(text: str, rng: random.Random) -> str:
    heads = list(_TOP_HEADING.finditer(text))
    if len(heads) < 4:
        return text
    i = rng.randrange(1, len(heads) - 2)  # never the first section, never the last
    a, b, c = heads[i].start(), heads[i + 1].start(), heads[i + 2].start()
    first, second = text[a:b], text[b:c]
    num_a, num_b = heads[i].group(1), heads[i + 1].group(1)
    second = second.replace(f"{num_b}、", f"{num_a}、", 1)
    first = first.replace(f"{num_a}、", f"{num_b}、", 1)
    if not first.endswith("\n"):
        first += "\n"
    return text[:a] + second + first + text[c:]


def vary(base: Base, county: str, offset: int, factor: Decimal, rng: random.Random) -> str:
    text = base.text.replace(base.county, county)
    old, new = _stem(base.county), _stem(county)
    if len(old) >= 2 and old != base.county:
        text = text.replace(old, new)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + offset), text)
    text = _MONEY.sub(lambda m: _scale(m, factor), text)
    if rng.random() < 0.3:
        text = _swap_sections(text, rng)
    return text


def generate(n: int, out: Path, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    bases = load_bases()
    counties = rng.sample(national_counties(), max(2, n // 8))
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    seen: set[tuple[str, str, int]] = set()
    while len(written) < n:
        base = bases[len(written) % len(bases)]
        county = rng.choice(counties)
        offset = rng.choice((-2, -1, 0, 1))
        if (base.name, county, offset) in seen:
            continue
        seen.add((base.name, county, offset))
        factor = Decimal(str(round(rng.uniform(0.6, 1.6), 3)))
        text = vary(base, county, offset, factor, rng)
        path = out / f"{len(written):05d}_{county}_{base.year + offset}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    files = generate(args.n, args.out, args.seed)
    print(f"{len(files)} reports written to {args.out}")


if __name__ == "__main__":
    main(sys.argv[1:])
