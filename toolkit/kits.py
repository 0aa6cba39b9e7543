"""Workshop kits: many profiles × languages, built over worker processes.

Each worker renders a batch of packets, converts all their documents in one
LibreOffice run (start-up paid once per batch, not per packet), then assembles
and writes each packet.  Batches are small and fixed in size, so memory stays
flat however many States a workshop has.  One bad profile never stops the
others: every packet ends as built or failed with its one-line reason.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from .build import PreparedPacket, finish_packet, prepare_packet
from .convert import ConvertOptions, PdfCache, convert_documents
from .errors import ToolkitError
from .i18n import check_language
from .profile import load_profile

BATCH = 6  # packets per LibreOffice run: bounds memory, pays start-up once per batch


@dataclass(frozen=True)
class KitJob:
    """One packet of a kit: a profile in a language, and where it goes."""

    profile: Path
    code: str
    lang: str
    folder: Path


@dataclass(frozen=True)
class KitOutcome:
    """What became of one packet."""

    job: KitJob
    ok: bool
    message: str
    seconds: float


def plan_kit(profiles: list[Path], languages: list[str], out: Path) -> tuple[list[KitJob], list[KitOutcome]]:
    """The packets to build (``out/<CODE>/<LANG>``), and the ones that fail before any work (bad profile)."""
    for lang in languages:
        check_language(lang)
    jobs: list[KitJob] = []
    failed: list[KitOutcome] = []
    for path in profiles:
        try:
            code = load_profile(path).state.code
        except ToolkitError as exc:
            for lang in languages:
                failed.append(KitOutcome(KitJob(path, path.stem, lang, out), False, str(exc.first), 0.0))
            continue
        jobs += [KitJob(path, code, lang, out / code / lang) for lang in languages]
    return jobs, failed


def run_batch(
    jobs: list[KitJob], pdf: bool, force: bool, paper: str | None = None, duplex: bool = False
) -> list[KitOutcome]:
    """Build a batch of packets with one LibreOffice run (runs in a worker process)."""
    started = time.perf_counter()
    outcomes: list[KitOutcome] = []
    prepared: list[tuple[KitJob, PreparedPacket]] = []
    for job in jobs:
        try:
            job.folder.parent.mkdir(parents=True, exist_ok=True)
            packet = prepare_packet(job.profile, job.lang, job.folder, pdf=pdf, force=force, paper=paper, duplex=duplex)
            prepared.append((job, packet))
        except ToolkitError as exc:
            outcomes.append(KitOutcome(job, False, str(exc.first), 0.0))
        except OSError as exc:
            outcomes.append(KitOutcome(job, False, f"{job.folder}: cannot be written: {exc.strerror}", 0.0))
    converted: list[dict[str, bytes] | None] = [None] * len(prepared)
    version = ""
    if pdf and prepared:
        sources = {
            f"p{i}-{name}": data for i, (_, packet) in enumerate(prepared) for name, data in packet.sources().items()
        }
        try:
            pdfs, version = convert_documents(sources, ConvertOptions(), PdfCache(), processes=1)
        except ToolkitError as exc:
            return outcomes + [KitOutcome(job, False, str(exc.first), 0.0) for job, _ in prepared]
        for i, (_, packet) in enumerate(prepared):
            converted[i] = {name: pdfs[f"p{i}-{name}"] for name in packet.sources()}
    share = (time.perf_counter() - started) / max(1, len(jobs))
    for (job, packet), pdfs_of_packet in zip(prepared, converted, strict=True):
        try:
            finish_packet(packet, pdfs_of_packet, version)
            outcomes.append(KitOutcome(job, True, "", share))
        except ToolkitError as exc:
            outcomes.append(KitOutcome(job, False, str(exc.first), share))
    return outcomes


def build_kits(
    profiles: list[Path],
    languages: list[str],
    out: Path,
    jobs: int | None = None,
    *,
    pdf: bool = True,
    force: bool = False,
    paper: str | None = None,
    duplex: bool = False,
    on_outcome: Callable[[KitOutcome], None] | None = None,
) -> list[KitOutcome]:
    """Every profile × language into ``out/<CODE>/<LANG>/`` over ``jobs`` processes (default: every CPU)."""
    planned, outcomes = plan_kit(profiles, languages, out)
    for outcome in outcomes:
        if on_outcome:
            on_outcome(outcome)
    workers = max(1, jobs or os.cpu_count() or 1)
    batches = [planned[i : i + BATCH] for i in range(0, len(planned), BATCH)]
    if not batches:
        return outcomes
    with ProcessPoolExecutor(max_workers=min(workers, len(batches))) as pool:
        pending: set[Future[list[KitOutcome]]] = set()
        queue = list(batches)
        try:
            while queue or pending:
                while queue and len(pending) < workers:  # submit as workers free up: memory stays flat
                    pending.add(pool.submit(run_batch, queue.pop(0), pdf, force, paper, duplex))
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    for outcome in future.result():
                        outcomes.append(outcome)
                        if on_outcome:
                            on_outcome(outcome)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return outcomes
