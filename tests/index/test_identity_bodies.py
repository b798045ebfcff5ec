"""The body a report is about, named by the report's own text, beats the portal that
published it: a project report titled only with its county ("某县2022年…项目支出绩效自评报告")
on a county government's site is filed under the bureau that carries the project out."""

from __future__ import annotations

from index.identity import detect_identity
from index.models import Block, LoadedDocument
from index.normalise import normalise


def _identity(lines: list[str | list[list[str]]], meta=(), file_name: str | None = None):
    blocks = [
        Block.table(item) if isinstance(item, list) else Block.paragraph(item) for item in lines
    ]
    norm = normalise(LoadedDocument(file="x.html", format="html", blocks=tuple(blocks)))
    return detect_identity(norm, file_name=file_name, meta=meta)


def _body(ident) -> tuple:
    return ident.county, ident.department, ident.year


def test_site_name_in_the_page_title_loses_to_the_body_that_carries_the_project_out():
    meta = [("title", "云岭县2021年林下种植扶持项目支出绩效自评报告_云岭县人民政府网")]
    ident = _identity(
        [
            "云岭县2021年林下种植扶持项目支出绩效自评报告",
            "一、项目概况",
            "本项目由云岭县林业和草原局牵头实施，覆盖5个乡镇。",
            "二、资金情况",
            "项目预算资金120.00万元。",
        ],
        meta=meta,
    )
    assert _body(ident) == ("云岭县", "林业和草原局", 2021)
    assert ident.source_of("department") == "responsible_body"


def test_implementing_unit_line_and_form_label_cells_name_the_body():
    labelled = _identity(
        ["2020年度农村公路养护项目支出绩效自评报告", "项目实施单位：石坪县交通运输局", "一、概况"]
    )
    assert _body(labelled)[:2] == ("石坪县", "交通运输局")
    form = _identity(
        [
            "项目支出绩效自评表（2020年度）",
            [
                ["项目名称", "农村公路养护"],
                ["主管部门", "石坪县交通运输局", "实施单位", "石坪县公路养护中心"],
            ],
        ]
    )
    # the department in charge (主管部门) names the report, not the unit under it
    assert _body(form)[:2] == ("石坪县", "交通运输局")


def test_site_name_is_still_used_when_nothing_else_names_a_body():
    meta = [("title", "通知公告_云岭县人民政府网")]
    ident = _identity(["一、基本情况", "全年完成各项工作任务。"], meta=meta)
    assert (ident.county, ident.department) == ("云岭县", "人民政府")
    assert ident.source_of("department") == "site_name"


def test_a_title_naming_its_body_wins_over_bodies_named_in_the_text():
    ident = _identity(
        [
            "云岭县财政局2022年度部门整体支出绩效自评报告",
            "一、基本情况",
            "全县高标准农田项目由云岭县农业农村局组织实施，本局负责资金拨付。",
        ]
    )
    assert _body(ident) == ("云岭县", "财政局", 2022)


def test_a_township_government_named_by_the_title_is_kept():
    ident = _identity(
        ["云岭县青岗镇人民政府2022年度部门整体支出绩效自评报告", "一、基本情况", "正文。"]
    )
    assert (ident.county, ident.department) == ("云岭县", "青岗镇人民政府")


def test_a_prefecture_bureaus_county_branch_is_filed_under_the_county():
    """Vertically managed bodies title their reports "X州生态环境局Y县分局": the report is
    about county Y (its suffix restored from the national list when left out) and its 分局."""
    ident = _identity(
        [
            "黔东南州生态环境局岑巩分局2023年度部门整体支出绩效自评报告",
            "一、部门基本情况",
            "本分局负责全县生态环境监督管理，2023年支出286.40万元。",
        ]
    )
    assert _body(ident) == ("岑巩县", "生态环境分局", 2023)
    written = _identity(["苏州市公安局吴中分局2022年度部门决算说明", "一、部门职责"])
    assert _body(written) == ("吴中区", "公安分局", 2022)


def test_a_branch_goes_by_its_parent_bodys_names_in_questions():
    from index.departments import short_forms

    forms = short_forms("生态环境分局")
    assert {"生态环境局", "环保局"} <= set(forms)
    assert "公安局" in short_forms("公安分局")


def test_a_branch_under_a_short_prefecture_name_and_an_ethnic_county():
    ident = _identity(["黔南州生态环境局三都县分局2023年度部门整体支出绩效自评报告", "一、概况"])
    assert _body(ident) == ("三都水族自治县", "生态环境分局", 2023)


def test_a_sentence_that_only_looks_like_a_county_names_no_report():
    """ "按照县财政局统一部署" reads as a county 照县 and the body 财政局: no listed county, so
    it never becomes the report's identity."""
    ident = _identity(
        [
            "2023年度部门整体支出绩效自评报告",
            "按照县财政局统一部署，本局对2023年度部门整体支出开展了绩效自评。",
        ]
    )
    assert ident.county != "照县" and ident.department != "财政局"


def test_a_project_forms_department_is_its_owner_not_the_unit_that_filled_it_in():
    ident = _identity(
        [
            "项目支出绩效自评表",
            "填报单位：温泉县环境监测站",
            [["项目名称", "空气自动站运行维护"], ["主管部门", "博州生态环境局温泉县分局"]],
            "（2023年度）",
        ]
    )
    assert _body(ident)[:2] == ("温泉县", "生态环境分局")
