"""A workshop kit's jobs: which packets to build (every profile × language), and how they are batched.

Plain data and planning, no processes: the runner (:mod:`toolkit.kits.runner`) builds the jobs and
the index (:mod:`toolkit.kits.index`) lists what became of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..build import BuildOptions
from ..errors import ToolkitError
from ..lang.catalog import check_language
from ..model.load import load_profile
from .freshness import is_unchanged, packet_key, sources_digest

BATCH = 24  # most packets per batch: bounds a worker's memory; 24 × 8 documents fit one LibreOffice run


@dataclass(frozen=True)
class KitJob:
    """One packet of a kit: a profile in a language, and where it goes."""

    profile: Path
    code: str
    lang: str
    folder: Path
    key: str = ""  # the build key (toolkit.kits.freshness): recorded in the packet's manifest


@dataclass(frozen=True)
class KitOutcome:
    """What became of one packet."""

    job: KitJob
    ok: bool
    message: str
    seconds: float
    unchanged: bool = False  # kept from an earlier run: built from the same inputs

    @property
    def result(self) -> str:
        """built, unchanged or FAILED."""
        return "unchanged" if self.unchanged else "built" if self.ok else "FAILED"


class KitInterrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) during a kit: the workers are stopped; ``outcomes`` says what was built."""

    def __init__(self, outcomes: list[KitOutcome], not_built: list[KitJob]) -> None:
        super().__init__()
        self.outcomes = outcomes
        self.not_built = not_built


def plan_kit(
    profiles: list[Path], languages: list[str], out: Path, options: BuildOptions | None = None
) -> tuple[list[KitJob], list[KitOutcome]]:
    """The packets to build (``out/<CODE>/<LANG>``), and the outcomes known before any work: a bad
    profile fails; a packet already built from the same inputs is unchanged (unless ``options.force``)."""
    options = options or BuildOptions()
    for lang in languages:
        check_language(lang, options.locales)
    sources = sources_digest(options)
    jobs: list[KitJob] = []
    known: list[KitOutcome] = []
    for path in profiles:
        try:
            code = load_profile(path, options.treaties, options.templates).state.code
        except ToolkitError as exc:
            for lang in languages:
                known.append(KitOutcome(KitJob(path, path.stem, lang, out), False, str(exc.first), 0.0))
            continue
        for lang in languages:
            job = KitJob(path, code, lang, out / code / lang, packet_key(path, lang, sources))
            if not options.force and is_unchanged(job.folder, job.key):
                known.append(KitOutcome(job, True, "", 0.0, unchanged=True))
            else:
                jobs.append(job)
    return jobs, known


def deal_batches(jobs: list[KitJob], workers: int, cap: int = BATCH) -> list[list[KitJob]]:
    """Equal batches of at most ``cap`` packets, their number a multiple of ``workers`` (no worker idles
    at the end while another converts a last big batch); dealt round-robin so each mixes States and languages."""
    if not jobs:
        return []
    count = math.ceil(max(workers, math.ceil(len(jobs) / cap)) / workers) * workers
    count = min(count, len(jobs))
    return [jobs[i::count] for i in range(count)]
