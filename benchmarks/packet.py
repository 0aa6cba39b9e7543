"""Benchmark: one full packet (DOCX, PDFs, packet.pdf, manifest) per example profile.

Side by side in one run, on the same rendered DOCX files (the documents and the
packet cover):
  * ours     — `build_packet` with the PDF cache off (cold), one and two LibreOffice processes;
  * cached   — `build_packet` again on the unchanged profile (PDF cache warm);
  * naive    — one `soffice --convert-to pdf` process per document;
  * floor    — one `soffice` process converting the same DOCX files, nothing else.

Run:  .venv/bin/python benchmarks/packet.py [--repeat 3] [PROFILE ...]
Prints a Markdown table of medians (seconds).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plain import plain_soffice, write_sources  # noqa: E402

from toolkit.build import build_packet  # noqa: E402
from toolkit.pdf.convert import find_soffice  # noqa: E402

_WARM_PROFILE = Path(tempfile.mkdtemp(prefix="bench-lo-warm-"))


def _soffice(files: list[Path], out: Path, soffice: str) -> None:
    plain_soffice(files, out, _WARM_PROFILE, soffice)


def _docx_set(profile: Path, work: Path) -> list[Path]:
    (work / "unused").mkdir(exist_ok=True)
    return write_sources(profile, "en", work)


def _timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def bench_profile(profile: Path, repeat: int, soffice: str) -> dict[str, float]:
    rows: dict[str, list[float]] = {
        k: []
        for k in ("ours", "ours_render", "ours_convert", "ours_assemble", "ours_2proc", "cached", "naive", "floor")
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = _docx_set(profile, work)
        rows["documents"] = [len(files)]
        cache = work / "cache"
        for i in range(repeat):
            result = build_packet(profile, "en", work / f"o{i}", cache=False, draft=True)
            rows["ours"].append(result.timings["total"])
            for stage in ("render", "convert", "assemble"):
                rows[f"ours_{stage}"].append(result.timings[stage])
            rows["ours_2proc"].append(
                build_packet(profile, "en", work / f"p{i}", cache=False, draft=True, processes=2).timings["total"]
            )
            os.environ["RATKIT_CACHE_DIR"] = str(cache)
            build_packet(profile, "en", work / f"w{i}", draft=True)  # warm the cache
            rows["cached"].append(build_packet(profile, "en", work / f"c{i}", draft=True).timings["total"])
            del os.environ["RATKIT_CACHE_DIR"]
            out = work / f"n{i}"
            rows["naive"].append(_timed(lambda out=out: [_soffice([f], out, soffice) for f in files]))
            out = work / f"f{i}"
            rows["floor"].append(_timed(lambda out=out: _soffice(files, out, soffice)))
    return {k: statistics.median(v) for k, v in rows.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("profiles", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    profiles = args.profiles or sorted((ROOT / "examples" / "profiles").glob("*.yaml"))
    soffice = find_soffice()
    with tempfile.TemporaryDirectory() as warm:  # initialize the floor's profile once, untimed
        probe = Path(warm) / "probe.docx"
        shutil.copy(ROOT / "templates" / "ccm" / "instruments" / "instrument.docx", probe)
        _soffice([probe], Path(warm), soffice)
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {version}")
    print(f"Medians of {args.repeat} runs, seconds; ratio = ours / floor, speed-up = naive / ours.\n")
    print(
        "| profile | docs | ours (1 proc) | render | convert | assemble | ours (2 procs) | cached rebuild "
        "| floor | naive | ratio | speed-up |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    all_rows = []
    for profile in profiles:
        r = bench_profile(profile, args.repeat, soffice)
        all_rows.append(r)
        print(
            f"| {profile.stem} | {r['documents']:.0f} | {r['ours']:.2f} | {r['ours_render']:.2f} | "
            f"{r['ours_convert']:.2f} | {r['ours_assemble']:.2f} | {r['ours_2proc']:.2f} | {r['cached']:.2f} | "
            f"{r['floor']:.2f} | {r['naive']:.2f} | {r['ours'] / r['floor']:.2f} | {r['naive'] / r['ours']:.1f}× |",
            flush=True,
        )
    if len(all_rows) > 1:
        med = {k: statistics.median(r[k] for r in all_rows) for k in all_rows[0]}
        print(
            f"| **median** | {med['documents']:.0f} | {med['ours']:.2f} | {med['ours_render']:.2f} | "
            f"{med['ours_convert']:.2f} | {med['ours_assemble']:.2f} | {med['ours_2proc']:.2f} | "
            f"{med['cached']:.2f} | {med['floor']:.2f} | {med['naive']:.2f} | {med['ours'] / med['floor']:.2f} | "
            f"{med['naive'] / med['ours']:.1f}× |"
        )


if __name__ == "__main__":
    main()
