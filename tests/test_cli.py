"""toolkit.cli: exit codes 0/1/2, messages on stderr, never a traceback — in-process and as a real process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ACCESSION, KENYA

import toolkit
from toolkit.cli import main

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args])


def ratkit(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m toolkit ARGS`` as a user runs it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def bad_profile(write_profile, *more: tuple[str, str]) -> Path:
    """The Kenya fixture with an unknown State code on line 4 (and any further replacements)."""
    text = KENYA.read_text(encoding="utf-8")
    for old, new in (("  code: KE\n", "  code: XX\n"), *more):
        assert text.count(old) == 1
        text = text.replace(old, new)
    return write_profile(text, "bad.yaml")


def bad_code_message(path: Path) -> str:
    return f"error: {path}:4: state.code: 'XX' is not the ISO 3166-1 code of a State in the UN names table"


def unsigned_kenya(write_profile) -> Path:
    text = KENYA.read_text(encoding="utf-8").replace("signature:\n  date: 2008-12-03\n", "")
    return write_profile(text, "unsigned.yaml")


def fill_skeleton(path: Path) -> None:
    """Fill the skeleton's empty fields: the signatory's name and the place of the instrument."""
    text = path.read_text(encoding="utf-8")
    text, names = re.subn(r"(?m)^(signatory:.*\n)  name:[ ]*(#.*)?$", r"\1  name: Jane Doe", text, count=1)
    text, places = re.subn(r"(?m)^  place:[ ]*(#.*)?$", "  place: Nairobi", text)
    text = re.sub(r"(?m)^  legal_system:[ ]*(#.*)?$", "  legal_system: civil_law", text)
    assert (names, places) == (1, 1)
    path.write_text(text, encoding="utf-8")


# --- in process, through click's CliRunner ----------------------------------------------------------------------


def test_check_good_profile():
    result = cli("check", KENYA)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Kenya: instrument of ratification of the Convention on Cluster Munitions")
    assert "Nothing would make the depositary refuse the instrument" in result.stdout
    assert result.stderr == ""


def test_check_bad_profile(write_profile):
    path = bad_profile(write_profile)
    result = cli("check", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [bad_code_message(path)]
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_check_reports_every_problem(write_profile):
    path = bad_profile(write_profile, ("  legal_system: common_law", "  legal_sytem: common_law"))
    result = cli("check", path)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert bad_code_message(path) in lines
    assert f"error: {path}:6: state.legal_sytem: unknown key 'legal_sytem' — did you mean 'legal_system'?" in lines
    assert all(line.startswith(f"error: {path}:") for line in lines)


def test_check_missing_file(tmp_path):
    result = cli("check", tmp_path / "missing.yaml")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tmp_path / 'missing.yaml'}: file not found")


def test_check_refused_instrument_exits_1(write_profile):
    result = cli("check", unsigned_kenya(write_profile))
    assert result.exit_code == 1
    assert re.search(r"(?m)^FAILED +signature-record", result.stdout)
    assert "The depositary would refuse this instrument: 1 check failed." in result.stdout
    assert "Traceback" not in result.output


def test_build_writes_the_folder(tmp_path):
    out = tmp_path / "packet"
    result = cli("build", KENYA, "--no-pdf", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"built {out} (en):")
    assert (out / "instrument.docx").is_file()
    assert (out / "manifest.json").is_file()
    assert not list(out.glob("*.pdf"))
    assert "  instrument.docx" in result.stdout.splitlines()


def test_build_again_needs_force(tmp_path):
    out = tmp_path / "packet"
    assert cli("build", KENYA, "--no-pdf", "--out", out).exit_code == 0
    again = cli("build", KENYA, "--no-pdf", "--out", out)
    assert again.exit_code == 1
    assert again.stderr.splitlines() == [
        f"error: {out}: --out: already holds a packet — use --force to replace it, or choose another --out"
    ]
    assert cli("build", KENYA, "--no-pdf", "--out", out, "--force").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packet"]


def test_build_default_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(KENYA), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "packet-KE-en" / "instrument.docx").is_file()


def test_build_refused_instrument_needs_draft(tmp_path, write_profile):
    profile = unsigned_kenya(write_profile)
    refused = cli("build", profile, "--no-pdf", "--out", tmp_path / "packet")
    assert refused.exit_code == 1
    assert "signature-record" in refused.stderr
    assert "build with --draft" in refused.stderr
    assert not (tmp_path / "packet").exists()
    draft = cli("build", profile, "--no-pdf", "--out", tmp_path / "packet", "--draft")
    assert draft.exit_code == 0, draft.output
    assert (tmp_path / "packet" / "instrument.docx").is_file()


def test_build_unknown_language_lists_languages(tmp_path):
    result = cli("build", KENYA, "--no-pdf", "--lang", "de", "--out", tmp_path / "packet")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: --lang: 'de' is not a language the toolkit supports — use one of: ")
    assert "en (English)" in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "packet").exists()


def test_verify_then_tamper(tmp_path):
    out = tmp_path / "packet"
    assert cli("build", KENYA, "--no-pdf", "--out", out).exit_code == 0
    ok = cli("verify", out)
    assert ok.exit_code == 0
    assert ok.stdout.strip() == f"{out}: every file matches its manifest"
    (out / "instrument.docx").write_bytes(b"tampered")
    (out / "cover-note.docx").unlink()
    bad = cli("verify", out)
    assert bad.exit_code == 1
    assert sorted(bad.stderr.splitlines()) == sorted(
        [
            f"error: {out / 'instrument.docx'}: has changed since the packet was built (SHA-256 differs)",
            f"error: {out / 'cover-note.docx'}: is missing",
        ]
    )


def test_verify_folder_without_manifest(tmp_path):
    result = cli("verify", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path}: has no manifest.json; it is not a packet folder"


def test_schema_prints_json():
    result = cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert {"state", "signatory", "instrument", "mission"} <= set(schema["properties"])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_init_writes_a_skeleton(tmp_path):
    path = tmp_path / "x.yaml"
    result = cli("init", path, "--state", "KEN")
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert re.search(r"(?m)^  code: KE\b", text)
    assert "Permanent Mission of the Republic of Kenya to the United Nations" in text
    assert re.search(r"(?m)^  date: 2008-12-03\b", text)  # Kenya's recorded signature
    check = cli("check", path)  # unfilled: the empty fields are named
    assert check.exit_code == 1
    assert f"error: {path}:" in check.stderr
    assert "signatory.name: is empty" in check.stderr
    assert "instrument.place: is empty" in check.stderr


@pytest.mark.parametrize("code", ["KE", "DZ"])
def test_filled_skeleton_passes_check(tmp_path, code):
    path = tmp_path / "x.yaml"
    assert cli("init", path, "--state", code).exit_code == 0
    fill_skeleton(path)
    result = cli("check", path)
    assert result.exit_code == 0, result.stderr


def test_init_unknown_code(tmp_path):
    result = cli("init", tmp_path / "x.yaml", "--state", "XY")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: --state: 'XY' is not the ISO 3166-1 code of a State")
    assert not (tmp_path / "x.yaml").exists()


def test_init_refuses_to_overwrite(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("mine\n", encoding="utf-8")
    result = cli("init", path, "--state", "KE")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}: already exists")
    assert path.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(
    "args",
    [
        ["build"],  # missing PROFILE
        ["build", str(KENYA), "--bogus"],  # unknown option
        ["nosuch"],  # unknown command
        ["build", str(KENYA), "--jobs", "0"],  # out of range
        ["check"],
        ["verify"],
    ],
)
def test_usage_errors_exit_2(args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


def test_version():
    result = cli("--version")
    assert result.exit_code == 0
    assert toolkit.__version__ in result.stdout


# --- as a real process: python -m toolkit ----------------------------------------------------------------------


def test_process_check_good(tmp_path):
    result = ratkit("check", KENYA, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Nothing would make the depositary refuse the instrument" in result.stdout
    assert result.stderr == ""


def test_process_check_bad_has_no_traceback(tmp_path, write_profile):
    path = bad_profile(write_profile)
    result = ratkit("check", path, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [bad_code_message(path)]
    assert "Traceback" not in result.stderr


def test_process_build_verify_tamper(tmp_path):
    built = ratkit("build", KENYA, "--no-pdf", "--out", "packet", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "packet" / "instrument.docx").is_file()
    again = ratkit("build", KENYA, "--no-pdf", "--out", "packet", cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr.startswith("error: packet: --out: already holds a packet")
    assert "Traceback" not in again.stderr
    assert ratkit("verify", "packet", cwd=tmp_path).returncode == 0
    with (tmp_path / "packet" / "checklist.docx").open("ab") as handle:
        handle.write(b"\0")
    tampered = ratkit("verify", "packet", cwd=tmp_path)
    assert tampered.returncode == 1
    assert "checklist.docx: has changed since the packet was built" in tampered.stderr
    assert "Traceback" not in tampered.stderr


def test_process_schema(tmp_path):
    result = ratkit("schema", cwd=tmp_path)
    assert result.returncode == 0
    assert "state" in json.loads(result.stdout)["properties"]


def test_process_init_and_unknown_code(tmp_path):
    assert ratkit("init", "x.yaml", "--state", "KE", cwd=tmp_path).returncode == 0
    assert (tmp_path / "x.yaml").is_file()
    unknown = ratkit("init", "y.yaml", "--state", "XY", cwd=tmp_path)
    assert unknown.returncode == 1
    assert "Traceback" not in unknown.stderr
    assert not (tmp_path / "y.yaml").exists()


def test_process_filled_skeleton_passes_check(tmp_path):
    assert ratkit("init", "x.yaml", "--state", "KE", cwd=tmp_path).returncode == 0
    fill_skeleton(tmp_path / "x.yaml")
    result = ratkit("check", "x.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_process_unknown_language(tmp_path):
    result = ratkit("build", KENYA, "--no-pdf", "--lang", "de", cwd=tmp_path)
    assert result.returncode == 1
    assert "'de'" in result.stderr
    assert "en (English)" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["build"], ["build", "p.yaml", "--bogus"], ["nosuch"]])
def test_process_usage_errors_exit_2(tmp_path, args):
    result = ratkit(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "Usage:" in result.stderr


def test_process_check_without_mission_city(tmp_path, write_profile):
    text = ACCESSION.read_text(encoding="utf-8").replace("  city: New York\n", "")
    result = ratkit("check", write_profile(text, "nocity.yaml"), cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0
