"""A workshop kit's jobs: which packets to build (every profile × language), and how they are batched.

Plain data and planning, no processes: the runner (:mod:`toolkit.kits.runner`) builds the jobs and
the index (:mod:`toolkit.kits.index`) lists what became of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..errors import ToolkitError
from ..lang.catalog import check_language
from ..model.load import load_profile

BATCH = 24  # most packets per batch: bounds a worker's memory; 24 × 8 documents fit one LibreOffice run


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


class KitInterrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) during a kit: the workers are stopped; ``outcomes`` says what was built."""

    def __init__(self, outcomes: list[KitOutcome], not_built: list[KitJob]) -> None:
        super().__init__()
        self.outcomes = outcomes
        self.not_built = not_built


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


def deal_batches(jobs: list[KitJob], workers: int, cap: int = BATCH) -> list[list[KitJob]]:
    """Equal batches of at most ``cap`` packets, their number a multiple of ``workers`` (no worker idles
    at the end while another converts a last big batch); dealt round-robin so each mixes States and languages."""
    if not jobs:
        return []
    count = math.ceil(max(workers, math.ceil(len(jobs) / cap)) / workers) * workers
    count = min(count, len(jobs))
    return [jobs[i::count] for i in range(count)]
