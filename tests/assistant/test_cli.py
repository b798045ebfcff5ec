"""The command line, run in-process (and once as a real subprocess) over a temp data dir."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"


@pytest.fixture
def run(tmp_path, capsys, monkeypatch, embeddings):
    """Call the CLI with --data-dir in tmp_path; the loaded model is reused across calls."""
    import assistant.factory as factory

    real_build = factory.build_service
    monkeypatch.setattr(
        factory, "build_service", lambda settings: real_build(settings, embeddings=embeddings)
    )

    def call(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--data-dir", str(tmp_path / "data")])
        out, err = capsys.readouterr()
        return code, out, err

    return call


def test_help_teaches_the_commands():
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "--help"], capture_output=True, text=True, check=True
    )
    for word in ("ingest", "reports", "show", "remove", "search", "REPORT_ASSISTANT_DATA_DIR"):
        assert word in result.stdout


def test_ingest_list_show_search_remove(run):
    code, out, _ = run("ingest", str(EXAMPLES))
    assert code == 0
    assert "added 3" in out
    code, out, _ = run("reports", "--json")
    reports = [json.loads(line) for line in out.splitlines()]
    assert {r["county"] for r in reports} == {"青山县", "云溪县"}
    assert all(r["chunks"] > 0 and r["year"] in (2022, 2023) for r in reports)
    docx = next(r for r in reports if r["file"].endswith(".docx"))

    code, out, _ = run("show", docx["id"][:8])
    assert code == 0 and "支出合计\t18420.00\t18577.96" in out

    code, out, _ = run("search", "云溪县三公经费决算", "--county", "云溪县", "--json")
    hits = json.loads(out)
    assert hits and {h["county"] for h in hits} == {"云溪县"}
    assert any("9.86" in h["text"] for h in hits)

    code, out, _ = run("remove", docx["id"])
    assert code == 0 and docx["file"] in out
    code, out, _ = run("reports", "--json")
    assert docx["id"] not in out


def test_bad_file_gives_one_line_and_nonzero_exit(run, tmp_path):
    bad = tmp_path / "坏文件.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    code, out, err = run("ingest", str(bad), str(EXAMPLES))
    assert code == 1
    messages = [line for line in err.splitlines() if not line.startswith("入库 ingest")]
    assert len([line for line in messages if "坏文件.pdf" in line]) == 1
    assert "Traceback" not in err
    assert "added 3" in out and "failed 1" in out


def test_unknown_report_id_is_one_clear_line(run):
    code, _, err = run("show", "nope")
    assert code == 2
    assert err.strip().startswith("错误 / error:") and "Traceback" not in err


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


def test_ask_json_follows_the_answer_contract(run):
    run("ingest", str(FIXTURES))
    code, out, _ = run("ask", "白水县2023年三公经费决算多少？", "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"question", "answer", "refused", "citations", "facts", "warnings"}
    assert data["refused"] is False and "43210.00元" in data["answer"]
    citation = data["citations"][0]
    assert {
        "n",
        "report_id",
        "file",
        "county",
        "department",
        "year",
        "section",
        "text",
        "start",
        "end",
        "score",
    } <= set(citation)
    code, shown, _ = run("show", citation["report_id"])
    assert shown[citation["start"] : citation["end"]] == citation["text"]


def test_ask_batch_keeps_ids_and_answers_the_last_turn(run, tmp_path):
    run("ingest", str(FIXTURES))
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        '{"id": "one", "question": "桂阳县2023年三公经费是多少？"}\n'
        "\n"
        '{"id": "two", "turns": ["青山县2023年公用经费是多少", "那白水呢？"]}\n',
        encoding="utf-8",
    )
    code, out, _ = run("ask", "--batch", str(batch))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line["id"] for line in lines] == ["one", "two"]
    assert lines[0]["refused"] is True
    assert "507440.50元" in lines[1]["answer"]


def test_bad_batch_line_is_one_clear_error(run, tmp_path):
    batch = tmp_path / "bad.jsonl"
    batch.write_text('{"id": 1}\n', encoding="utf-8")
    code, _, err = run("ask", "--batch", str(batch))
    assert code == 2 and "第 1 行" in err and "Traceback" not in err


def test_eval_prints_rates_recall_and_latency(run, tmp_path):
    run("ingest", str(FIXTURES))
    qa = tmp_path / "qa.jsonl"
    items = [
        {
            "id": "f1",
            "kind": "fact",
            "question": "白水县2023年三公经费决算多少？",
            "numbers": ["43210.00元"],
            "evidence": [{"file": "白水县农业农村局2023.txt", "text": "决算43210.00元"}],
        },
        {
            "id": "u1",
            "kind": "unanswerable",
            "question": "白水县2021年三公经费是多少？",
            "numbers": [],
            "evidence": [],
        },
    ]
    qa.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items), encoding="utf-8")
    code, out, _ = run("eval", str(qa), "--json")
    report = json.loads(out)
    assert code == 0
    assert report["pass_rate"] == 1.0
    assert report["recall_at_k"] == 1.0 and report["unsupported_count"] == 0


def test_ask_stream_prints_answer_and_sources(run):
    run("ingest", str(FIXTURES))
    code, out, _ = run("ask", "白水县2023年三公经费决算多少？", "--stream")
    assert code == 0 and "43210.00元" in out and "来源 / sources:" in out


@pytest.fixture
def cli(capsys, monkeypatch, embeddings):
    """Call the CLI exactly as given (no --data-dir added); the loaded model is reused."""
    import assistant.factory as factory

    real_build = factory.build_service
    monkeypatch.setattr(
        factory, "build_service", lambda settings: real_build(settings, embeddings=embeddings)
    )

    def call(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return call


def test_global_data_dir_before_the_command_is_used(cli, tmp_path):
    """`--data-dir X COMMAND` (the form --help shows) must not fall back to the default dir;
    `--rebuild` with it once wiped the default index."""
    from assistant.settings import default_data_dir

    default, chosen = default_data_dir(), tmp_path / "chosen"
    assert cli("ingest", str(FIXTURES / "青山县农业农村局2023.txt"))[0] == 0  # default dir
    code, out, _ = cli("--data-dir", str(chosen), "ingest", "--rebuild", str(FIXTURES))
    assert code == 0 and "added 3" in out
    assert (chosen / "catalog.sqlite").is_file()
    _, listed, _ = cli("--data-dir", str(chosen), "reports", "--json")
    assert len(listed.splitlines()) == 3
    _, kept, _ = cli("reports", "--json")  # the default index is untouched
    assert [json.loads(line)["file"] for line in kept.splitlines()] == ["青山县农业农村局2023.txt"]
    assert (default / "catalog.sqlite").is_file()
    _, after, _ = cli("reports", "--data-dir", str(chosen), "--json")  # after the command too
    assert after == listed


def test_ask_empty_question_with_json_prints_json(run, monkeypatch):
    import builtins

    def no_prompt(*_args):
        raise AssertionError("the conversation prompt was opened")

    monkeypatch.setattr(builtins, "input", no_prompt)
    run("ingest", str(FIXTURES))
    code, out, _ = run("ask", "", "--json")
    data = json.loads(out)
    assert code == 0 and data["question"] == "" and data["refused"] is True


@pytest.mark.slow
def test_library_progress_and_logs_never_reach_ask_or_search_output(make_service, tmp_path):
    """A real process loading the real model: stdout is only the JSON, stderr stays empty (no
    "Loading weights", no tqdm bars, no library warnings)."""
    import os

    data = tmp_path / "index"
    make_service(data_dir=data).ingest([FIXTURES])
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPORT_ASSISTANT_")}
    root = Path(__file__).resolve().parents[2]
    for args in (
        ["ask", "白水县2023年三公经费决算多少？", "--json"],
        ["search", "三公经费", "--json", "-k", "2"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "cli", *args, "--data-dir", str(data)],
            capture_output=True,
            text=True,
            env=env,
            cwd=root,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == "", result.stderr
        assert json.loads(result.stdout)  # nothing but the JSON on stdout
