"""Question understanding: which reports a question names (county, department, year), what
kind of answer it wants, and what it asks about — resolved against the reports in the index.

Short forms resolve to indexed names: "永兴" → 永兴县, "江华县" → 江华瑶族自治县, "炎陵科工局" →
科技和工业信息化局, "22年" → 2022. A named place, department or year that no indexed report has
is kept in ``unknown`` so the answerer can refuse instead of silently searching everything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from index.models import ReportIdentity

Intent = Literal["number", "locate", "compare", "general"]

_HAN = "\u4e00-\u9fff"
_LOCATE = re.compile(
    r"哪一?段|哪里|哪儿|在哪|哪一?节|哪一?部分|第几部分|原文|出处|写在|哪些段|where|which section",
    re.I,
)
_COMPARE = re.compile(
    r"哪个县|哪个区|哪个单位|哪个部门|哪家|谁|比较|对比|排名|排序|最多|最少|最高|最低|更多|更少|更高|"
    r"比上年|相比|和.{1,8}比|比.{1,12}(多|少|高|低)|增加|减少|增长了|下降了|变化|"
    r"各是多少|各多少|两县|两年|几个单位|这几|各县|"
    r"compare|versus|\bvs\b|which county|more than|less than",
    re.I,
)
_NUMBER = re.compile(
    r"多少|几[批人个名家项次辆条分]?|金额|数额|数字|得分|比例|占比|率|"
    r"how much|how many|what (is|was) the",
    re.I,
)
_YEAR_FULL = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:年度?|财年)?(?![\d.%])")
_YEAR_SHORT = re.compile(r"(?<![\d.])(\d{2})\s*年(?!\d|月)")
_PLACE_MENTION = re.compile(rf"([{_HAN}]{{2,6}}?)(自治县|县|区|旗)(?![级委政城乡镇域内外])")
_NOT_PLACE_PREFIX = re.compile(r"[个各全本两该我这那其每哪几县市省级地]")
_UNIT_MENTION = re.compile(
    rf"([{_HAN}]{{2,10}}?)(局|委员会|办公室|医院|学校|中心|管理处|服务站)(?![{_HAN}]{{0,2}}(报告))?"
)


@dataclass(frozen=True)
class Catalogue:
    """What the index holds, as the question resolver needs it."""

    identities: tuple[ReportIdentity, ...]

    @property
    def counties(self) -> list[str]:
        return sorted({i.county for i in self.identities if i.county})

    @property
    def departments(self) -> list[str]:
        return sorted({i.department for i in self.identities if i.department})

    @property
    def years(self) -> list[int]:
        return sorted({i.year for i in self.identities if i.year})


@dataclass(frozen=True)
class Query:
    """A question as understood: hard filters, intent, topic text and anything unresolvable."""

    text: str
    language: Literal["zh", "en"]
    counties: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    intent: Intent = "general"
    topic: str = ""
    topics: tuple[str, ...] = ()
    """One topic per sub-question ("编制多少名，在职多少人" → "编制", "在职")."""
    context: str = ""
    """Topic carried from earlier turns that a follow-up narrows ("其中公车运维多少")."""
    unknown: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())


def county_aliases(county: str) -> list[str]:
    """Ways people write a county: 江华瑶族自治县 → 江华瑶族自治县, 江华县, 江华瑶族, 江华."""
    stem = re.sub(r"(自治县|自治旗|县|区|旗|市)$", "", county)
    aliases = {county, stem}
    ethnic = re.match(r"^([\u4e00-\u9fff]{2,3}?)(?:各族|[\u4e00-\u9fff]{1,2}族)+$", stem)
    if ethnic:
        aliases |= {ethnic.group(1), ethnic.group(1) + "县"}
    return sorted((a for a in aliases if len(a) >= 2), key=len, reverse=True)


def department_matches(mention: str, department: str) -> bool:
    """ "科工局" names 科技和工业信息化局: same first character, characters in order, same end."""
    if mention == department or mention + "局" == department:
        return True
    if not mention or mention[0] != department[0] or mention[-1] != department[-1]:
        return False
    rest = iter(department)
    return all(ch in rest for ch in mention)


def understand(text: str, catalogue: Catalogue) -> Query:
    """Resolve names and years against the index and classify what the question wants."""
    question = text.strip()
    counties, rest = _find_counties(question, catalogue)
    departments, unknown_units = _find_departments(rest, catalogue)
    years = _find_years(question)
    unknown = [*_unknown_places(rest, catalogue), *unknown_units]
    unknown += [str(y) for y in years if y not in catalogue.years]
    return Query(
        text=question,
        language="en" if _is_english(question) else "zh",
        counties=tuple(counties),
        departments=tuple(departments),
        years=tuple(years),
        intent=_intent(question, counties, years),
        topic=_topic(rest, departments),
        topics=_sub_topics(rest, departments),
        unknown=tuple(dict.fromkeys(unknown)),
    )


def _find_counties(question: str, catalogue: Catalogue) -> tuple[list[str], str]:
    """Indexed counties named in the question; their mentions are blanked out of the rest."""
    found: list[tuple[int, str]] = []
    rest = question
    pairs = [(alias, c) for c in catalogue.counties for alias in county_aliases(c)]
    for alias, county in sorted(pairs, key=lambda p: len(p[0]), reverse=True):
        pos = rest.find(alias)
        if pos >= 0:
            found.append((pos, county))
            rest = rest.replace(alias, "□" * len(alias))
    ordered = [c for _, c in sorted(found)]
    return list(dict.fromkeys(ordered)), rest


def _find_departments(rest: str, catalogue: Catalogue) -> tuple[list[str], list[str]]:
    found: list[str] = []
    unknown: list[str] = []
    for match in _UNIT_MENTION.finditer(rest):
        mention = (match.group(1) + match.group(2)).lstrip("□的")
        mention = re.sub(r"^.*?(县|区|市|旗)(?=[^级])", "", mention) or mention
        hits = [d for d in catalogue.departments if _mention_names(mention, d)]
        if hits:
            found += hits
        elif len(mention) >= 3 and not re.search(r"财政局|本局|我局|该局|各局", mention):
            unknown.append(mention)
    for dept in catalogue.departments:  # full names without a 局 suffix match too
        if dept not in found and dept.rstrip("局") in rest and len(dept) >= 4:
            found.append(dept)
    return list(dict.fromkeys(found)), unknown


def _mention_names(mention: str, department: str) -> bool:
    return any(department_matches(mention[i:], department) for i in range(len(mention) - 1))


def _find_years(question: str) -> list[int]:
    years = [int(y) for y in _YEAR_FULL.findall(question)]
    years += [2000 + int(y) for y in _YEAR_SHORT.findall(question) if 10 <= int(y) <= 40]
    return list(dict.fromkeys(years))


def _unknown_places(rest: str, catalogue: Catalogue) -> list[str]:
    """County-like names ("桂阳县") that are not in the index (indexed ones are already blanked)."""
    out = []
    for match in _PLACE_MENTION.finditer(rest):
        name = match.group(1)
        if "□" in name or _NOT_PLACE_PREFIX.search(name):
            continue
        full = name + match.group(2)
        if not any(
            full in alias or alias in full
            for c in catalogue.counties
            for alias in county_aliases(c)
        ):
            out.append(full)
    return out


def _intent(question: str, counties: Iterable[str], years: list[int]) -> Intent:
    if _LOCATE.search(question):
        return "locate"
    if _COMPARE.search(question) or len(list(counties)) > 1 or len(years) > 1:
        return "compare"
    if _NUMBER.search(question):
        return "number"
    return "general"


_QUESTION_WORDS = re.compile(
    r"是多少|多少钱|多少[名人个家项次辆条分]?|是几|几[批人个名家项次辆条分]|各是|分别是|分别|请问|报告里|报告中|报告|"
    r"哪一?段|哪里|在哪|写在|讲了|说了|提到|什么|怎么样|如何|吗|呢|？|\?|，|。|！|的|了|是|有|"
    r"[\u4e00-\u9fff]{0,6}局|\d{2,4}\s*年度?|(?:19|20)\d{2}|年度|□"
)


ENGLISH_TERMS: tuple[tuple[str, str], ...] = (
    (r"self[- ]?evaluation score|self[- ]?assessment score|\bscore\b", "自评得分"),
    (r"three public|“?sangong”?", "三公经费"),
    (r"personnel (expenses?|costs?|spending)", "人员经费"),
    (r"public (expenses?|funds?)|office (expenses?|costs?)", "公用经费"),
    (r"project (expenditure|spending|expenses?)", "项目支出"),
    (r"basic (expenditure|spending)", "基本支出"),
    (r"(official )?receptions?", "公务接待费"),
    (r"official vehicles?|cars?", "公务用车"),
    (r"government(al)? funds?", "政府性基金预算支出"),
    (r"authori[sz]ed (posts|staff)|staffing quota|establishment", "编制数"),
    (r"staff in post|employees|staff", "在职人数"),
    (r"total (revenue|income)|\brevenue\b|\bincome\b", "收入"),
    (r"total (expenditure|spending)", "支出"),
    (r"r&d|research and development", "研发投入"),
)
"""English phrases mapped to the Chinese metric names the reports use."""


def _keep_latin(word: str) -> str:
    """Latin words stay in the topic only when they look like terms (5G, GDP), not prose."""
    return word if (word.isupper() and word.isalpha()) else " "


def _english_terms(text: str) -> str:
    found = [term for pattern, term in ENGLISH_TERMS if re.search(pattern, text, re.I)]
    return " ".join(dict.fromkeys(found))


def _topic(rest: str, departments: list[str]) -> str:
    """What is asked about, with names, years and question words removed ("三公经费")."""
    for dept in departments:
        rest = rest.replace(dept, " ")
    rest = f"{rest} {_english_terms(rest)}" if re.search(r"[A-Za-z]{3,}", rest) else rest
    rest = re.sub(r"[A-Za-z][A-Za-z'\-]*|'", lambda m: _keep_latin(m.group(0)), rest)
    return re.sub(r"\s+", " ", _QUESTION_WORDS.sub(" ", rest)).strip()


def _sub_topics(rest: str, departments: list[str]) -> tuple[str, ...]:
    """Topics of the parts of a multi-part question, split at ？；， between questions."""
    parts = [p for p in re.split(r"[？?；;，,]|(?<=多少)[和及]|\s+(?=[有几])", rest) if p.strip()]
    topics = [t for t in (_topic(p, departments) for p in parts) if len(t) >= 2]
    return tuple(dict.fromkeys(topics)) if len(topics) > 1 else (_topic(rest, departments),)


def _is_english(text: str) -> bool:
    han = len(re.findall(rf"[{_HAN}]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return len(re.findall(r"[A-Za-z]{2,}", text)) >= 3 and latin >= han
