"""Workshop kits: many profiles × languages, built over worker processes.

Packets are dealt into a few equal batches, a multiple of the number of workers.
A worker renders its batch, starts one LibreOffice for the whole batch and
finishes each packet (assembles packet.pdf, writes the folder) as soon as its
last PDF is out, while LibreOffice goes on with the next: LibreOffice's start-up
is paid once per batch and progress is reported packet by packet.  Batches are
capped in size, so memory stays flat however many States a workshop has.  One
bad profile never stops the others: every packet ends as built or failed with
its one-line reason.  Ctrl-C ends the workers and their LibreOffice processes;
a packet folder appears only whole (see :mod:`toolkit.output`).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import Any

from ..build import BuildOptions, PreparedPacket, finish_packet, prepare_packet
from ..errors import ToolkitError
from ..pdf.convert import Converter, ConvertOptions, PdfCache
from .jobs import KitInterrupted, KitJob, KitOutcome, deal_batches, plan_kit
from .language_kit import LanguageKitResult, write_language_kits
from .workshop import WorkshopFile

# --- in a worker process -------------------------------------------------------------------------

_progress: Any = None  # the queue a worker reports each finished packet on
_busy = False  # inside run_batch: SIGTERM unwinds it (LibreOffice stopped, staging removed) before exiting


def _init_worker(progress: Any) -> None:
    global _progress
    _progress = progress
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the parent, which stops the workers
    signal.signal(signal.SIGTERM, _on_terminate)


def _on_terminate(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: a second SIGTERM must not break the clean-up it starts
    if _busy:
        raise SystemExit(128 + signum)
    os._exit(128 + signum)


def run_batch(jobs: list[KitJob], options: BuildOptions) -> list[KitOutcome]:
    """Build a batch of packets with one LibreOffice run (runs in a worker process)."""
    global _busy
    _busy = True
    try:
        return list(_build_batch(jobs, options))
    except SystemExit:
        os._exit(143)  # terminated: everything above has been cleaned up on the way out
    finally:
        _busy = False


def _report(outcome: KitOutcome) -> KitOutcome:
    if _progress is not None:
        _progress.put(outcome)
    return outcome


def _build_batch(jobs: list[KitJob], options: BuildOptions) -> Iterator[KitOutcome]:
    clock = _Clock()
    prepared: dict[int, tuple[KitJob, PreparedPacket]] = {}
    for i, job in enumerate(jobs):
        try:
            job.folder.parent.mkdir(parents=True, exist_ok=True)
            packet = prepare_packet(job.profile, job.lang, job.folder, options, build_key=job.key or None)
            prepared[i] = (job, packet)
        except ToolkitError as exc:
            yield _report(KitOutcome(job, False, str(exc.first), clock.lap()))
        except OSError as exc:
            yield _report(KitOutcome(job, False, f"{job.folder}: cannot be written: {exc.strerror}", clock.lap()))
        except Exception as exc:  # a bug: this packet fails, named, and the batch goes on
            yield _report(KitOutcome(job, False, _internal(job, exc), clock.lap()))
    if not options.pdf:
        for job, packet in prepared.values():
            yield _report(_finish(job, packet, None, "", clock))
        return
    yield from _convert_and_finish(prepared, clock, options)


def _convert_and_finish(
    prepared: dict[int, tuple[KitJob, PreparedPacket]], clock: _Clock, build: BuildOptions
) -> Iterator[KitOutcome]:
    """Every packet's PDFs through one converter (cached ones first, then one LibreOffice for the rest),
    each packet finished as soon as its last PDF is out."""
    if not prepared:
        return
    converter = Converter(ConvertOptions(pdfa=build.pdfa), PdfCache(enabled=build.cache))
    documents: dict[str, bytes] = {}  # every document of the batch, by a name unique in the batch
    owner: dict[str, tuple[int, str]] = {}  # that name → (packet, the document's name in it)
    waiting: dict[int, set[str]] = {}
    pdfs: dict[int, dict[str, bytes]] = {}
    for i, (_, packet) in prepared.items():
        sources = packet.sources()
        waiting[i], pdfs[i] = set(sources), {}
        for name, data in sources.items():
            documents[f"p{i}-{name}"] = data
            owner[f"p{i}-{name}"] = (i, name)
    try:
        with closing(converter.stream(documents)) as converted:  # closed: no LibreOffice outlives the batch
            for unique, pdf in converted:
                i, name = owner[unique]
                if i not in prepared:
                    continue  # the packet already failed on another document
                if pdf is None:
                    job, packet = prepared.pop(i)
                    packet.release()
                    yield _report(KitOutcome(job, False, f"LibreOffice produced no PDF for {name}", clock.lap()))
                    continue
                pdfs[i][name] = pdf
                waiting[i].discard(name)
                if not waiting[i]:
                    yield _report(_finish(*prepared.pop(i), pdfs.pop(i), converter.version, clock))
    except ToolkitError as exc:  # no LibreOffice, or it failed: the packets not yet finished fail with it
        for job, packet in prepared.values():
            packet.release()
            yield _report(KitOutcome(job, False, str(exc.first), clock.lap()))


def _finish(
    job: KitJob, packet: PreparedPacket, pdfs: dict[str, bytes] | None, version: str, clock: _Clock
) -> KitOutcome:
    try:
        finish_packet(packet, pdfs, version)
    except ToolkitError as exc:
        return KitOutcome(job, False, str(exc.first), clock.lap())
    except Exception as exc:  # a bug or a damaged PDF: this packet fails, the batch goes on
        return KitOutcome(job, False, _internal(job, exc), clock.lap())
    finally:
        packet.release()
    return KitOutcome(job, True, "", clock.lap())


def _internal(job: KitJob, exc: BaseException) -> str:
    """A bug met while building one packet, said as such and naming the packet (its traceback is a report)."""
    return f"internal error building {job.code}/{job.lang} from {job.profile.name}: {type(exc).__name__}: {exc}"


@dataclass
class _Clock:
    """Seconds since the last packet ended in this worker: each packet's share of the batch."""

    last: float = field(default_factory=time.perf_counter)

    def lap(self) -> float:
        now = time.perf_counter()
        seconds, self.last = now - self.last, now
        return seconds


