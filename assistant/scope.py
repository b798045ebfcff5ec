"""Which reports a question is about, and the refusals when none in the index fits.

A county, department or year named in the question is a hard filter. A filter that matches no
report is answered with what the index does hold — never with another report's figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant import derived
from assistant.answer import Answer
from assistant.understanding import Query
from index.departments import same_kind
from index.models import Report

_TOWNSHIP = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:镇|乡|街道|苏木)(?:人民政府|政府|办事处)?$")
"""A township-level body, named by its own place (兴隆镇人民政府, 城关街道办事处)."""


def select_reports(query: Query, reports: Sequence[Report]) -> list[Report]:
    """Reports matching every slot the query names (a slot left empty matches all).

    When the named department matches none of the named county's reports, the county's body of
    the same kind is taken: the same name under another head (卫生健康委员会 asked, 卫生健康局
    indexed) or another county's name for it (文化和旅游局 asked, 文化广电和旅游局 indexed)."""

    def matches(r: Report, same: bool) -> bool:
        dept = r.identity.department
        named = dept in query.departments or (same and _kin(dept, query.departments))
        # a township's government names its own place: "兴隆镇和光山人社局" asks about the
        # 兴隆镇 report whatever county the question names for the other side
        own_place = named and bool(dept and _TOWNSHIP.match(dept))
        return (
            (not query.counties or r.identity.county in query.counties or own_place)
            and (not query.departments or named)
            and (not query.years or r.identity.year in query.years)
        )

    if query.sides:  # subjects of earlier turns: each side its own slots, not their product
        # a side that names no year is of the year the question asks ("那上一年呢")
        return [
            r
            for r in reports
            if any(
                _on_side(r, side)
                and (side[2] is not None or not query.years or r.identity.year in query.years)
                for side in query.sides
            )
        ]
    if len(query.counties) > 1 and query.departments:
        return _each_county(query, reports)
    exact = [r for r in reports if matches(r, False)]
    if exact or not query.counties or not query.departments:
        return exact
    return [r for r in reports if matches(r, True)]


_EVERY_REPORT = re.compile(
    r"这几份|这些(?:报告|材料|文件)|(?:[几两二三四五六七八九十\d]+)份|各份|每一?份|"
    r"(?:所有|全部|各)(?:的)?(?:报告|材料|文件|资料)|"
    r"(?:all|every|each|these|\w+) (?:the )?(?:reports|documents|files)",
    re.I,
)
"""Words that ask over the reports as such ("四份材料里…排个序", "所有报告"): every report of
every year and kind stays in scope."""

_ACROSS_YEARS = re.compile(
    r"两年|两个年度|历年|各年|每年|逐年|哪年|哪一年|几年|近年|今年|去年|上年|上一年|前年|往年|"
    r"同比|环比|趋势|前后|增长|下降|增加|减少|增幅|降幅|变化|变动|涨|跌|降了|升了|"
    rf"{_EVERY_REPORT.pattern}|"
    r"years|annual|year-on-year|previous year|last year|trend|change|grow|growth|increase|"
    r"decrease|rise|fall|drop|(?:all|every|each|these) (?:the )?reports?",
    re.I,
)
"""Words that ask across a body's years, or over the reports as such ("这几份报告…排个序"): its
reports of every year stay in scope."""


