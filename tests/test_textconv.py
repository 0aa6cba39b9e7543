"""The README's textconv line works as written: `git diff` shows a template change as paragraphs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "ccm" / "instruments" / "full-powers.docx"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def test_git_diff_of_a_docx_template_shows_the_changed_paragraph(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".venv" / "bin").mkdir(parents=True)
    python = repo / ".venv" / "bin" / "python"  # the checkout's virtual environment, as the README assumes
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    shutil.copy(ROOT / ".gitattributes", repo / ".gitattributes")
    shutil.copy(TEMPLATE, repo / "full-powers.docx")
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "t@example.org")
    git(repo, "config", "user.name", "t")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = readme.split('git config diff.docx.textconv "', 1)[1].split('"', 1)[0]
    git(repo, "config", "diff.docx.textconv", command)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "template")
    document = docx.Document(str(repo / "full-powers.docx"))
    document.add_paragraph("A paragraph the coordinator added in Word.")
    document.save(str(repo / "full-powers.docx"))
    diff = git(repo, "diff")
    assert "+" in diff and "A paragraph the coordinator added in Word." in diff
    assert "Binary files" not in diff
