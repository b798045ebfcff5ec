"""Budget-report vocabulary as data: terms for jieba, synonym groups for query expansion.

Nothing here does IO or heavy work at import time; :func:`canonical_forms` and
:func:`synonym_index` are computed on first use.
"""

from __future__ import annotations

import functools
import re
import unicodedata

DOMAIN_TERMS: tuple[str, ...] = (
    # 三公经费 and its parts
    "三公经费",
    "“三公”经费",
    "三公经费预算",
    "公务接待费",
    "公务接待",
    "因公出国（境）费",
    "因公出国费",
    "因公出国",
    "公务用车购置及运行维护费",
    "公务用车购置及运行费",
    "公务用车运行维护费",
    "公务用车运行费",
    "公务用车购置费",
    "公务用车保有量",
    "公务用车",
    "执法执勤用车",
    "楼堂馆所",
    # budget categories and figures
    "人员经费",
    "公用经费",
    "基本支出",
    "项目支出",
    "基本支出预算",
    "项目支出预算",
    "政府性基金",
    "政府性基金预算",
    "国有资本经营预算",
    "社会保险基金预算",
    "一般公共预算",
    "财政拨款",
    "财政拨款收入",
    "财政拨款支出",
    "其他收入",
    "上级补助",
    "上缴上级支出",
    "收入预算",
    "支出预算",
    "收入决算",
    "支出决算",
    "年初预算",
    "预算数",
    "决算数",
    "预算执行",
    "预算执行率",
    "预算编制",
    "预算配置",
    "预算管理",
    "结转结余",
    "年末结转结余",
    "转移支付",
    "专项资金",
    "固定资产原值",
    "政府采购",
    "内部控制",
    "偏离度",
    "支出进度",
    # staffing
    "编制",
    "核定编制",
    "人员编制",
    "行政编制",
    "事业编制",
    "在职人数",
    "在职人员",
    "实有人数",
    "实有在职人员",
    "在职人数控制率",
    "离退休人员",
    "政府购买服务",
    "内设机构",
    "二级机构",
    "二级预算单位",
    "股室",
    "机构改革",
    # performance evaluation
    "绩效自评",
    "自评得分",
    "自评结果",
    "整体支出",
    "部门整体支出",
    "绩效目标",
    "绩效指标",
    "绩效评价",
    "绩效监控",
    "年度指标值",
    "实际完成值",
    "一级指标",
    "二级指标",
    "三级指标",
    "产出指标",
    "效益指标",
    "满意度指标",
    "服务对象满意度",
    "群众满意度",
    "存在的问题",
    "改进措施",
    "批次",
    "人次",
    # industry, science and technology
    "规模工业",
    "规模以上工业企业",
    "规模工业总产值",
    "规模工业增加值",
    "工业固定资产投资",
    "工业技改投资",
    "工业税收",
    "离退休人员经费",
    "离退休费",
    "实缴税金",
    "研发投入",
    "研发经费投入",
    "高新技术企业",
    "国家高新技术企业",
    "高新技术产业",
    "科技型中小企业",
    "技术合同登记",
    "专精特新",
    "争资立项",
    "5G基站",
    "稀贵金属",
    "安全生产",
    "安全隐患",
    "整改率",
    "乡村振兴",
    # transport
    "交通固定资产投资",
    "农村公路",
    "提质改造",
    "危桥改造",
    "安全生命防护工程",
    "建制村通客车率",
    "优良中等路率",
    "列养率",
    "路长制",
    "城乡客运一体化",
    "超限超载",
    # civil affairs
    "最低生活保障",
    "低保对象",
    "特困人员",
    "特困供养",
    "临时救助",
    "养老床位",
    "高龄津贴",
    "适老化改造",
    "社会组织",
    "社会组织年检率",
    "婚姻登记",
    "儿童福利",
    "未成年人保护",
    # health
    "基本公共卫生服务",
    "重大传染病防控",
    "孕产妇系统管理率",
    "孕产妇死亡率",
    "婴儿死亡率",
    "家庭医生",
    "家庭医生重点人群签约率",
    "疫苗接种率",
    "县域内就诊率",
    "医共体",
    "医养结合",
    "计划生育",
    "奖励扶助",
    "特别扶助",
    "乡村医生",
    # departments (abbreviations are in the synonym groups)
    "科技和工业信息化局",
    "科工局",
    "卫生健康局",
    "卫健局",
    "交通运输局",
    "民政局",
)

SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("三公", "三公经费", "“三公”经费"),
    ("实际", "决算", "支出"),
    ("编制", "核定编制", "人员编制"),
    ("在职", "实有", "在职人员", "实有人数", "在职人数"),
    ("公车", "公务用车"),
    ("接待", "公务接待"),
    ("出国", "因公出国", "因公出国（境）"),
    ("得分", "自评得分", "分数", "评分"),
    ("人员经费", "人员支出"),
    ("公用经费", "公用支出"),
    ("完成", "实际完成值", "完成值"),
    ("目标", "指标值", "年度指标值"),
    ("批", "批次"),
    ("车", "车辆", "保有量"),
    ("研发", "研发投入", "研发经费"),
    ("执行率", "预算执行率"),
    ("问题", "存在的问题"),
    ("税收", "税金", "实缴税金"),
    ("离退休费", "离退休人员经费"),
    ("科工局", "科技和工业信息化局"),
    ("卫健局", "卫生健康局"),
    ("交通局", "交通运输局"),
)

QUERY_STOPWORDS: frozenset[str] = frozenset(
    "多少 几 哪个 哪些 哪里 哪 哪一段 哪段 哪儿 什么 怎么 怎样 如何 是否 有没有 吗 呢 吧 啊 了 "
    "的 地 得 是 有 和 与 及 或 在 写 讲 说 提到 各 各是 分别 请问 一下 这个 那 那么".split()
)

_PUNCT_IN_TERM = re.compile(r"[“”‘’\"'「」『』（）()]")


def squash(term: str) -> str:
    """A term without the quotes and brackets jieba cannot keep inside one word."""
    return _PUNCT_IN_TERM.sub("", unicodedata.normalize("NFKC", term))


@functools.cache
def canonical_forms() -> dict[str, str]:
    """Punctuated spellings (NFKC) → their squashed form, longest first."""
    spelled = {
        unicodedata.normalize("NFKC", t)
        for t in (*DOMAIN_TERMS, *(m for g in SYNONYM_GROUPS for m in g))
    }
    pairs = {s: squash(s) for s in spelled if squash(s) != s}
    return dict(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


@functools.cache
def jieba_words() -> tuple[str, ...]:
    """Every term (squashed, deduplicated) to add to jieba's dictionary."""
    words = dict.fromkeys(squash(t) for t in DOMAIN_TERMS)
    return tuple(w for w in words if len(w) > 1)


@functools.cache
def synonym_index() -> dict[str, tuple[str, ...]]:
    """Squashed term → the other (squashed) members of every group it belongs to."""
    index: dict[str, dict[str, None]] = {}
    for group in SYNONYM_GROUPS:
        members = list(dict.fromkeys(squash(m) for m in group))
        for member in members:
            others = index.setdefault(member, {})
            others.update(dict.fromkeys(m for m in members if m != member))
    return {term: tuple(others) for term, others in index.items()}


def expand_terms(tokens: list[str]) -> list[str]:
    """The tokens followed by their synonyms (deduplicated, order kept)."""
    synonyms = synonym_index()
    out = dict.fromkeys(tokens)
    for token in tokens:
        out.update(dict.fromkeys(synonyms.get(squash(token), ())))
    return list(out)
