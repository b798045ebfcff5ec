"""What ingest takes from a folder (issue 12, minor): links not followed unless asked, skipped
files listed with a reason, each outcome available as soon as it is known."""

from __future__ import annotations

import shutil
from pathlib import Path

from index.ingest import discover, discover_files

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / ".git" / "config.txt").write_text("x", encoding="utf-8")
    (folder / "a.txt").write_text("报告", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("报告", encoding="utf-8")
    (folder / ".hidden.txt").write_text("报告", encoding="utf-8")
    (folder / "~$lock.docx").write_text("x", encoding="utf-8")
    (folder / "a.txt.meta.json").write_text("{}", encoding="utf-8")
    secret = tmp_path / "outside.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (folder / "linked-dir").symlink_to(tmp_path, target_is_directory=True)
    return folder


def test_links_in_folders_are_not_followed_and_skips_are_listed(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert discover([folder]) == [folder / "a.txt", folder / "sub" / "b.txt"]
    _, skipped = discover_files([folder])
    reasons = {o.path.name: o.message for o in skipped}
    assert set(reasons) == {
        ".git",
        ".hidden.txt",
        "~$lock.docx",
        "passwd.txt",
        "dangling.txt",
        "linked-dir",
    }
    assert "--follow-symlinks" in reasons["passwd.txt"]
    assert "dangling" in reasons["dangling.txt"] and "hidden" in reasons[".hidden.txt"]
    assert {o.status for o in skipped} == {"skipped"}


def test_follow_symlinks_takes_linked_files(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    files, skipped = discover_files([folder], follow_symlinks=True)
    assert folder / "passwd.txt" in files
    assert "dangling.txt" in {o.path.name for o in skipped}


def test_a_link_named_directly_is_taken(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert discover([folder / "passwd.txt"]) == [folder / "passwd.txt"]


def test_outcomes_arrive_one_file_at_a_time(tmp_path: Path, make_service) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("青山县农业农村局2022.txt", "青山县农业农村局2023.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / ".DS_Store").write_text("x", encoding="utf-8")
    service = make_service()
    outcomes = service.ingest_iter([folder])
    assert next(outcomes).status == "skipped"
    assert next(outcomes).status == "added"
    assert len(service.reports()) == 1  # the second file is not read yet
    assert next(outcomes).status == "added"
    assert len(service.reports()) == 2