def latest_years(query: Query, targets: Sequence[Report]) -> tuple[list[Report], list[int]]:
    """Each body's latest report, when the question names no year, asks nothing across years
    and compares or derives within a report ("三公经费省下了多少", "哪一项最多", "两个县比一比"
    → the latest report of each body, not 2023 against 2022), and the years left out; the
    targets unchanged (and no years) otherwise."""
    asked = query.zh_text or query.text
    dated = any(side[2] is not None for side in query.sides)  # "A县2022年和B县2023年"
    if query.years or dated or len(targets) < 2 or _ACROSS_YEARS.search(asked):
        return list(targets), []
    bodies = {(r.identity.county, r.identity.department) for r in targets}
    between_bodies = query.intent == "compare" and len(bodies) > 1
    if not between_bodies and not derived.asks_within_report(asked):
        return list(targets), []  # a plain figure: every year's report states its own
    if any(r.identity.year is None for r in targets):
        return list(targets), []
    newest: dict[tuple[str | None, str | None], int] = {}
    for r in targets:
        body = (r.identity.county, r.identity.department)
        newest[body] = max(newest.get(body, 0), r.identity.year or 0)
    kept = [
        r for r in targets if r.identity.year == newest[(r.identity.county, r.identity.department)]
    ]
    left = sorted({r.identity.year for r in targets if r not in kept if r.identity.year})
    return kept, left


def asks_every_report(question: str) -> bool:
    """The question asks over the reports as such ("这三份材料", "所有报告", "all the reports"):
    each document is its own side."""
    return bool(_EVERY_REPORT.search(question))


def side_key(report: Report) -> object:
    """What makes a report one side of a comparison: its body, year and — for a project's
    report — its project. A body's 部门决算说明 and its 整体支出绩效自评报告 of one year share a
    key (one side); a report whose county or department is unknown is a side of its own."""
    ident = report.identity
    if not (ident.county and ident.department):
        return report.id
    return ident.county, ident.department, ident.year, project_name(report)


PROJECT_REPORT = "项目支出绩效自评报告"
_PROJECT_WORD = re.compile(r"项目(?!支出|经费)|project", re.I)
_LONG_MATCH = 4
"""Characters in a row of a project's own name that name it without a project word
("农村供水…资金表")."""
_WHOLE_BODY = re.compile(
    r"整体|部门|全局|本局|局里|单位|whole|overall|department|bureau as a whole", re.I
)
_GENERIC = re.compile(r"(?:19|20)\d{2}年度?|项目|工程|建设|专项|资金|经费|年度|年")


def project_name(report: Report) -> str | None:
    """The project a 项目支出绩效自评报告 is about, from its title ("某县2023年农村供水保障工程
    项目支出绩效自评报告" → "农村供水保障工程"); None for any other kind of report."""
    ident = report.identity
    if ident.doc_type != PROJECT_REPORT or not ident.title:
        return None
    name = re.sub(r"(?:19|20)\d{2}\s*年度?", "", ident.title)
    for part in (ident.county, ident.department):
        if part:
            name = name.replace(part, "")
    found = re.search(r"(.+?)(?:项目)?(?:支出)?绩效(?:自评|评价)报告", name)
    name = (found.group(1) if found else "").strip("的之关于《》 ")
    return name if len(name) >= 2 else None


def names_project(question: str, report: Report) -> bool:
    """The question speaks of this report's project: two characters in a row of the project's
    own name beyond generic words and a project word (项目 but not 项目支出, project):
    "供水那个项目" for 农村供水保障工程; or four in a row without one ("供水保障…资金表")."""
    name = project_name(report)
    if not name:
        return False
    need = 2 if _PROJECT_WORD.search(question) else _LONG_MATCH
    for part in _GENERIC.split(name):
        runs = (part[i : i + need] for i in range(len(part) - need + 1))
        if any(run in question for run in runs):
            return True
    return False


REPORT_KIND = re.compile(
    r"(?:部门整体支出|整体支出|项目支出)?(?:绩效)?(?:自评|评价)(?:报告|材料)|决算说明|"
    r"self[- ]?(?:evaluation|assessment) reports?|(?:final )?accounts? (?:statements?|reports?)",
    re.I,
)
"""A kind of report named as such ("两个自评报告里", "决算说明中", "self-evaluation reports")."""
_ACCOUNTS_KIND = re.compile(r"决算说明|accounts? (?:statements?|reports?)", re.I)
_SELF_EVALUATIONS = ("部门整体支出绩效自评报告", PROJECT_REPORT, "绩效评价报告")
_ACCOUNTS = ("部门决算说明", "部门决算")


