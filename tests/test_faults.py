"""Faults around a build: a damaged cache, a LibreOffice that writes half a PDF, two builds into one
folder, a file added during --force, kill -9 and SIGTERM mid-build, and tampered packets.

Every build here is a real process (``python -m toolkit``) with its own cache folder
(``RATKIT_CACHE_DIR=tmp_path/"cache"``).  The tests that need the real LibreOffice carry the
``libreoffice`` marker; they start from a copy of one warm cache (built once per module), so that
each pays only for what it converts again.  Kill and stop tests run with --no-pdf where LibreOffice
is not the point.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import psutil
import pytest
from conftest import KENYA, docx_text

from toolkit import build_packet
from toolkit.errors import OutputError
from toolkit.pdf.cache import PdfCache, looks_like_pdf
from toolkit.pdf.libreoffice import ConvertOptions

ROOT = Path(__file__).resolve().parent.parent
SEAL = 32  # bytes of SHA-256 in front of every cache entry
INSTRUMENT_WORDS = ["INSTRUMENT OF RATIFICATION", "Jane Wanjiru Doe", "IN WITNESS WHEREOF"]


def environment(cache: Path, **more: str) -> dict[str, str]:
    env = dict(os.environ, RATKIT_CACHE_DIR=str(cache), **more)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")
    return env


def ratkit(
    *args: str | Path, cache: Path, cwd: Path, timeout: float = 180, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *map(str, args)],
        cwd=cwd,
        env=environment(cache, **env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start(*args: str | Path, cache: Path, cwd: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "toolkit", *map(str, args)],
        cwd=cwd,
        env=environment(cache, **env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def assert_clean_failure(done: subprocess.CompletedProcess[str] | tuple[int, str]) -> str:
    code, errors = (done.returncode, done.stderr) if isinstance(done, subprocess.CompletedProcess) else done
    assert "Traceback" not in errors, errors[-3000:]
    assert code == 1, f"exit {code}: {errors[-1000:]}"
    assert errors.strip().startswith("error: "), errors
    return errors


def staging_leftovers(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.*"))


def assert_good_packet(out: Path, cache: Path, cwd: Path) -> None:
    """packet.pdf passes qpdf --check, holds the instrument's text, and `ratkit verify` passes."""
    check = subprocess.run(["qpdf", "--check", str(out / "packet.pdf")], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    text = subprocess.run(["pdftotext", str(out / "packet.pdf"), "-"], capture_output=True, text=True).stdout
    for words in INSTRUMENT_WORDS:
        assert words in text, f"packet.pdf lacks {words!r}"
    verified = ratkit("verify", out, cache=cache, cwd=cwd)
    assert verified.returncode == 0, verified.stderr


def same_files(a: Path, b: Path) -> list[str]:
    """Names of files that differ between two packet folders (the same inputs give the same bytes)."""
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    return [
        n
        for n in names
        if not (a / n).is_file() or not (b / n).is_file() or (a / n).read_bytes() != (b / n).read_bytes()
    ]


@dataclass(frozen=True)
class Golden:
    """One packet built with the real LibreOffice, and the warm cache it left."""

    out: Path
    cache: Path


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> Golden:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("golden")
    done = ratkit("build", KENYA, "--out", folder / "out", cache=folder / "cache", cwd=folder)
    assert done.returncode == 0, done.stderr
    return Golden(folder / "out", folder / "cache")


def warm_cache(golden: Golden, tmp_path: Path) -> Path:
    cache = tmp_path / "cache"
    shutil.copytree(golden.cache, cache, symlinks=True)
    return cache


def soffice_version(cache: Path) -> str:
    return str(json.loads((cache / "soffice-version.json").read_text())["version"])


def pdf_entry(cache: Path, docx_bytes: bytes) -> Path:
    """The cached PDF of a DOCX: ``pdf/<2>/<key>.pdf``, keyed by the DOCX, LibreOffice's version and options."""
    store = PdfCache(cache / "pdf")
    path = store.path(store.key(docx_bytes, soffice_version(cache), ConvertOptions()))
    assert path.is_file(), f"no cached PDF at {path}: the cache layout changed"
    return path


def docx_entry(cache: Path, docx_bytes: bytes) -> Path:
    """The rendered-document store's entry holding exactly these DOCX bytes."""
    found = [p for p in (cache / "docx").glob("*/*") if p.read_bytes()[SEAL:] == docx_bytes]
    assert len(found) == 1, found
    return found[0]


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset % len(data)] ^= 0x01
    path.write_bytes(bytes(data))


