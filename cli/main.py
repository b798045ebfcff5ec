"""`report-assistant` command line: a thin front end over :class:`ReportService`.

It calls only the service's typed operations; it never reads the index itself."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from assistant.errors import ReportAssistantError
from assistant.export import report_dict
from cli import render

DESCRIPTION = """\
报告问答助手 Report Assistant — 对部门整体支出绩效自评报告、部门决算说明等报告进行检索与问答。
Index Chinese budget-performance reports (txt/md in UTF-8 or GBK, docx, pdf, html) into a local
Chroma store, chunked by section, and search them with the cited source passage.
"""

EPILOG = """\
examples / 示例:
  report-assistant ingest examples/reports            # index a folder (idempotent)
  report-assistant ingest 报告.pdf --county 永兴县 --year 2022   # override detected identity
  report-assistant reports                             # list indexed reports
  report-assistant check [--repair]                    # catalogue and store agree?
  report-assistant search "三公经费" --county 炎陵县      # passages with section and span
  report-assistant search                              # interactive prompt
  report-assistant show 1a2b3c4d                       # print a report's normalised text
  report-assistant remove 1a2b3c4d                     # delete a report everywhere

settings: every flag's default comes from REPORT_ASSISTANT_* environment variables, e.g.
  REPORT_ASSISTANT_DATA_DIR (index folder), REPORT_ASSISTANT_EMBEDDING_MODEL (m3e-small, a
  folder, or a hub id such as BAAI/bge-small-zh-v1.5), REPORT_ASSISTANT_CHUNK_MAX_TOKENS.
"""


DATA_DIR_HELP = (
    "index folder (default: $REPORT_ASSISTANT_DATA_DIR, else ~/.local/share/report-assistant)"
)


def _parser() -> argparse.ArgumentParser:
    # --data-dir is accepted before and after the command. The subcommands' copy defaults to
    # SUPPRESS so that, when given only before the command, the subcommand's default does not
    # overwrite it (argparse copies a subparser's defaults over the main namespace).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=DATA_DIR_HELP)
    parser = argparse.ArgumentParser(
        prog="report-assistant",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data-dir", type=Path, default=None, help=DATA_DIR_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ingest = sub.add_parser(
        "ingest",
        parents=[common],
        help="index report files and folders (idempotent)",
        description="Index files and folders. Unchanged files are skipped, changed ones replaced "
        "whole; a bad file gets one error line and the rest still go in (exit status 1). "
        "Identity overrides apply to every file named; a sidecar FILE.meta.json "
        '({"county": …, "department": …, "year": …, "doc_type": …}) overrides one file.',
    )
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument("--rebuild", action="store_true", help="drop the index and start over")
    ingest.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="in folders, ingest files that symbolic links point to (default: list them as "
        "skipped)",
    )
    _identity_flags(ingest)

    check = sub.add_parser(
        "check",
        parents=[common],
        help="compare catalogue, chunks, facts and lexical index (--repair to fix)",
        description="Report where the catalogue and the chunk store disagree: interrupted "
        "writes, catalogue rows without chunks, chunks without rows, facts without a report or "
        "outside their report's text, a saved lexical index out of step. Exit status 1 when "
        "anything disagrees. With --repair, interrupted writes are finished or rolled back, "
        "strays are dropped and broken reports are ingested again from their files.",
    )
    check.add_argument("--repair", action="store_true", help="make the index agree again")

    reports = sub.add_parser("reports", parents=[common], help="list indexed reports")
    reports.add_argument("--json", action="store_true", help="one JSON object per report")

    show = sub.add_parser(
        "show", parents=[common], help="print a report's normalised text (what spans index)"
    )
    show.add_argument("report_id", help="report id or a unique prefix of it")
    show.add_argument("--chunks", action="store_true", help="list its chunks with spans instead")

    remove = sub.add_parser("remove", parents=[common], help="delete a report everywhere")
    remove.add_argument("report_id", help="report id or a unique prefix of it")

    search = sub.add_parser(
        "search", parents=[common], help="find passages (no answer generation); prompt if no query"
    )
    search.add_argument("query", nargs="?", help="question or keywords; omit for a prompt")
    search.add_argument(
        "-k", type=int, help="passages to show (default $REPORT_ASSISTANT_SEARCH_K, 5)"
    )
    search.add_argument("--json", action="store_true", help="print passages as JSON")
    search.add_argument("--county")
    search.add_argument("--department")
    search.add_argument("--year", type=int)

    ask = sub.add_parser(
        "ask",
        parents=[common],
        help="answer with cited sources; a prompt if no question",
        description="Answer from the indexed reports, citing the passage behind every figure. "
        "With no question, opens a conversation prompt (follow-ups keep county/year/topic). "
        '--batch reads JSON lines {"id", "question"} or {"id", "turns": [...]} and '
        "writes one JSON answer per line with the same id.",
    )
    ask.add_argument(
        "question", nargs="?", help="the question, e.g. 炎陵县2023年三公经费花了多少？"
    )
    ask.add_argument("--json", action="store_true", help="print the answer contract as JSON")
    ask.add_argument("--batch", type=Path, metavar="FILE.jsonl", help="answer every line of FILE")
    ask.add_argument(
        "--stream",
        action="store_true",
        help="print the answer as it is written (LLM mode), then the verified answer's sources",
    )

    facts = sub.add_parser(
        "facts",
        parents=[common],
        help="print or export the fact table",
        description="Figures extracted at ingest (metric, qualifier, value as written, unit, "
        "value in 元, where it is said). Conflicting values in one report are marked.",
    )
    facts.add_argument("--county", help="e.g. 永兴县 or 永兴")
    facts.add_argument("--department", help="e.g. 科技和工业信息化局 or 科工局")
    facts.add_argument("--year", type=int)
    facts.add_argument("--metric", help="e.g. 三公经费, 人员经费, 编制数")
    facts.add_argument("--csv", action="store_true", help="CSV on stdout (UTF-8 with BOM)")

    evaluate = sub.add_parser(
        "eval",
        parents=[common],
        help="score a QA file against the current index",
        description="Run a QA file (format of shared/eval/dev_qa.jsonl) and print pass rates per "
        "kind, evidence hit rate, retrieval recall@k, unsupported money figures and latency.",
    )
    evaluate.add_argument("qa_file", type=Path, metavar="QA.jsonl")
    evaluate.add_argument("-k", type=int, default=5, help="k of recall@k (default 5)")
    evaluate.add_argument("--verbose", "-v", action="store_true", help="list failed items")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument(
        "--answers",
        type=Path,
        metavar="FILE.jsonl",
        help="also write each answer (as `ask --batch --json` does) for an external scorer",
    )
    serve = sub.add_parser(
        "serve",
        parents=[common],
        help="index reports, then serve the web app and the HTTP API",
        description="Ingest the given files and folders (idempotent; without any, the bundled "
        "examples/reports go into an EMPTY library only: an existing library is left as it is), "
        "then serve the web app (问答 with sources, 报告库, 比较) and, on the "
        "same port, the HTTP API: /v1/chat/completions (OpenAI format), /api/…, docs at /docs. "
        "Without --auth (web app) and REPORT_ASSISTANT_API_KEY (API), bind only to 127.0.0.1 "
        "unless the network is trusted.",
    )
    serve.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    serve.add_argument("--host", help="address to listen on (default $REPORT_ASSISTANT_UI_HOST)")
    serve.add_argument("--port", type=int, help="port (default $REPORT_ASSISTANT_UI_PORT)")
    serve.add_argument("--auth", metavar="USER:PASSWORD", help="require this login")
    return parser


def _identity_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("identity overrides (otherwise detected from the text)")
    group.add_argument("--county", help="县/县级市/区/自治县/旗, e.g. 永兴县")
    group.add_argument("--department", help="e.g. 科技和工业信息化局")
    group.add_argument("--year", type=int, help="fiscal year the report covers, e.g. 2022")
    group.add_argument("--doc-type", dest="doc_type", help="e.g. 部门整体支出绩效自评报告")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and ``python -m assistant``."""
    _utf8_stdio()
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        from assistant.factory import build_service
        from assistant.settings import load_settings

        with quiet_libraries():
            service = build_service(load_settings(data_dir=args.data_dir))
            return COMMANDS[args.command](service, args)
    except ReportAssistantError as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


