"""Hostile templates given with `ratkit build --templates DIR`: each is refused, in bounded time and memory.

DIR is laid out like the bundled templates/, with one template of our own,
``ccm/instruments/instrument.docx``, made with python-docx at test time (or written byte by byte for a
damaged file).  Every case must give exit code 1 with a one-line message naming the template, no
traceback, nothing written (the --out folder does not exist afterwards), within a bounded time and
without the process growing past a memory bound.  The time limit of rendering (30 s) is tried in
process with ``toolkit.documents.render.RENDER_SECONDS`` set to 2 s.
"""

from __future__ import annotations

import io
import os
import random
import resource
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import psutil
import pytest
from conftest import KENYA

import toolkit.documents.render as render
from toolkit import build_packet
from toolkit.errors import TemplateError

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path("ccm") / "instruments" / "instrument.docx"
TIMEOUT = 20.0  # seconds: a refused template is refused in about one
MEMORY_LIMIT = 512 << 20  # a build takes under 100 MB; a template must not make it take five times that
SAFETY_LIMIT = 4 << 30  # address space of the process, so that a runaway template cannot take the machine down


def docx_bytes(*paragraphs: str) -> bytes:
    """A Word document with these paragraphs, made with python-docx."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, edit: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None) -> bytes:
    """``data`` (a zip) with each member passed through ``edit`` (None drops it), plus ``extra`` members."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = edit(info.filename, source.read(info))
            if content is not None:
                target.writestr(info.filename, content)
        for name, content in (extra or {}).items():
            target.writestr(zipfile.ZipInfo(name), content, compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


def edit_part(part: str, change: Callable[[bytes], bytes]) -> Callable[[str, bytes], bytes | None]:
    return lambda name, content: change(content) if name == part else content


def with_relationship(target: str) -> bytes:
    """A template whose word/_rels/document.xml.rels has an internal relationship to ``target``."""
    relationship = (
        '<Relationship Id="rIdHostile" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"'
        f' Target="{target}"/></Relationships>'
    ).encode()
    return rezip(
        docx_bytes("{{ signatory_name }}"),
        edit_part("word/_rels/document.xml.rels", lambda xml: xml.replace(b"</Relationships>", relationship)),
    )


def with_doctype(doctype: str, body_text: str) -> bytes:
    """A template whose word/document.xml declares ``doctype`` and uses an entity in its text."""
    return rezip(
        docx_bytes("PLACEHOLDER"),
        edit_part(
            "word/document.xml",
            lambda xml: xml.replace(b"<w:document", doctype.encode() + b"<w:document", 1).replace(
                b"PLACEHOLDER", body_text.encode()
            ),
        ),
    )


_LAUGHS = "".join(
    f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10 if i else "ha" * 5}">' for i in range(9)
)  # 10^8 × "haha…" if expanded


@dataclass(frozen=True)
class TemplateCase:
    """A hostile template: its bytes, and why it is here."""

    id: str
    data: bytes


