"""Hostile files (issue 12, defects 6-8): garbled encrypted PDFs, very long names, a fresh
tiktoken cache shared by processes starting together."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from index.errors import LoadError
from index.loaders import load_file
from index.pipeline import read_sidecar

ROOT = Path(__file__).resolve().parents[2]
REPORT_LINES = [
    "青山县农业农村局2023年度部门整体支出绩效自评报告",
    "一、部门概况",
    "2023年“三公”经费决算12.50万元，预算13.00万元。",
]


def _owner_password_pdf(path: Path) -> Path:
    """A PDF anyone can open (empty user password) whose owner password forbids copying; its
    CJK text extracts as "(cid:NNNN)" glyph ids."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    enc = pdfencrypt.StandardEncryption("", ownerPassword="owner-only", canCopy=0)
    pdf = canvas.Canvas(str(path), encrypt=enc)
    pdf.setFont("STSong-Light", 12)
    for i, line in enumerate(REPORT_LINES * 5):
        pdf.drawString(72, 760 - 20 * i, line)
    pdf.save()
    return path


def test_owner_password_pdf_gives_one_clear_error(tmp_path: Path) -> None:
    path = _owner_password_pdf(tmp_path / "加密报告.pdf")
    with pytest.raises(LoadError) as err:
        load_file(path)
    message = str(err.value)
    assert "加密报告.pdf" in message and "无法解码" in message and "cid:" not in message


def test_owner_password_pdf_is_not_stored(tmp_path: Path, make_service) -> None:
    service = make_service()
    path = _owner_password_pdf(tmp_path / "加密报告.pdf")
    [outcome] = service.ingest([path])
    assert outcome.status == "failed" and "无法解码" in outcome.message
    assert service.reports() == [] and service.store.count() == 0


def test_long_file_name_has_no_sidecar(tmp_path: Path) -> None:
    name = "青山县农业农村局" * 10 + "报告.txt"  # 250 bytes: "<name>.meta.json" is too long
    assert len(name.encode()) > 245
    path = tmp_path / name
    path.write_text("\n".join(REPORT_LINES), encoding="utf-8")
    assert read_sidecar(path) == {}


def test_long_file_name_is_ingested(tmp_path: Path, make_service) -> None:
    name = "青山县农业农村局" * 10 + "报告.txt"
    path = tmp_path / name
    path.write_text("\n".join(REPORT_LINES * 3), encoding="utf-8")
    [outcome] = make_service().ingest([path])
    assert outcome.status == "added", outcome.message


_RACE = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from index.tokens import seed_tiktoken_cache
    base = Path(sys.argv[1])
    for i in range(int(sys.argv[2])):
        os.environ.pop("TIKTOKEN_CACHE_DIR", None)
        seed_tiktoken_cache(base / f"fresh{i}")
    print("ok")
    """
)


def test_processes_starting_together_share_a_fresh_tiktoken_cache(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TIKTOKEN_CACHE_DIR"}
    env["PYTHONPATH"] = str(ROOT)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _RACE, str(tmp_path), "30"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0 and out.strip() == "ok", err[-2000:]
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
