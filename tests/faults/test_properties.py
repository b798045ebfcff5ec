"""Property tests (hypothesis): number and unit parsing, heading detection and chunk spans
hold their invariants on any text, not only on the reports we have seen."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.chunking import chunk_report
from index.models import NormalisedText
from index.numbers import MONEY_FACTORS, find_quantities, same_amount
from index.sections import build_sections, detect_headings

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
_HAN = "报告部门预算决算经费支出收入项目情况管理三公公务接待用车人员基本绩效目标指标"
_MARKS = [
    "一、",
    "二、",
    "三、",
    "（一）",
    "（二）",
    "1、",
    "2.",
    "(1)",
    "第一部分",
    "十、",
    "11、",
]
_PUNCT = "，。；：、（）%．.,“”《》 \u3000"
_ALPHABET = _HAN + _PUNCT + "0123456789万元亿千%≥≤-"

any_text = st.text(alphabet=st.characters(), max_size=200)
report_text = st.text(alphabet=_ALPHABET, min_size=1, max_size=80)


@SETTINGS
@given(any_text)
def test_find_quantities_never_raises_and_spans_hold_the_figure(text: str) -> None:
    for q in find_quantities(text):
        assert q.raw and q.raw in text[q.start : q.end]
        if q.is_money:
            assert q.yuan == q.value * MONEY_FACTORS[q.unit]
            assert same_amount(q, q)


@SETTINGS
@given(
    st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False),
    st.sampled_from(sorted(MONEY_FACTORS)),
    st.text(alphabet=_HAN + "，。：为约共计", max_size=10),
)
def test_money_figures_convert_to_yuan_exactly(value: Decimal, unit: str, before: str) -> None:
    written = f"{value}{unit}"
    found = [q for q in find_quantities(f"{before}{written}，") if q.raw == written]
    assert found, written
    assert found[0].yuan == value * MONEY_FACTORS[unit]


def test_wan_yuan_example() -> None:
    [q] = find_quantities("三公经费1.16万元")
    assert q.yuan == Decimal("11600") and q.unit == "万元" and q.decimals == 2


lines = st.lists(
    st.one_of(
        st.builds(lambda m, t: m + t, st.sampled_from(_MARKS), report_text),
        report_text,
        st.tuples(report_text, report_text, report_text),
    ),
    min_size=1,
    max_size=40,
)


def _norm(items: list) -> NormalisedText:  # type: ignore[type-arg]
    clean = []
    for item in items:
        if isinstance(item, tuple):
            cells = tuple(c.strip() or "-" for c in item)
            clean.append(cells)
        elif item.strip():
            clean.append(item.strip())
    return NormalisedText.from_lines(clean or ["空"])


@SETTINGS
@given(lines)
def test_sections_partition_the_lines_and_headings_sit_in_their_line(items: list) -> None:  # type: ignore[type-arg]
    norm = _norm(items)
    sections = build_sections(norm)
    covered = [i for s in sections for i in range(s.first_line, s.last_line + 1)]
    assert covered == list(range(len(norm.lines)))
    for s in sections:
        assert s.start == norm.lines[s.first_line].start and s.end == norm.lines[s.last_line].end
        assert s.path
    for h in detect_headings(norm):
        line = norm.lines[h.line]
        assert line.kind == "text" and line.start <= h.start < h.end <= line.end
        assert h.level >= 1


@SETTINGS
@given(st.integers(min_value=1, max_value=9), st.sampled_from(["情况", "管理", "目标"]))
def test_numbered_headings_between_prose_are_found(n: int, word: str) -> None:
    numerals = "一二三四五六七八九"
    prose = "本部门认真落实预算管理要求，严格控制各项支出，资金使用规范，取得了较好的效果。"
    items = ["示例县示例局2023年度部门整体支出绩效自评报告"]
    for k in range(n):
        items += [f"{numerals[k]}、部门{word}", prose]
    found = detect_headings(NormalisedText.from_lines(items))
    assert [h.title for h in found] == [f"{numerals[k]}、部门{word}" for k in range(n)]
    assert {h.level for h in found} == {1}


@SETTINGS
@given(lines, st.sampled_from([32, 60, 160]))
def test_every_chunk_is_an_exact_span_inside_its_section(items: list, budget: int) -> None:  # type: ignore[type-arg]
    norm = _norm(items)
    sections = build_sections(norm)
    for chunk in chunk_report("r", norm, sections, max_tokens=budget):
        span = norm.text[chunk.start : chunk.end]
        expected = span if chunk.header is None else f"{chunk.header}\n{span}"
        assert chunk.text == expected
        owners = [s for s in sections if s.start <= chunk.start and chunk.end <= s.end]
        assert owners and owners[0].path == chunk.section_path
