"""Benchmark: workshop kits, N profiles × 7 languages with PDFs, side by side in one run.

  * ours   — `ratkit kits --duplex` as a user runs it (a real process, cold PDF cache): the packets,
             and per language the index, agenda, sign-in sheet, participants, a brief and a
             separator sheet per State, print.pdf and kit-<LANG>.zip;
  * floor  — the same DOCX files (every document and cover of the packets, and every kit document:
             those written to <LANG>/, and each State's brief once more standing in for its
             separator sheet, a one-page DOCX like it), converted by as many `soffice` processes
             as jobs, nothing else;
  * naive  — one `soffice --convert-to pdf` process per document, `jobs` at a time;
  * re-run — ours again into the same folder with nothing changed (every packet "unchanged").

Wall time is the median of ``--repeat`` runs (naive: ``--naive-repeat``, it takes
minutes).  Peak RSS is the largest sum of resident memory over the whole process
tree (the CLI, its workers, every LibreOffice), sampled every 50 ms with psutil.
``--scale 5,20,40`` also runs ours at those profile counts to show memory stays flat.

Profiles: the 17 examples, then generated accession profiles for other States
that are not party (their text in every language: the packets are built in all 7).

Run:  .venv/bin/pip install -e '.[bench]' && .venv/bin/python benchmarks/kits.py
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plain import plain_soffice, write_sources  # noqa: E402

from toolkit.lang.catalog import document_languages  # noqa: E402
from toolkit.lang.language import resolve_language  # noqa: E402
from toolkit.model.names import find_state, state_name  # noqa: E402
from toolkit.model.resolve import mission_name_of, office_titles  # noqa: E402
from toolkit.pdf.convert import FILES_PER_RUN, find_soffice  # noqa: E402

LANGUAGES = document_languages()

# Real States that neither signed nor joined (they would accede): profiles 18 and up.
EXTRA_STATES = [
    "FI", "EE", "PL", "GR", "TR", "AZ", "KZ", "SG", "BH", "KW", "QA", "OM",
    "AE", "SA", "IN", "PK", "KR", "UA", "BY", "US", "RU", "CN", "IL",
]  # fmt: skip

_EXTRA_PROFILE = """\
treaty: ccm
state: {{code: {code}, languages: [en], legal_system: {system}}}
act: accession
signatory: {{name: A. Example, title: {title}, office: minister_for_foreign_affairs}}
instrument: {{place: {place}, date: 2027-05-10}}
declarations: {{provisional_application: false, reservations: []}}
mission: {{name: {mission}, city: New York}}
deposit: {{planned: 2027-06-01}}
implementation:
  stockpiles: {stockpiles}
  contaminated: false
  retention_for_training: {stockpiles}
  armed_forces: true
  foreign_military_cooperation: true
  penalties: {{imprisonment_years: 10, fine: 1000000, currency: USD}}
  competent_authority: {authority}
"""
_CAPITAL = {"en": "the capital", "fr": "la capitale", "es": "la capital", "pt": "a capital", "ru": "столица"}
_CAPITAL |= {"zh": "首都", "ar": "العاصمة"}
_DEFENCE = {"en": "Ministry of Defence", "fr": "ministère de la défense", "es": "Ministerio de Defensa"}
_DEFENCE |= {"pt": "Ministério da Defesa", "ru": "министерство обороны", "zh": "国防部", "ar": "وزارة الدفاع"}


def _per_language(texts: dict[str, str]) -> str:
    """A YAML flow mapping with one text per language (every language: the packets are built in all)."""
    return "{" + ", ".join(f"{lang}: {json.dumps(text, ensure_ascii=False)}" for lang, text in texts.items()) + "}"


def _extra_profile(code: str, system: str, stockpiles: bool) -> str:
    """A profile for a State not party, with its text in every language (UN names, the toolkit's titles)."""
    record = find_state(code)
    assert record is not None, code
    titles, missions = {}, {}
    for lang in LANGUAGES:
        language = resolve_language(lang)
        name = state_name(record, lang)
        titles[lang] = office_titles(language)["minister_for_foreign_affairs"]
        missions[lang] = mission_name_of(name.short, name.formal, language)
    return _EXTRA_PROFILE.format(
        code=code,
        system=system,
        stockpiles=str(stockpiles).lower(),
        title=_per_language(titles),
        place=_per_language(_CAPITAL),
        mission=_per_language(missions),
        authority=_per_language(_DEFENCE),
    )


def benchmark_profiles(count: int, folder: Path) -> list[Path]:
    """``count`` profiles: the examples first, then generated ones."""
    examples = sorted((ROOT / "examples" / "profiles").glob("*.yaml"))
    profiles = examples[:count]
    for i, code in enumerate(EXTRA_STATES[: max(0, count - len(examples))]):
        path = folder / f"extra-{code.lower()}.yaml"
        system = "civil_law" if i % 2 else "common_law"
        path.write_text(_extra_profile(code, system, i % 3 == 0), encoding="utf-8")
        profiles.append(path)
    if len(profiles) < count:
        raise SystemExit(f"at most {len(examples) + len(EXTRA_STATES)} profiles")
    return profiles


class PeakMemory:
    """Peak memory of this process's children (and theirs), sampled in a thread.

    ``peak`` is the largest sum of PSS (shared pages split between the processes that map
    them; RSS summed would count LibreOffice's libraries and the forked workers' pages
    twice); ``python_peak`` the largest RSS of one toolkit (non-LibreOffice) process.
    """

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak = 0
        self.python_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for child in me.children(recursive=True):
                try:
                    total += child.memory_full_info().pss
                    if "soffice" not in child.name() and "oosplash" not in child.name():
                        self.python_peak = max(self.python_peak, child.memory_info().rss)
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)