def kind_scope(asked: str, targets: Sequence[Report]) -> list[Report]:
    """The reports of the kind the question names ("两个自评报告里…谁花得多": the
    self-evaluations, not a 决算说明 of the same year); all of them when it names no kind or
    no report is of that kind."""
    named = REPORT_KIND.search(asked)
    if named is None:
        return list(targets)
    kinds = report_kinds(named.group(0))
    kept = [
        r
        for r in targets
        if r.identity.doc_type in kinds or (kinds is _SELF_EVALUATIONS and project_name(r))
    ]
    return kept or list(targets)


def report_kinds(named: str) -> tuple[str, ...]:
    """The document types a kind of report named as such covers ("自评报告" → the department's
    and the projects' self-evaluations; "决算说明" → the 决算 documents)."""
    return _ACCOUNTS if _ACCOUNTS_KIND.search(named) else _SELF_EVALUATIONS


def project_scope(query: Query, targets: Sequence[Report]) -> list[Report]:
    """A body's project self-evaluations and its own department-level reports, told apart.

    A project report (项目支出绩效自评报告) is filed under the body that carries the project out,
    so it shares county, department and year with that body's 部门整体/决算 reports. A question
    naming the project reads its report (and the body's own report too when it also asks about
    the body as a whole: "跟水利局整体比"); a question that does not name it but names the
    body reads the body's own report, not the project's, when the body has one for that year.
    A question over the reports as such ("四份材料", "所有报告") keeps every one. A question
    naming a project and no department or year is about that project's report alone."""
    asked = " ".join(t for t in (query.text, query.zh_text, query.context) if t)
    targets = kind_scope(asked, targets)
    if _EVERY_REPORT.search(asked) and not REPORT_KIND.search(asked):
        return list(targets)
    projects = [r for r in targets if project_name(r)]
    if not projects:
        return list(targets)
    named = {r.id for r in projects if names_project(asked, r)}
    whole = bool(_WHOLE_BODY.search(asked))

    def key(r: Report) -> tuple[str | None, str | None, int | None]:
        return r.identity.county, r.identity.department, r.identity.year

    own = {key(r) for r in targets if not project_name(r)}
    named_keys = {key(r) for r in projects if r.id in named}
    across = _ACROSS_YEARS.search(asked)
    if named and not (query.departments or query.years or query.sides or across):
        targets = [r for r in targets if r.id in named or (whole and key(r) in named_keys)]
    kept = []
    for r in targets:
        if project_name(r):
            # a question naming no body keeps its projects' reports, unless it speaks of the
            # bodies as a whole ("两个县的部门项目支出占比")
            if r.id in named or key(r) not in own or not (query.departments or whole):
                kept.append(r)
        elif key(r) in named_keys and not whole:
            continue
        elif whole and not query.years and _other_year_of(r, named_keys):
            continue  # "项目和局整体比": the body's report of the project's own year
        else:
            kept.append(r)
    return kept or list(targets)


def _other_year_of(report: Report, keys: set[tuple[str | None, str | None, int | None]]) -> bool:
    """The report is of a body in ``keys`` but of none of that body's years there."""
    ident = report.identity
    years = {y for c, d, y in keys if (c, d) == (ident.county, ident.department)}
    return bool(years) and ident.year not in years


def _each_county(query: Query, reports: Sequence[Report]) -> list[Report]:
    """Several counties and bodies named ("分宜水利局、湘阴卫健局和光山人社局"): each county
    keeps its own body — the named department, else its body of the same kind (卫生健康委员会
    asked, 卫生健康局 indexed; 文化和旅游局 / 文化广电和旅游局) — and a township government
    names its own place, so a county named beside it alone ("瓮安、光山和兴隆镇") is not
    narrowed by it."""
    towns = {d for d in query.departments if _TOWNSHIP.match(d)}
    others = [d for d in query.departments if d not in towns]

    def in_year(r: Report) -> bool:
        return not query.years or r.identity.year in query.years

    chosen: set[str] = set()
    for county in query.counties:
        mine = [r for r in reports if r.identity.county == county and in_year(r)]
        if not others:
            chosen |= {r.id for r in mine}
            continue
        exact = [r for r in mine if r.identity.department in others]
        same = [r for r in mine if _kin(r.identity.department, others)]
        chosen |= {r.id for r in exact or same}
    chosen |= {r.id for r in reports if r.identity.department in towns and in_year(r)}
    return [r for r in reports if r.id in chosen]