# --- the cache: a damaged entry never reaches a packet ----------------------------------------------------------


@pytest.mark.libreoffice
@pytest.mark.parametrize("damage", ["pdf-flip-data", "pdf-flip-seal", "pdf-truncate", "docx-flip", "packets-flip"])
def test_a_damaged_cache_entry_is_made_again(golden: Golden, tmp_path: Path, damage: str) -> None:
    cache = warm_cache(golden, tmp_path)
    instrument = (golden.out / "instrument.docx").read_bytes()
    if damage.startswith("pdf"):
        entry = pdf_entry(cache, instrument)
    elif damage == "docx-flip":
        entry = docx_entry(cache, instrument)
    else:
        (entry,) = (cache / "packets").glob("*/*")
    size = entry.stat().st_size
    if damage == "pdf-truncate":
        entry.write_bytes(entry.read_bytes()[: size // 2])
    else:
        flip(entry, 3 if damage == "pdf-flip-seal" else SEAL + (size - SEAL) // 2)
    out = tmp_path / "out"
    done = ratkit("build", KENYA, "--out", out, cache=cache, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert_good_packet(out, cache, tmp_path)
    assert same_files(out, golden.out) == [], "the same inputs no longer give the same packet"


@pytest.mark.libreoffice
@pytest.mark.parametrize("store", ["pdf", "docx"])
def test_a_cache_entry_swapped_for_another_is_made_again(golden: Golden, tmp_path: Path, store: str) -> None:
    """One entry's file copied over another's (a sync tool, a bad restore): the seal includes the key."""
    cache = warm_cache(golden, tmp_path)
    entry = pdf_entry if store == "pdf" else docx_entry
    instrument = entry(cache, (golden.out / "instrument.docx").read_bytes())
    cover_note = entry(cache, (golden.out / "cover-note.docx").read_bytes())
    shutil.copyfile(cover_note, instrument)
    out = tmp_path / "out"
    done = ratkit("build", KENYA, "--out", out, cache=cache, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert_good_packet(out, cache, tmp_path)
    assert same_files(out, golden.out) == []


def test_a_damaged_compiled_template_never_reaches_a_document(tmp_path: Path) -> None:
    """The compiled templates kept in the cache (``templates/``) are a cache too: one flipped byte in a
    string constant must not change the words of an instrument."""
    cache = tmp_path / "cache"
    first = ratkit("build", KENYA, "--no-pdf", "--out", tmp_path / "first", cache=cache, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    damaged = 0
    for compiled in (path for path in (cache / "templates").rglob("*") if path.is_file()):
        data = compiled.read_bytes()
        at = data.find(b"IN WITNESS WHEREOF")
        if at >= 0:
            compiled.write_bytes(data[: at + 3] + b"X" + data[at + 4 :])  # IN WITNESS → IN XITNESS
            damaged += 1
    assert damaged, "no compiled template holds the sentence: the cache layout changed"
    other = tmp_path / "other.yaml"  # another profile: its documents are rendered, not taken from the store
    other.write_text(KENYA.read_text(encoding="utf-8").replace("Jane Wanjiru Doe", "Jane Other Doe"), encoding="utf-8")
    second = ratkit("build", other, "--no-pdf", "--out", tmp_path / "second", cache=cache, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    text = docx_text(tmp_path / "second" / "instrument.docx")
    assert "IN XITNESS" not in text, "a damaged compiled template changed the instrument's words"
    assert "IN WITNESS WHEREOF" in text


# --- a LibreOffice that writes half a PDF ------------------------------------------------------------------------

TRUNCATING = """#!{python}
import pathlib, sys
args = sys.argv[1:]
if args == ["--version"]:
    print({version!r})  # the real one's version: the cache keys are the real one's
    sys.exit(0)
out = pathlib.Path(args[args.index("--outdir") + 1])
whole = pathlib.Path({pdf!r}).read_bytes()
for arg in args:
    if arg.endswith(".docx"):
        (out / (pathlib.Path(arg).stem + ".pdf")).write_bytes(whole[: len(whole) // 2])
"""


@pytest.mark.libreoffice
def test_half_a_pdf_fails_the_build_and_is_never_cached(golden: Golden, tmp_path: Path) -> None:
    cache = warm_cache(golden, tmp_path)
    fake = tmp_path / "soffice"
    fake.write_text(
        TRUNCATING.format(python=sys.executable, version=soffice_version(cache), pdf=str(golden.out / "instrument.pdf"))
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    profile = tmp_path / "other.yaml"  # documents the warm cache has not seen: they must be converted
    profile.write_text(KENYA.read_text(encoding="utf-8").replace("Jane Wanjiru Doe", "Jane Half Doe"), encoding="utf-8")
    out = tmp_path / "out"
    failed = ratkit("build", profile, "--out", out, cache=cache, cwd=tmp_path, RATKIT_SOFFICE=str(fake))
    assert failed.returncode == 1, failed.stderr
    assert not out.exists() and staging_leftovers(out) == []
    for entry in (cache / "pdf").glob("*/*.pdf"):
        assert looks_like_pdf(entry.read_bytes()[SEAL:]), f"a truncated PDF was cached: {entry}"
    real = ratkit("build", profile, "--out", out, cache=cache, cwd=tmp_path)
    assert real.returncode == 0, real.stderr
    check = subprocess.run(["qpdf", "--check", str(out / "packet.pdf")], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert (
        "Jane Half Doe"
        in subprocess.run(["pdftotext", str(out / "instrument.pdf"), "-"], capture_output=True, text=True).stdout
    )
    assert_clean_failure(failed)  # last: the message, once the rest is known to hold


# --- two builds into one folder ----------------------------------------------------------------------------------

ONE_AT_A_TIME = ("another build is writing this folder right now", "already holds a packet")


@pytest.mark.libreoffice
@pytest.mark.parametrize("pdf", [True, False], ids=["pdf", "no-pdf"])
def test_two_builds_into_one_folder_at_once(golden: Golden, tmp_path: Path, pdf: bool) -> None:
    cache = warm_cache(golden, tmp_path)
    out = tmp_path / "out"
    args = ["build", KENYA, "--out", out] + (["--no-cache"] if pdf else ["--no-pdf"])
    first, second = start(*args, cache=cache, cwd=tmp_path), start(*args, cache=cache, cwd=tmp_path)
    outputs = [p.communicate(timeout=180) for p in (first, second)]
    results = [(p.returncode, stdout, stderr) for p, (stdout, stderr) in zip((first, second), outputs, strict=True)]
    built = [r for r in results if r[0] == 0]
    assert len(built) == 1, f"expected one build to succeed: {[(r[0], r[2][-300:]) for r in results]}"
    assert "built" in built[0][1]
    (refused,) = [r for r in results if r[0] != 0]
    errors = assert_clean_failure((refused[0], refused[2]))
    assert any(reason in errors for reason in ONE_AT_A_TIME), errors
    assert "built" not in refused[1]
    assert ratkit("verify", out, cache=cache, cwd=tmp_path).returncode == 0
    assert staging_leftovers(out) == []


# --- a file added to --out while a --force build runs -------------------------------------------------------------

SLOW = "{% for i in range(99999) %}{% for j in range(600) %}{% endfor %}{% endfor %}{{ signatory_name }}"


def slow_templates(tmp_path: Path) -> Path:
    """A template folder whose instrument takes a few seconds to render (well within the 30 s limit)."""
    folder = tmp_path / "slow-templates"
    target = folder / "ccm" / "instruments" / "instrument.docx"
    target.parent.mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph(SLOW)
    document.save(str(target))
    return folder


def holds_the_claim(process: subprocess.Popen[str]) -> bool:
    """Whether the build has claimed its --out (it holds the lock file in ratkit-<uid>-locks)."""
    try:
        return any("-locks" in f.path for f in psutil.Process(process.pid).open_files())
    except psutil.Error:
        return False


def test_a_file_added_during_a_force_build_is_never_deleted(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    out = tmp_path / "out"
    assert ratkit("build", KENYA, "--no-pdf", "--out", out, cache=cache, cwd=tmp_path).returncode == 0
    templates = slow_templates(tmp_path)
    process = start(
        "build", KENYA, "--no-pdf", "--no-cache", "--force", "--templates", templates, "--out", out,
        cache=cache, cwd=tmp_path,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not holds_the_claim(process) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    added = out / "my-notes.txt"
    added.write_text("the official's notes\n")
    assert process.poll() is None, "the build ended before the file was added: make the template slower"
    _, errors = process.communicate(timeout=120)
    assert added.is_file(), f"the file added during the build was deleted (exit {process.returncode}): {errors}"
    assert added.read_text() == "the official's notes\n"
    if process.returncode != 0:
        assert_clean_failure((process.returncode, errors))
    assert staging_leftovers(out) == []


@pytest.fixture
def late_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[dict[str, object]]:
    """Adds ``out/late.txt`` at the last moment: just before the build renames ``out`` away."""
    out = (tmp_path / "out").absolute()
    state: dict[str, object] = {"out": out, "added": False}

    def hook(source: object) -> None:
        if not state["added"] and Path(os.fsdecode(source)).absolute() == out:  # type: ignore[arg-type]
            (out / "late.txt").write_text("saved at the last moment\n")
            state["added"] = True

    real_rename, real_replace = os.rename, os.replace

    def rename(src: object, dst: object, *args: object, **kwargs: object) -> None:
        hook(src)
        real_rename(src, dst, *args, **kwargs)  # type: ignore[arg-type]

    def replace(src: object, dst: object, *args: object, **kwargs: object) -> None:
        hook(src)
        real_replace(src, dst, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(os, "replace", replace)
    yield state


def test_a_file_added_just_before_the_final_rename_is_never_deleted(
    tmp_path: Path, late_file: dict[str, object]
) -> None:
    """In process: the file lands after every check of the folder, just before the build moves it away."""
    out = tmp_path / "out"
    late_file["added"] = True  # not during the first build
    build_packet(KENYA, out=out, pdf=False)
    late_file["added"] = False
    try:
        build_packet(KENYA, out=out, pdf=False, force=True)
    except OutputError:
        pass  # refusing is fine; deleting is not
    assert late_file["added"], "the build never renamed the folder: the test no longer reaches the moment it is about"
    assert (out / "late.txt").is_file(), "a file saved into the packet folder during a --force build was deleted"


# --- kill -9 and SIGTERM -----------------------------------------------------------------------------------------


def libreoffice_of(pid: int) -> list[psutil.Process]:
    """LibreOffice processes started by the build ``pid`` (their profile folder is named after it)."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(process.info["cmdline"] or [])
        if f"/{pid}-lo-profile" in cmdline:
            found.append(process)
    return found


@pytest.mark.parametrize("delay", [0.2, 0.5, 1.0, 1.5, 2.0])
def test_kill_9_mid_build_leaves_nothing_that_looks_complete(tmp_path: Path, delay: float) -> None:
    cache = tmp_path / "cache"
    out = tmp_path / "out"
    process = start("build", KENYA, "--no-pdf", "--out", out, cache=cache, cwd=tmp_path)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    if out.exists():  # whole, or not at all
        verified = ratkit("verify", out, cache=cache, cwd=tmp_path)
        assert verified.returncode == 0, f"a folder that looks complete fails verify: {verified.stderr}"
    again = ratkit("build", KENYA, "--no-pdf", "--force", "--out", out, cache=cache, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert ratkit("verify", out, cache=cache, cwd=tmp_path).returncode == 0
    assert [p for p in staging_leftovers(out) if p.suffix in (".tmp", ".old")] == []


def _build_until_libreoffice_runs(
    golden: Golden, tmp_path: Path
) -> tuple[Path, Path, subprocess.Popen[str], list[psutil.Process]]:
    """A build started with a warm cache but --no-cache, returned once its LibreOffice is running."""
    cache = warm_cache(golden, tmp_path)
    out = tmp_path / "out"
    process = start("build", KENYA, "--no-cache", "--out", out, cache=cache, cwd=tmp_path)
    deadline = time.monotonic() + 60
    while not libreoffice_of(process.pid) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    office = libreoffice_of(process.pid)
    assert office, "LibreOffice never started"
    return cache, out, process, office


@pytest.mark.libreoffice
def test_kill_9_while_libreoffice_converts_leaves_no_libreoffice(golden: Golden, tmp_path: Path) -> None:
    cache, out, process, office = _build_until_libreoffice_runs(golden, tmp_path)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    _, alive = psutil.wait_procs(office, timeout=5)  # a short grace
    for left in alive:
        left.kill()
    assert not alive, f"{len(alive)} LibreOffice process(es) still running 5 s after the build was killed"
    assert not out.exists()
    again = ratkit("build", KENYA, "--out", out, cache=cache, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert staging_leftovers(out) == []


@pytest.mark.libreoffice
def test_sigterm_stops_a_build_with_130_and_no_libreoffice(golden: Golden, tmp_path: Path) -> None:
    cache, out, process, office = _build_until_libreoffice_runs(golden, tmp_path)
    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 130, errors
    assert "interrupted" in errors and "Traceback" not in errors, errors
    _, alive = psutil.wait_procs(office, timeout=10)
    assert not alive, [p.pid for p in alive]
    assert not out.exists() and staging_leftovers(out) == []


def test_sigterm_without_libreoffice_exits_130_and_writes_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    out = tmp_path / "out"
    process = start("build", KENYA, "--no-pdf", "--no-cache", "--templates", slow_templates(tmp_path), "--out", out,
                    cache=cache, cwd=tmp_path)  # fmt: skip
    deadline = time.monotonic() + 30
    while not holds_the_claim(process) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the build ended before it could be stopped"
    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 130, errors
    assert "interrupted" in errors and "Traceback" not in errors, errors
    assert not out.exists() and staging_leftovers(out) == []


# --- ratkit verify ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("verify")
    out = folder / "packet"
    build_packet(KENYA, out=out, pdf=False)
    return out


def _manifest(folder: Path) -> dict[str, object]:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _write_manifest(folder: Path, manifest: dict[str, object]) -> None:
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    (folder / "manifest.json").write_text(text, encoding="utf-8")


def _add_file(folder: Path) -> None:
    (folder / "extra.txt").write_text("not part of the packet\n")


def _edit_draft(folder: Path) -> None:
    manifest = _manifest(folder)
    assert manifest["draft"] is False
    manifest["draft"] = True
    _write_manifest(folder, manifest)


def _no_files(folder: Path) -> None:
    manifest = _manifest(folder)
    manifest["files"] = []
    _write_manifest(folder, manifest)


def _delete_with_entry(folder: Path) -> None:
    manifest = _manifest(folder)
    files = manifest["files"]
    assert isinstance(files, list)
    manifest["files"] = [f for f in files if f["path"] != "roadmap.docx"]
    (folder / "roadmap.docx").unlink()
    _write_manifest(folder, manifest)


def _delete_digest(folder: Path) -> None:
    (folder / "manifest.sha256").unlink()


TAMPERING = {
    "added-file": _add_file,
    "manifest-draft-true": _edit_draft,
    "manifest-files-empty": _no_files,
    "file-deleted-with-its-entry": _delete_with_entry,
    "manifest-sha256-deleted": _delete_digest,
}


@pytest.mark.parametrize("tamper", list(TAMPERING), ids=list(TAMPERING))
def test_verify_fails_on_a_tampered_packet(packet: Path, tmp_path: Path, tamper: str) -> None:
    folder = tmp_path / "packet"
    shutil.copytree(packet, folder)
    assert ratkit("verify", folder, cache=tmp_path / "cache", cwd=tmp_path).returncode == 0  # the control
    TAMPERING[tamper](folder)
    done = ratkit("verify", folder, cache=tmp_path / "cache", cwd=tmp_path)
    errors = assert_clean_failure(done)
    assert str(folder) in errors