@contextlib.contextmanager
def quiet_libraries() -> Iterator[None]:
    """Keep libraries' own progress bars and log lines ("Loading weights …", tqdm, transformers
    warnings) out of the command's output: our own output and errors still go through."""
    from assistant.factory import silence_libraries

    silence_libraries()
    yield


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def _cmd_ingest(service, args) -> int:  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    overrides = {
        k: getattr(args, k)
        for k in ("county", "department", "year", "doc_type")
        if getattr(args, k) is not None
    }
    bar = tqdm(total=0, unit="file", desc="入库 ingest", file=sys.stderr, dynamic_ncols=True)

    def progress(done: int, total: int, name: str) -> None:
        bar.total = total
        bar.n = done
        bar.set_postfix_str(name[-40:], refresh=True)

    outcomes = []
    for outcome in service.ingest_iter(
        args.paths,
        overrides,
        rebuild=args.rebuild,
        progress=progress,
        follow_symlinks=args.follow_symlinks,
    ):  # each file's line as soon as it is known: a killed run still leaves its record
        outcomes.append(outcome)
        stream = sys.stderr if outcome.status == "failed" else sys.stdout
        bar.clear()
        print(render.outcome_line(outcome), file=stream, flush=True)
        bar.refresh()
    bar.close()
    print(render.ingest_summary(outcomes))
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def _cmd_check(service, args) -> int:  # type: ignore[no-untyped-def]
    found = service.check(repair=args.repair)
    print(render.consistency_text(found))
    return 0 if found.clean else 1


def _cmd_reports(service, args) -> int:  # type: ignore[no-untyped-def]
    reports = service.reports()
    if args.json:
        for report in reports:
            print(json.dumps(report_dict(report), ensure_ascii=False))
    else:
        print(render.reports_table(reports))
    return 0