def _cases() -> list[TemplateCase]:
    rng = random.Random(7)
    good = docx_bytes("{{ signatory_name }}")
    tags = {
        "range-10-9": "{{ range(10**9) }}",
        "repeat-10-9": "{{ 'x' * 10**9 }}",
        "power-100000": "{{ 2 ** 100000 }}",
        "sandbox-class": "{{ ''.__class__ }}",
        "sandbox-subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "sandbox-self": "{{ self }}",
        "sandbox-cycler-globals": "{{ cycler.__init__.__globals__ }}",
        "sandbox-format-attribute": "{{ '{0.__class__.__init__.__globals__}'.format(cycler) }}",
        "undefined-value": "{{ no_such_value }}",
        "undefined-attribute": "{{ signatory_name.no_such_attribute }}",
        "broken-tag": "{{ signatory_name ",
        "unclosed-block": "{% for i in [1] %}{{ i }}",
        "unknown-tag": "{% frobnicate %}",
        "include": "{% include 'instrument.docx' %}",
        "import": "{% import 'macros' as m %}{{ m.x }}",
        "from-import": "{% from 'macros' import x %}",
        "extends": "{% extends 'base' %}",
        "recursive-macro": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "division-by-zero": "{{ 1 // 0 }}",
        # amplification the repeat check does not see: ~1 GB strings from a few characters
        "printf-width-10-9": "{{ '%0999999999d' % 1 }}",
        "format-width-10-9": "{{ '{:>999999999}'.format(1) }}",
        "center-10-9": "{{ 'x'|center(999999999) }}",
        "loop-of-repeats": "{% for i in range(99999) %}{{ 'x' * 99999 }}{% endfor %}",
    }
    cases = [TemplateCase(name, docx_bytes(text)) for name, text in tags.items()]
    cases += [
        TemplateCase("not-a-zip", b"this is not a Word file\n" * 20),
        TemplateCase("empty-file", b""),
        TemplateCase("truncated-zip", good[: len(good) // 2]),
        TemplateCase(  # unpacks to > 50 MB: word/document.xml padded with a 60 MB XML comment
            "zip-bomb-60-MB-comment",
            rezip(good, edit_part("word/document.xml", lambda xml: xml.replace(b"<w:body>", _comment(60), 1))),
        ),
        TemplateCase("over-10-MB", rezip(good, lambda _n, c: c, {"word/media/noise.bin": rng.randbytes(11 << 20)})),
        TemplateCase("relationship-outside-the-package", with_relationship("../../../../etc/passwd")),
        TemplateCase("relationship-to-a-missing-part", with_relationship("../media/missing.png")),
        TemplateCase("no-document-part", rezip(good, lambda name, c: None if name == "word/document.xml" else c)),
        TemplateCase("document-not-xml", rezip(good, edit_part("word/document.xml", lambda _x: b"<w:document"))),
        TemplateCase(
            "external-entity",
            with_doctype('<!DOCTYPE w:document [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;"),
        ),
        TemplateCase("billion-laughs", with_doctype(f"<!DOCTYPE w:document [{_LAUGHS}]>", "&l8;")),
    ]
    return cases


def _comment(megabytes: int) -> bytes:
    return b"<!--" + b"x" * (megabytes * 1_000_000) + b"--><w:body>"


CASES = _cases()


@dataclass
class Finished:
    """A build that ended (or was stopped): exit code (None: stopped), output, seconds, peak memory."""

    returncode: int | None
    stdout: str
    stderr: str
    seconds: float
    peak_rss: int
    stopped_for: str = ""


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (SAFETY_LIMIT, SAFETY_LIMIT))


def run_build(args: list[str], cwd: Path, timeout: float = TIMEOUT) -> Finished:
    """``python -m toolkit build ARGS``, stopped past ``timeout`` s or :data:`MEMORY_LIMIT` (resident)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out_path, err_path = cwd / ".stdout", cwd / ".stderr"
    started = time.monotonic()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "toolkit", "build", *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            preexec_fn=_limit_address_space,
        )
    watched = psutil.Process(process.pid)
    peak, stopped_for = 0, ""
    while process.poll() is None:
        try:
            peak = max(peak, watched.memory_info().rss)
        except psutil.Error:
            pass
        if peak > MEMORY_LIMIT:
            stopped_for = f"memory: resident size reached {peak / 2**20:.0f} MB"
        elif time.monotonic() - started > timeout:
            stopped_for = f"time: still running after {timeout:.0f} s"
        if stopped_for:
            process.kill()
            process.wait()
            break
        time.sleep(0.01)
    seconds = time.monotonic() - started
    stdout = out_path.read_text(errors="replace")
    stderr = err_path.read_text(errors="replace")
    out_path.unlink()
    err_path.unlink()
    return Finished(None if stopped_for else process.returncode, stdout, stderr, seconds, peak, stopped_for)


def template_folder(tmp_path: Path, data: bytes) -> Path:
    folder = tmp_path / "my-templates"
    (folder / TEMPLATE).parent.mkdir(parents=True)
    (folder / TEMPLATE).write_bytes(data)
    return folder


def assert_refused_naming_the_template(run: Finished, template: Path, out: Path, work: Path) -> None:
    assert not run.stopped_for, f"stopped for {run.stopped_for}; stderr: {run.stderr[-500:]}"
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.returncode == 1, f"exit {run.returncode}\nstdout: {run.stdout[-400:]}\nstderr: {run.stderr[-400:]}"
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, f"{len(lines)} lines: {lines[:5]}"
    assert lines[0].startswith(f"error: {template}"), f"the message does not name the template: {lines[0]}"
    assert not out.exists()
    assert list(work.iterdir()) == [], list(work.iterdir())


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_template_is_refused(case: TemplateCase, tmp_path: Path) -> None:
    folder = template_folder(tmp_path, case.data)
    work = tmp_path / "work"
    work.mkdir()
    out = work / "out"
    run = run_build([str(KENYA), "--no-pdf", "--templates", str(folder), "--out", str(out)], work)
    assert_refused_naming_the_template(run, folder / TEMPLATE, out, work)


def test_a_good_template_of_our_own_builds(tmp_path: Path) -> None:
    """The control: the same folder with a harmless template builds, and its text is in the instrument."""
    folder = template_folder(tmp_path, docx_bytes("Signed: {{ signatory_name }}"))
    work = tmp_path / "work"
    work.mkdir()
    run = run_build([str(KENYA), "--no-pdf", "--templates", str(folder), "--out", str(work / "out")], work)
    assert run.returncode == 0, run.stderr
    assert "Signed: Jane Wanjiru Doe" in [
        p.text for p in docx.Document(str(work / "out" / "instrument.docx")).paragraphs
    ]


def test_the_corpus_is_big_enough() -> None:
    assert len(CASES) >= 15 and len({c.id for c in CASES}) == len(CASES)


# --- the render time limit, in process (2 s instead of 30 s) --------------------------------------------------------


class _PeakMemory:
    """The largest resident size of this process while the block runs (sampled every 10 ms)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            self.peak = max(self.peak, me.memory_info().rss)
            time.sleep(0.01)

    def __enter__(self) -> _PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@pytest.mark.parametrize(
    "text",
    [
        "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
        "{{ lipsum(10**6) }}",
    ],
    ids=["nested-loops-99999x99999", "lipsum-10-6"],
)
def test_a_template_that_runs_too_long_is_stopped(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "RENDER_SECONDS", 2.0)
    folder = template_folder(tmp_path, docx_bytes(text))
    out = tmp_path / "out"
    started = time.monotonic()
    with _PeakMemory() as memory, pytest.raises(TemplateError) as raised:
        build_packet(KENYA, out=out, pdf=False, templates=folder, cache=False)
    seconds = time.monotonic() - started
    assert seconds < 6, f"stopped only after {seconds:.1f} s"
    message = str(raised.value)
    assert message.startswith(str(folder / TEMPLATE)) and "longer than 2 s" in message, message
    assert "\n" not in message
    assert not out.exists()
    # what 2 s of such a template costs; the real limit is 30 s, so 15 times as much
    print(f"{text[:20]}…: stopped after {seconds:.1f} s, peak resident size {memory.peak / 2**20:.0f} MB")