def timed(fn: Callable[[], object]) -> tuple[float, int, int]:
    """Wall seconds, peak tree PSS and peak toolkit-process RSS (bytes) of ``fn``."""
    with PeakMemory() as memory:
        started = time.perf_counter()
        fn()
        seconds = time.perf_counter() - started
    return seconds, memory.peak, memory.python_peak


def run_ours(profiles: list[Path], out: Path, jobs: int, cache: Path) -> None:
    """`ratkit kits` as a user runs it, on a cold PDF cache."""
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(os.environ, RATKIT_CACHE_DIR=str(cache))
    command = [sys.executable, "-m", "toolkit", "kits", *map(str, profiles)]
    command += ["--lang", ",".join(LANGUAGES), "--out", str(out), "--jobs", str(jobs), "--duplex", "--workshop"]
    command += [str(_workshop(out.parent))]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"ratkit kits failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")


def rerun_ours(profiles: list[Path], out: Path, jobs: int, cache: Path) -> None:
    """`ratkit kits` again into the folder of an earlier run, nothing changed: every packet kept."""
    env = dict(os.environ, RATKIT_CACHE_DIR=str(cache))
    command = [sys.executable, "-m", "toolkit", "kits", *map(str, profiles)]
    command += ["--lang", ",".join(LANGUAGES), "--out", str(out), "--jobs", str(jobs), "--duplex", "--workshop"]
    command += [str(_workshop(out.parent))]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0 or f" {len(profiles) * len(LANGUAGES)} unchanged" not in done.stdout:
        raise SystemExit(f"the re-run did not keep every packet:\n{done.stdout[-2000:]}")


def _workshop(folder: Path) -> Path:
    """A workshop description with a title in every language (the kit's agenda and headings read it)."""
    path = folder / "workshop.yaml"
    if not path.is_file():
        titles = ", ".join(f"{lang}: Workshop {lang}" for lang in LANGUAGES)
        path.write_text(f"title: {{{titles}}}\nstart: 2027-03-15\nend: 2027-03-16\nvenue: Geneva\n")
    return path


def docx_set(profiles: list[Path], folder: Path) -> list[Path]:
    """Every DOCX of the packets (documents and covers), rendered as the kit renders them (untimed)."""
    return [
        path
        for profile in profiles
        for lang in LANGUAGES
        for path in write_sources(profile, lang, folder, prefix=f"{profile.stem}-{lang}-")
    ]


def kit_docx_set(kit: Path, folder: Path) -> list[Path]:
    """Every kit document ours converted besides the packets, copied from a kit it built (see the module)."""
    files = []
    for lang in LANGUAGES:
        for source in sorted((kit / lang).rglob("*.docx")):
            name = f"kit-{lang}-{source.parent.name}-{source.stem}"
            copies = [name, f"{name}-separator"] if source.parent.name == "briefs" else [name]
            for copy in copies:
                shutil.copyfile(source, folder / f"{copy}.docx")
                files.append(folder / f"{copy}.docx")
    return files


def run_floor(files: list[Path], out: Path, jobs: int, user_profiles: list[Path], executable: str) -> None:
    """The same DOCX over ``jobs`` soffice processes, each given its share in as few runs as it takes
    (LibreOffice reads only ~255 arguments: FILES_PER_RUN at most per run)."""
    shares = [files[i::jobs] for i in range(jobs)]

    def slot(i: int) -> None:
        for start in range(0, len(shares[i]), FILES_PER_RUN):
            plain_soffice(shares[i][start : start + FILES_PER_RUN], out, user_profiles[i], executable)

    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(slot, range(jobs)))
    _check_converted(files, out)


def run_naive(files: list[Path], out: Path, jobs: int, user_profiles: list[Path], executable: str) -> None:
    """One soffice process per document, ``jobs`` at a time (each slot on its own profile)."""
    slots = [files[i::jobs] for i in range(jobs)]

    def slot(i: int) -> None:
        for file in slots[i]:
            plain_soffice([file], out, user_profiles[i], executable)

    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(slot, range(jobs)))
    _check_converted(files, out)