def _on_side(report: Report, side: tuple[str | None, str | None, int | None]) -> bool:
    county, department, year = side
    ident = report.identity
    return (
        (county is None or ident.county == county)
        and (department is None or ident.department == department)
        and (year is None or ident.year == year)
    )


def _kin(department: str | None, named: Sequence[str]) -> bool:
    """The report's body is of the kind one of the named ones is (another county's name for it:
    卫生健康委员会 / 卫生健康局, 文化和旅游局 / 文化广电和旅游局)."""
    return bool(department) and any(same_kind(department, d) for d in named)


def describe(report: Report) -> str:
    ident = report.identity
    year = f"{ident.year}年度" if ident.year else ""
    return f"{ident.county or '（县区不详）'}{ident.department or ''}{year}"


def available(reports: Sequence[Report], limit: int = 12) -> str:
    names = sorted({describe(r) for r in reports})
    if len(names) > limit:
        return overview(reports)
    return "、".join(names)


def overview(reports: Sequence[Report], examples: int = 6) -> str:
    """A long list of reports in one line: how many, how many counties, which years, examples.

    "共 812 份报告，涉及 96 个县区（2019–2024 年度），如：甲县…、乙县…等" — a refusal over a
    province's reports stays readable; `report-assistant reports` lists them all."""
    counties = sorted({r.identity.county for r in reports if r.identity.county})
    years = sorted({r.identity.year for r in reports if r.identity.year})
    span = ""
    if years:
        span = f"（{years[0]}年度）" if len(years) == 1 else f"（{years[0]}–{years[-1]}年度）"
    # one example per county first, so the examples show the spread rather than one county
    seen: set[str | None] = set()
    picked = [
        r
        for r in sorted(reports, key=describe)
        if not (r.identity.county in seen or seen.add(r.identity.county))
    ]
    names = [describe(r) for r in picked[:examples]]
    return (
        f"共 {len(reports)} 份报告，涉及 {len(counties)} 个县区{span}，如：{'、'.join(names)}等"
        "（完整列表见报告库或 report-assistant reports）"
    )


def refuse_unknown(query: Query, reports: Sequence[Report]) -> Answer:
    """A county, department or year the index does not have."""
    missing = "、".join(query.unknown)
    if query.language == "en":
        text = (
            f"The index has no report for {missing}, so this cannot be answered. "
            f"Reports available: {available(reports)}."
        )
    else:
        text = f"索引中没有{missing}的报告，无法回答。现有报告：{available(reports)}。"
    return Answer(query.text, text, True)


def refuse_no_report(query: Query, reports: Sequence[Report]) -> Answer:
    """Each slot exists somewhere, but no single report has them all (炎陵县 2022)."""
    bodies = "或".join(query.departments)  # "卫健委" read as 卫生健康委员会 or 卫生健康局
    asked = "".join(["、".join(query.counties), bodies, "、".join(f"{y}年度" for y in query.years)])
    related = [
        r
        for r in reports
        if (query.counties and r.identity.county in query.counties)
        or (not query.counties and query.departments and r.identity.department in query.departments)
    ] or list(reports)
    if query.language == "en":
        text = f"No report in the index covers {asked}. Related reports: {available(related)}."
    else:
        text = f"索引中没有{asked}的报告，无法回答。相关的现有报告：{available(related)}。"
    return Answer(query.text, text, True)