# --- in the parent process -----------------------------------------------------------------------


def build_kits(
    profiles: list[Path],
    languages: list[str],
    out: Path,
    jobs: int | None = None,
    options: BuildOptions | None = None,
    *,
    on_outcome: Callable[[KitOutcome], None] | None = None,
    index: bool = True,
    workshop: WorkshopFile | None = None,
    **settings: Any,
) -> KitReport:
    """Every profile × language into ``out/<CODE>/<LANG>/`` over ``jobs`` processes (default: every CPU),
    then (with ``index``) each language's index, front matter, briefs, print file and archive
    (:mod:`toolkit.kits.language_kit`), headed by ``workshop`` when one is described.

    A packet already built from the same inputs is kept ("unchanged") unless ``options.force``.
    ``settings`` override single fields of ``options``.  ``on_outcome`` is called in this process for
    each packet as it ends.  On Ctrl-C (or
    SIGTERM turned into KeyboardInterrupt) the workers and their LibreOffice processes are
    stopped and :class:`KitInterrupted` says what was built and what was not.
    """
    options = replace(options or BuildOptions(), **settings)
    planned, outcomes = plan_kit(profiles, languages, out, options)
    for outcome in outcomes:
        if on_outcome:
            on_outcome(outcome)
    workers = max(1, jobs or os.cpu_count() or 1)
    batches = deal_batches(planned, workers)
    # a packet planned for building replaces the folder's earlier packet (its inputs changed, or --force);
    # a folder edited by hand is still refused (toolkit.output)
    options = replace(options, force=True)
    seen: set[tuple[str, str]] = set()

    def record(outcome: KitOutcome) -> None:
        key = (outcome.job.code, outcome.job.lang)
        if key not in seen:
            seen.add(key)
            outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)

    if batches:
        try:
            _run_batches(batches, workers, options, record)
        except KeyboardInterrupt:
            _remove_empty_folders(out)  # the workers are stopped and their staging folders gone by now
            not_built = [job for job in planned if (job.code, job.lang) not in seen]
            raise KitInterrupted(outcomes, not_built) from None
    languages_done = []
    if index:
        try:
            languages_done = write_language_kits(outcomes, languages, out, options, workshop, workers)
        except KeyboardInterrupt:  # every packet is built; each kit file is written whole or not at all
            raise KitInterrupted(outcomes, []) from None
    return KitReport(outcomes, languages_done)


@dataclass(frozen=True)
class KitReport:
    """What a kit run did: each packet's outcome, and each language's print file and archive."""

    packets: list[KitOutcome]
    languages: list[LanguageKitResult]


def _run_batches(
    batches: list[list[KitJob]],
    workers: int,
    options: BuildOptions,
    record: Callable[[KitOutcome], None],
) -> None:
    """Build the batches over worker processes, recording each packet as it ends; Ctrl-C stops them all
    (and is raised again once every packet that ended is recorded)."""
    context = multiprocessing.get_context()
    progress = context.Queue()
    with _worker_pool(min(workers, len(batches)), context, progress) as pool:
        try:
            pending: dict[Future[list[KitOutcome]], list[KitJob]] = {}
            waiting = list(batches)
            while waiting or pending:
                while waiting and len(pending) < workers:  # submit as workers free up: memory stays flat
                    batch = waiting.pop(0)
                    pending[pool.submit(run_batch, batch, options)] = batch
                done, _ = wait(list(pending), timeout=0.2, return_when=FIRST_COMPLETED)
                _drain(progress, record)
                for future in done:
                    batch = pending.pop(future)
                    for outcome in _batch_result(future, batch):
                        record(outcome)
        except KeyboardInterrupt:
            _drain(progress, record)
            raise


@contextmanager
def _worker_pool(workers: int, context: Any, progress: Any) -> Iterator[ProcessPoolExecutor]:
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(progress,))
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        _stop_workers()
        raise
    pool.shutdown(wait=True)


def _stop_workers(grace: float = 20.0) -> None:
    """SIGTERM each worker (it stops its LibreOffice and removes its staging folder), then wait; kill stragglers."""
    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(grace)
        if child.is_alive():
            child.kill()
            child.join()


def _remove_empty_folders(out: Path) -> None:
    """The State folders made for packets that an interruption kept from being built."""
    for folder in out.iterdir():
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()


def _drain(progress: Any, record: Callable[[KitOutcome], None]) -> None:
    while True:
        try:
            record(progress.get_nowait())
        except queue.Empty:
            return


def _batch_result(future: Future[list[KitOutcome]], batch: list[KitJob]) -> list[KitOutcome]:
    try:
        return future.result()
    except BrokenProcessPool:  # a worker killed (out of memory, say): its unfinished packets failed
        reason = "the worker process ended unexpectedly"
    except Exception as exc:
        reason = f"internal error: {type(exc).__name__}: {exc}"
    return [KitOutcome(job, False, reason, 0.0) for job in batch]
