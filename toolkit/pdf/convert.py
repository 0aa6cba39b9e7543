"""DOCX to PDF with the real LibreOffice, headless: the one external step.

One ``soffice`` process converts a whole batch of documents; each process gets
its own temporary user profile (two processes on one profile lose jobs
silently), a timeout, and a check that every expected PDF really exists.
Converted PDFs are kept in a content-addressed cache (key: DOCX SHA-256 +
LibreOffice version + export options), so an unchanged document is never
converted twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ConversionError

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
    """``soffice --version``, for cache keys and the manifest."""
    try:
        done = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConversionError(f"LibreOffice does not start: {exc}", hint=INSTALL_HINT) from None
    return done.stdout.strip() or "unknown"


def convert_batch(
    docx_files: list[Path],
    out_dir: Path,
    options: ConvertOptions,
    *,
    soffice: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[Path, Path]:
    """Convert ``docx_files`` in one LibreOffice process; return DOCX path → PDF path."""
    result = dict(convert_in_order(docx_files, out_dir, options, soffice=soffice, timeout=timeout))
    missing = [docx.name for docx, pdf in result.items() if pdf is None]
    if missing:
        raise ConversionError(
            f"LibreOffice produced no PDF for {', '.join(missing)}",
            hint="open the DOCX in LibreOffice to see whether it is damaged",
        )
    return {docx: pdf for docx, pdf in result.items() if pdf is not None}


def convert_in_order(
    docx_files: list[Path],
    out_dir: Path,
    options: ConvertOptions,
    *,
    soffice: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[tuple[Path, Path | None]]:
    """Convert ``docx_files``, yielding (DOCX, PDF or None) in order as each one is done.

    One LibreOffice process converts up to :data:`FILES_PER_RUN` files, one after another
    in the order given, and writes each PDF whole before it opens the next file: a PDF is
    complete once the next one appears, or once the process has ended.  The caller can
    use each PDF while the rest convert.  A process is stopped if no PDF appears for
    ``timeout`` seconds, and whenever the caller stops early (an error, Ctrl-C): no
    LibreOffice is left behind.
    """
    if not docx_files:
        return
    soffice = soffice or find_soffice()
    names = [p.stem for p in docx_files]
    if len(set(names)) != len(names):
        raise ConversionError("two documents of one batch have the same name; their PDFs would collide")
    profile = Path(tempfile.mkdtemp(prefix="ratkit-lo-profile-"))
    try:
        seeded = _seed_profile(profile, soffice)
        for start in range(0, len(docx_files), FILES_PER_RUN):
            chunk = docx_files[start : start + FILES_PER_RUN]
            yield from _one_run(chunk, out_dir, options, soffice, profile, timeout)
            if not seeded:
                _keep_as_seed(profile, soffice)
                seeded = True
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _one_run(
    docx_files: list[Path], out_dir: Path, options: ConvertOptions, soffice: str, profile: Path, timeout: float
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
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=errors, stdin=subprocess.DEVNULL, start_new_session=True
        )
        try:
            done = 0
            last_progress = time.monotonic()
            while done < len(docx_files):
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


def _seed_dir(soffice: str) -> Path:
    version = hashlib.sha256(f"{soffice}|{libreoffice_version(soffice)}".encode()).hexdigest()[:16]
    return default_cache_dir().parent / f"lo-profile-{version}"


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


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def default_processes() -> int:
    """Two LibreOffice processes where there are two cores: measured faster than one for a packet."""
    return 2 if (os.cpu_count() or 1) >= 2 else 1


def convert_parallel(
    docx_files: list[Path],
    out_dir: Path,
    options: ConvertOptions,
    processes: int,
    *,
    soffice: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[Path, Path]:
    """Split the batch over ``processes`` LibreOffice processes (each with its own profile)."""
    processes = max(1, min(processes, len(docx_files)))
    if processes == 1:
        return convert_batch(docx_files, out_dir, options, soffice=soffice, timeout=timeout)
    soffice = soffice or find_soffice()
    chunks = [docx_files[i::processes] for i in range(processes)]
    with ThreadPoolExecutor(max_workers=processes) as pool:
        futures = [
            pool.submit(convert_batch, chunk, out_dir, options, soffice=soffice, timeout=timeout) for chunk in chunks
        ]
        result: dict[Path, Path] = {}
        for future in futures:
            result.update(future.result())
    return result


class PdfCache:
    """Converted PDFs by content: DOCX SHA-256 + LibreOffice version + export options."""

    def __init__(self, folder: Path | None = None, enabled: bool = True) -> None:
        self.enabled = enabled
        self.folder = folder or default_cache_dir()

    def key(self, docx: bytes, soffice_version: str, options: ConvertOptions) -> str:
        """The cache key of one conversion."""
        digest = hashlib.sha256(docx)
        digest.update(soffice_version.encode())
        digest.update(options.filter_spec().encode())
        return digest.hexdigest()

    def get(self, key: str) -> bytes | None:
        """The cached PDF, or None."""
        if not self.enabled:
            return None
        path = self.folder / key[:2] / f"{key}.pdf"
        try:
            return path.read_bytes()
        except OSError:
            return None

    def put(self, key: str, pdf: bytes) -> None:
        """Store a PDF (atomically; a failure to cache is not an error)."""
        if not self.enabled:
            return
        target = self.folder / key[:2] / f"{key}.pdf"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(pdf)
            os.replace(tmp, target)
        except OSError:
            pass


def default_cache_dir() -> Path:
    """``$RATKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/ratkit``, else ``~/.cache/ratkit``."""
    explicit = os.environ.get("RATKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ratkit" / "pdf"


def convert_documents(
    documents: dict[str, bytes],
    options: ConvertOptions,
    cache: PdfCache,
    processes: int = 1,
    timeout: float = DEFAULT_TIMEOUT,
) -> tuple[dict[str, bytes], str]:
    """Convert DOCX bytes by name to PDF bytes by name, through the cache; also return the LibreOffice version."""
    soffice = find_soffice()
    version = libreoffice_version(soffice)
    keys = {name: cache.key(data, version, options) for name, data in documents.items()}
    pdfs: dict[str, bytes] = {}
    for name, key in keys.items():
        cached = cache.get(key)
        if cached is not None:
            pdfs[name] = cached
    missing = [name for name in documents if name not in pdfs]
    if missing:
        with tempfile.TemporaryDirectory(prefix="ratkit-convert-") as work:
            folder = Path(work)
            sources = []
            for name in missing:
                source = folder / f"{name}.docx"
                source.write_bytes(documents[name])
                sources.append(source)
            out_dir = folder / "pdf"
            out_dir.mkdir()
            converted = convert_parallel(sources, out_dir, options, processes, soffice=soffice, timeout=timeout)
            for source, pdf_path in converted.items():
                data = pdf_path.read_bytes()
                pdfs[source.stem] = data
                cache.put(keys[source.stem], data)
    return pdfs, version
