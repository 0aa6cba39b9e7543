"""Benchmark: whole-process commands as an official runs them, start-up included.

  * `ratkit check PROFILE`                          — needs neither DOCX nor PDF libraries;
  * `ratkit build PROFILE --force` (cached)         — the same profile again, PDF cache warm;
  * `ratkit build PROFILE --force --no-cache` (cold) — LibreOffice converts every document;
  * `python -c "import toolkit.cli"`                — the price of starting the command at all.

Each is a fresh process (`subprocess.run`), timed wall-clock; medians of --repeat runs.
Targets (2-core machine): check ≤ 0.35 s, cached build ≤ 0.6 s.

Run:  .venv/bin/python benchmarks/startup.py [--repeat 5] [PROFILE]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATKIT = [sys.executable, "-m", "toolkit"]


def _time(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-400:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("profile", nargs="?", default=str(ROOT / "examples" / "profiles" / "kenya.yaml"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="bench-startup-")) / "packet"
    env = dict(os.environ, RATKIT_CACHE_DIR=tempfile.mkdtemp(prefix="bench-startup-cache-"))
    commands = {
        "import toolkit.cli": [sys.executable, "-c", "import toolkit.cli"],
        "ratkit check": [*RATKIT, "check", args.profile],
        "ratkit build (cached)": [*RATKIT, "build", args.profile, "--out", str(out), "--force"],
        "ratkit build (cold, --no-cache)": [*RATKIT, "build", args.profile, "--out", str(out), "--force", "--no-cache"],
    }
    _time(commands["ratkit build (cached)"], env)  # fills the cache and LibreOffice's profile seed
    print("| command | runs | median (s) | min (s) | max (s) |\n|---|---|---|---|---|")
    for name, command in commands.items():
        runs = [_time(command, env) for _ in range(args.repeat)]
        print(f"| `{name}` | {len(runs)} | {statistics.median(runs):.3f} | {min(runs):.3f} | {max(runs):.3f} |")


if __name__ == "__main__":
    main()
