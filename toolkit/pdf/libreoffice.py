"""Finding and running LibreOffice (``soffice``), headless: the one external program.

One ``soffice`` process converts many files, one after another; each process gets
its own temporary user profile (two processes on one profile lose jobs silently),
a timeout, and a check that every expected PDF really exists.  No process is left
behind when the caller stops early.  The cache and the pool of processes are the
:class:`~toolkit.pdf.converter.Converter`'s business.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ConversionError
from ..files import write_atomic
from ..resources import cache_root
from ..workspace import work_folder

INSTALL_HINT = "install it with `sudo apt-get install libreoffice-writer-nogui`, or use --no-pdf for DOCX only"
DEFAULT_TIMEOUT = 180.0
# LibreOffice 7.4 reads only its first ~255 command-line arguments: given 400 files it
# converted 246 and exited 0 without a word.  So no run is given more than this.
FILES_PER_RUN = 200


@dataclass(frozen=True)
class ConvertOptions:
    """How to export: plain PDF or PDF/A-2b."""

    pdfa: bool = False

    def filter_spec(self) -> str:
        """The ``--convert-to`` argument."""
        options: dict[str, dict[str, str]] = {"ExportBookmarks": {"type": "boolean", "value": "false"}}
        if self.pdfa:
            options["SelectPdfVersion"] = {"type": "long", "value": "2"}
        return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"), sort_keys=True)


def find_soffice() -> str:
    """The path of LibreOffice's ``soffice``; raise a clear error if it is not installed."""
    explicit = os.environ.get("RATKIT_SOFFICE")
    if explicit is not None:
        if shutil.which(explicit):
            return str(shutil.which(explicit))
        raise ConversionError(f"RATKIT_SOFFICE={explicit} is not an executable", hint=INSTALL_HINT)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ConversionError("LibreOffice (soffice) is not installed, so no PDF can be made", hint=INSTALL_HINT)


@lru_cache(maxsize=4)
def libreoffice_version(soffice: str) -> str:
    """``soffice --version``, for cache keys and the manifest.

    Asking LibreOffice costs a tenth of a second, a third of a cached build: the answer is kept in the
    cache folder, keyed by the program's real path, size and modification time (an upgrade asks again).
    """
    real = Path(soffice).resolve()
    try:
        stat = real.stat()
        key = f"{real}|{stat.st_size}|{stat.st_mtime_ns}"
    except OSError:
        key = ""
    remembered = cache_root() / "soffice-version.json"
    try:
        known = json.loads(remembered.read_text(encoding="utf-8"))
        if key and known.get("key") == key and isinstance(known.get("version"), str):
            return str(known["version"])
    except (OSError, ValueError, AttributeError):
        pass
    try:
        done = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConversionError(f"LibreOffice does not start: {exc}", hint=INSTALL_HINT) from None
    version = done.stdout.strip() or "unknown"
    if key and done.returncode == 0:
        try:
            remembered.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(remembered, json.dumps({"key": key, "version": version}).encode("utf-8"))
        except OSError:
            pass  # no cache folder: ask again next time
    return version


def default_processes() -> int:
    """Two LibreOffice processes where there are two cores: measured faster than one for a packet."""
    return 2 if (os.cpu_count() or 1) >= 2 else 1