def _cmd_show(service, args) -> int:  # type: ignore[no-untyped-def]
    report = service.report(args.report_id)
    if args.chunks:
        print(render.chunks_listing(service.chunks(report.id)))
    else:
        print(report.text)
    return 0


def _cmd_remove(service, args) -> int:  # type: ignore[no-untyped-def]
    report = service.remove(args.report_id)
    print(f"已删除 / removed {report.id} {report.file}")
    return 0


def _cmd_search(service, args) -> int:  # type: ignore[no-untyped-def]
    from assistant.filters import AskFilters

    filters = AskFilters(county=args.county, department=args.department, year=args.year)
    if args.query:
        _print_hits(service.search(args.query, k=args.k, filters=filters), args.json)
        return 0
    if not service.reports():
        print("索引为空，请先运行 ingest / the index is empty: run `report-assistant ingest PATH`")
        return 1
    print("输入问题或关键词，空行退出 / type a question, empty line to quit")
    while True:
        try:
            query = input("? ").strip()
        except EOFError:
            break
        if not query:
            break
        _print_hits(service.search(query, k=args.k, filters=filters), args.json)
    return 0


def _print_hits(hits, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    if as_json:
        print(json.dumps([render.hit_dict(h) for h in hits], ensure_ascii=False, indent=2))
    else:
        print(render.hits_text(hits))


def _cmd_ask(service, args) -> int:  # type: ignore[no-untyped-def]
    from assistant.conversation import Conversation

    if args.batch:
        return _ask_batch(service, args.batch)
    if args.question is not None:  # "" is a question too: answered (refused), no prompt
        _answer_one(service, args.question, None, args)
        return 0
    if not service.reports():
        print("索引为空，请先运行 ingest / the index is empty: run `report-assistant ingest PATH`")
        return 1
    conversation = Conversation()
    print("请提问（空行退出，输入“新对话”重新开始）/ ask away (empty line quits)")
    while True:
        try:
            question = input("问> ").strip()
        except EOFError:
            break
        if not question:
            break
        if question in ("新对话", "/new", "/reset"):
            conversation.reset()
            continue
        _answer_one(service, question, conversation, args)
    return 0


def _answer_one(service, question: str, conversation, args) -> None:  # type: ignore[no-untyped-def]
    """One question: streamed to the terminal, or printed whole (text or JSON)."""
    if args.stream and not args.json:
        _stream_answer(service, question, conversation)
    else:
        _print_answer(service.ask(question, conversation), args.json)


def _stream_answer(service, question: str, conversation) -> None:  # type: ignore[no-untyped-def]
    """Tokens as they arrive; then, if verification changed the text, the verified answer."""
    from assistant.events import FinalAnswer, TextDelta

    written = []
    for event in service.ask_stream(question, conversation):
        if isinstance(event, FinalAnswer):
            answer = event.answer
            print()
            if "".join(written).strip() != answer.answer.strip():
                print("—— 核对后的答案 / verified answer ——")
                print(answer.answer)
            print(render.answer_sources(answer))
        elif isinstance(event, TextDelta):
            written.append(event.text)
            print(event.text, end="", flush=True)


def _ask_batch(service, path: Path) -> int:  # type: ignore[no-untyped-def]
    from assistant.batch import answer_line, read_lines

    for item in read_lines(path):
        print(json.dumps(answer_line(service, item), ensure_ascii=False), flush=True)
    return 0


def _print_answer(answer, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render.answer_text(answer))


def _cmd_eval(service, args) -> int:  # type: ignore[no-untyped-def]
    from evaluation.runner import format_report, report_json
    from evaluation.service import evaluate

    report = evaluate(service, args.qa_file, k=args.k, answers_to=args.answers)

    if args.json:
        print(json.dumps(report_json(report), ensure_ascii=False, indent=2))
    else:
        print(format_report(report, verbose=args.verbose))
    return 0


def _cmd_facts(service, args) -> int:  # type: ignore[no-untyped-def]
    rows = service.facts(args.county, args.department, args.year, args.metric)
    if args.csv:
        from assistant.export import facts_csv

        sys.stdout.write(facts_csv(rows))
    else:
        print(render.facts_table(rows))
    return 0


def _cmd_serve(service, args) -> int:  # type: ignore[no-untyped-def]
    from api.server import serve
    from assistant.settings import load_settings

    settings = load_settings(
        data_dir=args.data_dir, ui_host=args.host, ui_port=args.port, ui_auth=args.auth
    )
    return serve(service, settings, args.paths)  # no paths: examples into an empty library only


COMMANDS = {
    "check": _cmd_check,
    "facts": _cmd_facts,
    "ask": _cmd_ask,
    "eval": _cmd_eval,
    "ingest": _cmd_ingest,
    "reports": _cmd_reports,
    "show": _cmd_show,
    "remove": _cmd_remove,
    "search": _cmd_search,
    "serve": _cmd_serve,
}
