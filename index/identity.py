"""Report identity found anywhere: county, department, fiscal year, doc type, with provenance.

A field that cannot be read from the text is None — never guessed. The year is the fiscal year
the report covers ("2022年度…自评报告"), not the date it was written ("报告日期：2023年03月17日").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from index import gazetteer
from index.models import NormalisedText, ReportIdentity

_HAN = "\u4e00-\u9fff"
_COUNTY_SUFFIX = r"(?:自治县|自治旗|县|区|旗|市)"
_DEPT_SUFFIX = (
    r"(?:委员会|办公室|管理局|服务中心|中心|联合会|研究院|医院|学校|政府|"
    r"党校|局|委|办|院|馆|站|所|队|部|厅|处|会|社|校)"
)
# Optional prefecture/province in front ("长沙市天心区", "湖南省郴州市永兴县"), then the county.
_PLACE = re.compile(
    rf"(?:[{_HAN}]{{2,3}}省)?(?:[{_HAN}]{{2,4}}?(?:市|州|地区|盟))?"
    rf"(?P<county>[{_HAN}]{{1,12}}?{_COUNTY_SUFFIX})"
    rf"(?P<dept>[{_HAN}（）()]{{2,24}}?{_DEPT_SUFFIX}|[{_HAN}]{{1,2}}[联协])"
    rf"(?=#|部门|单位|整体|项目|决算|预算|绩效|本级|$)"
)
_BRANCH = re.compile(
    rf"(?:[{_HAN}]{{2,3}}省)?[{_HAN}]{{1,10}}?(?:市|州|地区|盟)(?![市州县区盟])(?P<dept>[{_HAN}]{{2,10}}?)局"
    rf"(?P<county>[{_HAN}]{{2,8}}?)(?P<suffix>{_COUNTY_SUFFIX})?分局"
    rf"(?=#|部门|单位|整体|项目|决算|预算|绩效|本级|$)"
)
"""A prefecture bureau's branch in a county ("X州生态环境局Y县分局", the vertically managed
生态环境 bodies): the report is about the county Y and its 生态环境分局."""
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
        if _SOURCE_LABEL.match(text) or _BODY_LABEL.match(text):
            continue  # "填报单位：…" is a labelled line (ranked by its label), not the title
        out.append(text)
        if len(out) >= limit or _doc_type(text):
            break  # the title ends with its document type
    return out


SOURCE_TITLE = "title"
SOURCE_HTML = "html_title"
SOURCE_LINE = "source_line"
SOURCE_TABLE = "table_title"
SOURCE_SENTENCE = "sentence"
SOURCE_BODY = "responsible_body"
SOURCE_SITE = "site_name"
SOURCE_FILE = "file_name"
SOURCE_OVERRIDE = "override"

_OWNER_LABELS = (
    r"主管部门|主管单位|预算部门|预算单位|部门（单位）名称|部门\(单位\)名称|单位名称|部门名称"
)
"""Labels of the department a report or form is filed under: before the unit that filled the
form in or published it (a project form's 主管部门 over its 填报单位, the station that ran it)."""
_LABELS = rf"来源|信息来源|发布单位|发布机构|编制单位|填报单位|报送单位|{_OWNER_LABELS}"
_OWNER_LABEL = re.compile(rf"^(?:{_OWNER_LABELS})")
_SOURCE_LABEL = re.compile(
    rf"(?:{_LABELS})(?:（盖章）|\(盖章\))?\s*[:：]\s*"
    rf"(?P<value>[{_HAN}（）()]{{4,40}})"
)
# The body that carries a project out, named by the report itself: "项目实施单位：…",
# "由某县水利局组织实施", "某县水利局负责实施" (a project report's title often names only
# the county: "某县2023年…项目支出绩效自评报告").
_BODY_LABELS = r"(?:项目)?实施单位|项目单位|责任单位|承办单位"
_BODY_LABEL = re.compile(
    rf"(?:{_BODY_LABELS})(?:（盖章）|\(盖章\))?\s*[:：]\s*(?P<value>[{_HAN}（）()]{{4,40}})"
)
_BODY_SENTENCE = re.compile(
    rf"由(?P<value>[{_HAN}（）()]{{4,30}}?)(?:牵头|负责|具体|统一|统筹)?(?:组织|负责)?实施"
    rf"|(?P<subject>[{_HAN}（）()]{{4,30}}?)(?:牵头|负责)(?:组织)?实施"
)
_TABLE_LABEL = re.compile(rf"^(?:{_LABELS})(?:（盖章）|\(盖章\))?[:：]?$")
_TABLE_BODY_LABEL = re.compile(rf"^(?:{_BODY_LABELS})(?:（盖章）|\(盖章\))?[:：]?$")
_SITE_SEPARATOR = re.compile(r"\s*(?:_|\||｜|—|--|\s-\s)\s*")
_SITE_WORD = re.compile(r"(?:门户)?(?:网站|网)$")
_BARE_GOVERNMENT = ("人民政府", "政府")
"""A county's own government: on a portal page it is the site's owner (a header, the
<title>'s site name), rarely the body a report is about."""
_LEADING_WORD = re.compile(
    r"^(?:关于|纳入|包括|根据|按照|依据|其中|以及|中共|在|由|对|据|经|向|按|及)(?=[\u4e00-\u9fff]{2})"
)
_SHORT_COUNTY = 2
"""A county name this short ("安县") may have lost its first character (OCR, a line break)."""
_FILE_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_HAN_RUN = re.compile(rf"[{_HAN}]{{4,}}")
_LEAD_LINES = 15
_MAX_SIGNATURE = 30
_DIGIT = re.compile(r"\d")
_SCAN_LINES = 400


def detect_identity(
    norm: NormalisedText,
    file_name: str | None = None,
    meta: Sequence[tuple[str, str]] = (),
) -> ReportIdentity:
    """County, department, year and doc type, each from the first place that states it:
    the title lines, an HTML page's <title>/<meta>, a "来源：/发布单位/编制单位" line, a
    table's title, a sentence near the top ("在XX县XX局2022年度…"), the file name. Each
    field records where it was found (``ReportIdentity.sources``)."""
    titles = title_lines(norm)
    title = "".join(titles)
    lead = norm.text[:600]
    texts = [norm.line_text(ln) for ln in norm.lines[:_SCAN_LINES] if ln.kind == "text"]
    candidates = _candidates(norm, title, texts, file_name, meta)
    sources: list[tuple[str, str]] = []
    county = department = None
    place = _first_place(candidates)
    if place:
        county, department, where = place
        sources += [("county", where), ("department", where)]
    year, where = _year_with_source(title, lead, candidates)
    if year is not None:
        sources.append(("year", where))
    return ReportIdentity(
        county=county,
        department=department,
        year=year,
        doc_type=_doc_type(title) or _doc_type(lead),
        title=title or None,
        sources=tuple(sources),
    )


def _candidates(
    norm: NormalisedText,
    title: str,
    texts: list[str],
    file_name: str | None,
    meta: Sequence[tuple[str, str]],
) -> list[tuple[str, str]]:
    """(provenance, text) pairs that may name the report, most trusted first."""
    found: list[tuple[str, str]] = [(SOURCE_TITLE, title)]
    # a page <title> is "article title_column_site name": the site's name comes last of all
    sites: list[str] = []
    for _, value in meta:
        first, *rest = _SITE_SEPARATOR.split(value)
        found.append((SOURCE_HTML, first))
        sites += [_SITE_WORD.sub("", site) for site in rest]
    tail = [norm.line_text(ln) for ln in norm.lines[-30:] if ln.kind == "text"]
    edges = texts[:60] + tail[-20:]
    labelled = [m for t in edges for m in _SOURCE_LABEL.finditer(t)]
    owners = [m.group("value") for m in labelled if _OWNER_LABEL.match(m.group())]
    found += [(SOURCE_LINE, value) for value in owners]
    found += [(SOURCE_LINE, value) for value in _table_labels(norm, body=False, owner=True)]
    found += [(SOURCE_LINE, m.group("value")) for m in labelled if m.group("value") not in owners]
    found += [(SOURCE_LINE, value) for value in _table_labels(norm, body=False, owner=False)]
    found += [(SOURCE_BODY, value) for value in _bodies(texts[: _LEAD_LINES * 2])]
    found += [(SOURCE_BODY, value) for value in _table_labels(norm, body=True)]
    # the issuing unit signed under the text (落款): a short line near the end
    signed = [t for t in tail[-6:] if len(t) <= _MAX_SIGNATURE and not _DIGIT.search(t)]
    found += [(SOURCE_LINE, t) for t in signed]
    found += [(SOURCE_TABLE, text) for text in _table_titles(norm)]
    found += [(SOURCE_SENTENCE, text) for text in texts[:_LEAD_LINES]]
    found += [(SOURCE_SITE, text) for text in sites]
    if file_name:
        stem = file_name.rsplit(".", 1)[0]
        found += [(SOURCE_FILE, run) for run in _HAN_RUN.findall(stem)]
        found += [(SOURCE_FILE, stem)]
    return found


def _bodies(texts: Sequence[str]) -> list[str]:
    """Bodies a report names as carrying its work out: "项目实施单位：…", "由…组织实施"."""
    out: list[str] = []
    for text in texts:
        out += [m.group("value") for m in _BODY_LABEL.finditer(text)]
        compact = re.sub(r"\s+", "", text)
        for m in _BODY_SENTENCE.finditer(compact):
            # "本项目由某县水利局牵头实施": the body is what follows 由
            out.append((m.group("value") or m.group("subject")).rsplit("由", 1)[-1])
    return out


def _table_labels(norm: NormalisedText, body: bool, owner: bool | None = None) -> list[str]:
    """A form's label cell and the value beside it ("主管部门 | 某县水利局", the header rows of
    a 绩效自评表); ``body`` picks the implementing-unit labels (实施单位…) instead of the
    department ones (主管部门, 预算单位…); ``owner`` True keeps only the department's own
    labels, False only the others (填报单位, 来源 …)."""
    out: list[str] = []
    for line in norm.lines[:_SCAN_LINES]:
        if line.kind != "table_row":
            continue
        cells = [c.strip() for c in norm.line_text(line).split("\t")]
        cells = [c for c in cells if c]
        for label, value in itertools.pairwise(cells):
            compact = re.sub(r"\s+", "", label)
            kept = owner is None or bool(_OWNER_LABEL.match(compact)) == owner
            if (_TABLE_BODY_LABEL if body else _TABLE_LABEL).match(compact) and kept:
                out.append(value)
    return out


def _table_titles(norm: NormalisedText) -> list[str]:
    """The text line just above each table (its caption or title row), and a table's first
    row when it is one cell wide (a title row merged across the table)."""
    out: list[str] = []
    lines = norm.lines
    for k, line in enumerate(lines):
        if line.kind != "table_row" or line.row != 0:
            continue
        for back in range(k - 1, max(-1, k - 3), -1):
            if lines[back].kind == "text":
                out.append(norm.line_text(lines[back]))
        cells = [c for c in norm.line_text(line).split("\t") if c]
        if len(set(cells)) == 1:
            out.append(cells[0])
    return out


def _first_place(candidates: list[tuple[str, str]]) -> tuple[str, str, str] | None:
    """County, department and provenance from the first candidate that names both with a
    county in the national division list (index.gazetteer); a leading particle or prefix is
    dropped ("在湄潭县" → 湄潭县). "安县" (a character lost by OCR) is no county, so a later
    "瓮安县…" wins. When no candidate names a listed county (a division renamed since the
    list was made), the first candidate is kept, preferring a longer name found elsewhere
    that ends with it."""
    places = [(found, where) for where, text in candidates if (found := _place(text))]
    if not places:
        return None
    places = _government_last(places)
    for (county, department), where in places:
        listed = gazetteer.valid_county(county)
        if listed:
            return listed, department, where
    # a sentence's "按照县财政局…" reads as a county "照县": a short unlisted name there is none
    places = [
        ((county, dept), where)
        for (county, dept), where in places
        if where != SOURCE_SENTENCE or len(county) > _SHORT_COUNTY
    ]
    if not places:
        return None
    (county, department), where = places[0]
    if len(county) > _SHORT_COUNTY:
        return county, department, where
    for (other, other_dept), other_where in places[1:]:
        if len(other) > len(county) and other.endswith(county) and other_dept == department:
            return other, department, other_where
    return county, department, where


def _government_last(
    places: list[tuple[tuple[str, str], str]],
) -> list[tuple[tuple[str, str], str]]:
    """A bare county government ("某县人民政府") named anywhere but the report's own title is
    the portal that published the page: any other body the report names goes first."""

    def bare(item: tuple[tuple[str, str], str]) -> bool:
        (_, department), where = item
        return department in _BARE_GOVERNMENT and where != SOURCE_TITLE

    return [p for p in places if not bare(p)] + [p for p in places if bare(p)]


def _year_with_source(
    title: str, lead: str, candidates: list[tuple[str, str]]
) -> tuple[int | None, str]:
    """The fiscal year and where it was found (see ``_year`` for the title and lead)."""
    year = _year(title, "")
    if year is not None:
        return year, SOURCE_TITLE
    for where, text in candidates:
        if where in (SOURCE_HTML, SOURCE_TABLE):
            match = _YEAR_IN_TITLE.search(text) or _YEAR_PLAIN.search(text)
            if match:
                return int(match.group(1)), where
    match = _YEAR_IN_TITLE.search(lead)
    if match:
        return int(match.group(1)), SOURCE_SENTENCE
    for where, text in candidates:
        if where == SOURCE_FILE:
            match = _FILE_YEAR.search(text)
            if match:
                return int(match.group(1)), where
    return None, ""


def _place(text: str) -> tuple[str, str] | None:
    """County and department from a string like "长沙市天心区民政局2023年度…"."""
    compact = _YEAR_MARK.sub("#", re.sub(r"\s+", "", text))
    branch = _BRANCH.search(compact)
    if branch:
        stem, suffix = branch.group("county"), branch.group("suffix")
        # "焉耆县分局" of 焉耆回族自治县: the written name, else the one county of that stem
        county = (gazetteer.valid_county(stem + suffix) if suffix else None) or _county_by_stem(
            stem
        )
        if county:
            return county, f"{branch.group('dept')}分局"
    for start in range(len(compact)):
        match = _PLACE.match(compact, start)
        if match and match.group("county") not in _NOT_COUNTY:
            county = _whole_county(compact, match.start("county"), match.end("county"))
            county = county or _LEADING_WORD.sub("", match.group("county"))
            if county not in _NOT_COUNTY:
                return county, _party_body(county, match.group("dept"))
    return None


_BACK = 8
"""How far a county name may reach back before where the pattern began it."""


def _whole_county(compact: str, start: int, end: int) -> str | None:
    """The longest listed county-level name ending at ``end`` and starting at most ``_BACK``
    characters before ``start``: a long autonomous county the pattern began too late
    ("场满族蒙古族自治县" → 围场满族蒙古族自治县), or the listed tail of a match that began too
    early ("中共宁远县" → 宁远县). None when no listed name ends there."""
    for begin in range(max(0, start - _BACK), end - 1):
        if gazetteer.is_county(compact[begin:end]):
            return compact[begin:end]
    return None


_PARTY_BODY = re.compile(r"^委(?=[\u4e00-\u9fff]{2})")
"""A body of the county's party committee written after the county ("宁远县委党校",
"某市委宣传部"): the pattern leaves 委… as the department."""


def _party_body(county: str, department: str) -> str:
    """ "委党校" after 宁远县 is the 县委党校: the level character goes back in front."""
    if _PARTY_BODY.match(department) and not department.startswith("委员会"):
        return county[-1] + department
    return department


def body_name(county: str | None, department: str | None) -> str:
    """County and department as one name, without writing the level twice:
    宁远县 + 县委党校 → 宁远县委党校, 永兴县 + 民政局 → 永兴县民政局."""
    county, department = county or "", department or ""
    if county and department[:2] == county[-1] + "委":
        return county + department[1:]
    return county + department


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
    sources = dict(detected.sources)
    for key, value in overrides.items():
        if key not in fields or value in (None, ""):
            continue
        fields[key] = int(value) if key == "year" else str(value)  # type: ignore[arg-type]
        sources[key] = SOURCE_OVERRIDE
    return ReportIdentity(**fields, sources=tuple(sources.items()))  # type: ignore[arg-type]


def _county_by_stem(stem: str) -> str | None:
    """The county whose name without suffix is ``stem`` ("岑巩" → 岑巩县), when only one is."""
    found = gazetteer.by_stem(stem)
    return found[0].name if len(found) == 1 else None