def convert_in_order(
    docx_files: list[Path],
    out_dir: Path,
    options: ConvertOptions,
    *,
    soffice: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cancel: threading.Event | None = None,
) -> Iterator[tuple[Path, Path | None]]:
    """Convert ``docx_files`` in one LibreOffice process, yielding (DOCX, PDF or None) in order as each one is done.

    The process converts up to :data:`FILES_PER_RUN` files per run, one after another in
    the order given, and writes each PDF whole before it opens the next file: a PDF is
    complete once the next one appears, or once the process has ended.  The caller can
    use each PDF while the rest convert.  None means LibreOffice went on without making
    that PDF.  A process is stopped if no PDF appears for ``timeout`` seconds, when
    ``cancel`` is set (the generator then simply ends), and whenever the caller stops
    early (an error, Ctrl-C): no LibreOffice is left behind.
    """
    if not docx_files:
        return
    soffice = soffice or find_soffice()
    names = [p.stem for p in docx_files]
    if len(set(names)) != len(names):
        raise ConversionError("two documents of one batch have the same name; their PDFs would collide")
    profile = work_folder("lo-profile")
    try:
        seeded = _seed_profile(profile, soffice)
        for start in range(0, len(docx_files), FILES_PER_RUN):
            if cancel is not None and cancel.is_set():
                return
            chunk = docx_files[start : start + FILES_PER_RUN]
            yield from _one_run(chunk, out_dir, options, soffice, profile, timeout, cancel)
            if not seeded:
                _keep_as_seed(profile, soffice)
                seeded = True
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _one_run(
    docx_files: list[Path],
    out_dir: Path,
    options: ConvertOptions,
    soffice: str,
    profile: Path,
    timeout: float,
    cancel: threading.Event | None,
) -> Iterator[tuple[Path, Path | None]]:
    pdfs = [out_dir / f"{p.stem}.pdf" for p in docx_files]
    command = [
        soffice,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nologo",
        "--nodefault",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        options.filter_spec(),
        "--outdir",
        str(out_dir),
        *[str(p) for p in docx_files],
    ]
    scratch = profile / "tmp"  # LibreOffice's own temporary files (lu*.tmp): removed with the profile
    scratch.mkdir(exist_ok=True)
    environment = dict(os.environ, TMPDIR=str(scratch), TMP=str(scratch), TEMP=str(scratch))
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env=environment,
        )
        try:
            done = 0
            last_progress = time.monotonic()
            while done < len(docx_files):
                if cancel is not None and cancel.is_set():
                    return
                ended = process.poll() is not None
                if ended or (done + 1 < len(pdfs) and pdfs[done + 1].exists()):
                    pdf = pdfs[done]
                    complete = pdf.is_file() and pdf.stat().st_size > 0
                    if ended and not complete and process.returncode != 0:
                        break
                    yield docx_files[done], pdf if complete else None
                    done += 1
                    last_progress = time.monotonic()
                    continue
                if time.monotonic() - last_progress > timeout:
                    raise ConversionError(f"LibreOffice made no progress for {timeout:.0f} s and was stopped")
                time.sleep(0.02)
            if done < len(docx_files):
                errors.seek(0)
                tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-3:]
                raise ConversionError(
                    f"LibreOffice failed (exit {process.returncode}): {' '.join(tail) or 'no message'}"
                )
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass  # every PDF is there; a LibreOffice slow to quit is stopped below
        finally:
            if process.poll() is None:
                _kill_group(process)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _seed_dir(soffice: str) -> Path:
    version = hashlib.sha256(f"{soffice}|{libreoffice_version(soffice)}".encode()).hexdigest()[:16]
    return cache_root() / f"lo-profile-{version}"


def _seed_profile(profile: Path, soffice: str) -> bool:
    """Start from a copy of an initialized LibreOffice profile: saves ~0.4 s of first-start set-up.

    Each process still gets its own copy, so parallel builds never share a profile.
    """
    seed = _seed_dir(soffice)
    if not (seed / "user").is_dir():
        return False
    try:
        shutil.copytree(seed, profile, dirs_exist_ok=True)
    except OSError:
        return False
    return True


def _keep_as_seed(profile: Path, soffice: str) -> None:
    seed = _seed_dir(soffice)
    if seed.exists() or not (profile / "user").is_dir():
        return
    try:
        seed.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".seed-", dir=seed.parent))
    except OSError:
        return  # no cache folder: each build starts LibreOffice on a fresh profile
    try:
        shutil.copytree(profile, staging, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".lock", "*.lock"))
        staging.rename(seed)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