def _check_converted(files: list[Path], out: Path) -> None:
    missing = [f.name for f in files if not (out / f"{f.stem}.pdf").is_file()]
    if missing:
        raise SystemExit(f"{len(missing)} DOCX were not converted, e.g. {missing[0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profiles", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-repeat", type=int, default=1, help="0 skips the naive way")
    parser.add_argument("--scale", default="5,20,40", help="profile counts for the memory table ('' skips it)")
    args = parser.parse_args()
    executable = find_soffice()
    version = subprocess.run([executable, "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="bench-kits-") as tmp:
        work = Path(tmp)
        (work / "unused").mkdir()
        profiles = benchmark_profiles(max([args.profiles, *_counts(args.scale)]), work)
        chosen = profiles[: args.profiles]
        files = docx_set(chosen, work)
        packets = len(chosen) * len(LANGUAGES)
        user_profiles = [work / f"lo-{i}" for i in range(args.jobs)]
        for user_profile in user_profiles:  # initialize each soffice profile once, untimed
            plain_soffice(files[:1], work / "warm", user_profile, executable)
        print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {version}")
        print(
            f"{len(chosen)} profiles × {len(LANGUAGES)} languages = {packets} packets, {len(files)} DOCX converted; "
            f"--jobs {args.jobs}\n"
        )
        rows: dict[str, list[tuple[float, int, int]]] = {"ours": [], "floor": [], "naive": [], "re-run": []}
        for i in range(args.repeat):
            rows["ours"].append(timed(lambda i=i: run_ours(chosen, work / f"ours-{i}", args.jobs, work / "cache")))
            if i == 0:  # the kit's own documents join the floor's set (untimed)
                (work / "kitdocs").mkdir()
                files += kit_docx_set(work / "ours-0", work / "kitdocs")
                print(f"  {len(files)} DOCX converted in all (packets and kit documents)", flush=True)
            rows["re-run"].append(timed(lambda i=i: rerun_ours(chosen, work / f"ours-{i}", args.jobs, work / "cache")))
            rows["floor"].append(
                timed(
                    lambda i=i, files=files: run_floor(
                        files, _fresh(work / f"floor-{i}"), args.jobs, user_profiles, executable
                    )
                )
            )
            print(f"  run {i + 1}: ours {rows['ours'][-1][0]:.1f} s, floor {rows['floor'][-1][0]:.1f} s", flush=True)
        for i in range(args.naive_repeat):
            rows["naive"].append(
                timed(lambda i=i: run_naive(files, _fresh(work / f"naive-{i}"), args.jobs, user_profiles, executable))
            )
            print(f"  naive run {i + 1}: {rows['naive'][-1][0]:.1f} s", flush=True)
        _table(rows, len(files), packets)
        counts = _counts(args.scale)
        if counts:
            print(
                "\n| profiles | packets | ours (s) | packets/s | peak memory, all processes (PSS, MB) "
                "| largest toolkit process (RSS, MB) |\n|---|---|---|---|---|---|"
            )
            for count in counts:
                seconds, peak, python_peak = timed(
                    lambda c=count: run_ours(profiles[:c], work / f"scale-{c}", args.jobs, work / "cache")
                )
                n = count * len(LANGUAGES)
                print(
                    f"| {count} | {n} | {seconds:.1f} | {n / seconds:.2f} | {peak / 2**20:.0f} "
                    f"| {python_peak / 2**20:.0f} |",
                    flush=True,
                )


def _counts(scale: str) -> list[int]:
    return [int(c) for c in scale.split(",") if c.strip()]


def _fresh(folder: Path) -> Path:
    folder.mkdir()
    return folder


def _table(rows: dict[str, list[tuple[float, int, int]]], documents: int, packets: int) -> None:
    print(
        "\n| way | runs | wall (s, median) | documents/s | packets/s | peak memory, all processes (PSS, MB) "
        "| × ours |\n|---|---|---|---|---|---|---|"
    )
    ours = statistics.median(r[0] for r in rows["ours"])
    labels = {
        "ours": "ratkit kits",
        "floor": "floor: soffice × jobs",
        "naive": "naive: soffice per document",
        "re-run": "ratkit kits again, nothing changed",
    }
    for way, label in labels.items():
        if not rows[way]:
            continue
        wall = statistics.median(r[0] for r in rows[way])
        peak = max(r[1] for r in rows[way])
        print(
            f"| {label} | {len(rows[way])} | {wall:.1f} | {documents / wall:.1f} | {packets / wall:.2f} | "
            f"{peak / 2**20:.0f} | {wall / ours:.2f} |"
        )


if __name__ == "__main__":
    main()
