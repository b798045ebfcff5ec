"""Report identity from its title lines and body: county, department, fiscal year, doc type.

A field that cannot be read from the text is None — never guessed. The year is the fiscal year
the report covers ("2022年度…自评报告"), not the date it was written ("报告日期：2023年03月17日").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.models import NormalisedText, ReportIdentity

_HAN = "\u4e00-\u9fff"
_COUNTY_SUFFIX = r"(?:自治县|自治旗|县|区|旗|市)"
_DEPT_SUFFIX = (
    r"(?:委员会|办公室|管理局|服务中心|中心|联合会|研究院|医院|学校|政府|"
    r"局|委|办|院|馆|站|所|队|部|厅|处|会|社)"
)
# Optional prefecture/province in front ("长沙市天心区", "湖南省郴州市永兴县"), then the county.
_PLACE = re.compile(
    rf"(?:[{_HAN}]{{2,3}}省)?(?:[{_HAN}]{{2,4}}?(?:市|州|地区|盟))?"
    rf"(?P<county>[{_HAN}]{{1,6}}?{_COUNTY_SUFFIX})"
    rf"(?P<dept>[{_HAN}（）()]{{2,24}}?{_DEPT_SUFFIX})"
    rf"(?=#|部门|单位|整体|项目|决算|预算|绩效|本级|$)"
)
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年度")
_YEAR_PLAIN = re.compile(r"((?:19|20)\d{2})\s*年(?!\d{1,2}月)")
_DATE_LINE = re.compile(r"(报告日期|填报日期|日期|编制时间|印发)")
_DOC_TYPES: tuple[tuple[str, str], ...] = (
    (
        r"部门整体支出绩效(?:自评|评价)报告|^整体支出绩效自评报告|整体支出绩效自评报告",
        "部门整体支出绩效自评报告",
    ),
    (r"项目支出绩效(?:自评|评价)报告", "项目支出绩效自评报告"),
    (r"部门决算(?:情况)?说明|决算说明", "部门决算说明"),
    (r"部门决算", "部门决算"),
    (r"部门预算(?:情况)?说明|预算说明", "部门预算说明"),
    (r"部门预算", "部门预算"),
    (r"绩效(?:自评|评价)报告", "绩效评价报告"),
)
_SKIP_TITLE_LINE = re.compile(
    r"^(附件|附表)\s*[\d\-－—]*$|^(单位编码|评价方式|评价机构|单位名称)|（(制|盖章|此页为封面)）$"
)
_HEADING_START = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")

_YEAR_MARK = re.compile(r"(?:19|20)\d{2}\s*年度?")
_NOT_COUNTY = ("全县", "本县", "该县", "我县", "各县", "全区", "本区", "全市", "本市")


def title_lines(norm: NormalisedText, limit: int = 8) -> list[str]:
    """The report's title: the first text lines before the first numbered section heading."""
    out: list[str] = []
    for line in norm.lines[: limit * 2]:
        text = norm.line_text(line).strip()
        if line.kind != "text" or _HEADING_START.match(text):
            break
        if _SKIP_TITLE_LINE.match(text) or _DATE_LINE.match(text) or len(text) > 60:
            continue
        out.append(text)
        if len(out) >= limit or _doc_type(text):
            break  # the title ends with its document type
    return out


def detect_identity(norm: NormalisedText) -> ReportIdentity:
    """Read county, department, year and doc type from the title lines, then the lead text."""
    titles = title_lines(norm)
    title = "".join(titles)
    lead = norm.text[:600]
    county, department = _place(title) or _place_in_lines(lead.splitlines()) or (None, None)
    return ReportIdentity(
        county=county,
        department=department,
        year=_year(title, lead),
        doc_type=_doc_type(title) or _doc_type(lead),
        title=title or None,
    )


def _place(text: str) -> tuple[str, str] | None:
    """County and department from a string like "长沙市天心区民政局2023年度…"."""
    compact = _YEAR_MARK.sub("#", re.sub(r"\s+", "", text))
    for start in range(len(compact)):
        match = _PLACE.match(compact, start)
        if match and match.group("county") not in _NOT_COUNTY:
            return match.group("county"), match.group("dept")
    return None


def _place_in_lines(lines: Sequence[str]) -> tuple[str, str] | None:
    for line in lines[:6]:
        found = _place(line)
        if found:
            return found
    return None


def _year(title: str, lead: str) -> int | None:
    """Fiscal year: "NNNN年度" in the title, else "NNNN年" there, else "NNNN年度" in the lead."""
    for pattern, text in ((_YEAR_IN_TITLE, title), (_YEAR_PLAIN, title), (_YEAR_IN_TITLE, lead)):
        match = pattern.search(text)
        if match:
            return int(match.group(1))
    return None


def _doc_type(text: str) -> str | None:
    compact = re.sub(r"\s+", "", text)
    for pattern, name in _DOC_TYPES:
        if re.search(pattern, compact):
            return name
    return None


def merge_identity(detected: ReportIdentity, overrides: dict[str, object]) -> ReportIdentity:
    """Apply user overrides (flags or a sidecar file) on top of what was detected."""
    fields = {
        "county": detected.county,
        "department": detected.department,
        "year": detected.year,
        "doc_type": detected.doc_type,
        "title": detected.title,
    }
    for key, value in overrides.items():
        if key not in fields or value in (None, ""):
            continue
        fields[key] = int(value) if key == "year" else str(value)  # type: ignore[arg-type]
    return ReportIdentity(**fields)  # type: ignore[arg-type]
