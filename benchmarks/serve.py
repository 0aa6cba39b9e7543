"""Benchmark: a room of officers using the interview at once.

Starts `ratkit serve` as its own process on 127.0.0.1, then N simulated users (threads, each
with its own cookies) each: open the page for an example State, post their answers to the live
checks several times (as typing does), ask for the preview, and build and download the packet
(with PDFs). Measures the p50/p95 of the check update, the preview and the packet, checks that
every user got a zip whose manifest names their own State (nothing mixed), and samples the
peak memory of the server's whole process tree (PSS: the server and its LibreOffice processes).

Targets: check update p95 < 300 ms; preview p95 < 1.5 s with 20 users; every packet delivered.
Each user posts the checks at most every 250 ms, as the page's script does (DEBOUNCE).

Run:  .venv/bin/python benchmarks/serve.py [--users 20] [--builds 2]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import io
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEBOUNCE = 0.25  # seconds: interview.html waits this long after a keystroke before it posts the answers
sys.path.insert(0, str(ROOT))

from toolkit.serve.answers import from_profile  # noqa: E402

EXAMPLES = sorted((ROOT / "examples" / "profiles").glob("*.yaml"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def encode(answers: dict[str, object], csrf: str, action: str) -> bytes:
    fields: list[tuple[str, str]] = [("_csrf", csrf), ("_action", action)]
    for key, value in answers.items():
        if isinstance(value, list):
            fields += [(key, str(item)) for item in value]
        else:
            fields.append((key, str(value)))
    return urllib.parse.urlencode(fields).encode()


def user(base: str, profile: Path, results: dict[str, list[float]], errors: list[str]) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    answers = from_profile(data)
    code = data["state"]["code"]
    try:
        page = opener.open(f"{base}/en/?state={code}", timeout=60).read().decode()
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        for _round in range(5):
            time.sleep(DEBOUNCE)  # the page sends the answers at most this often, however fast one types
            started = time.perf_counter()
            opener.open(f"{base}/en/live", encode(answers, csrf, "check"), timeout=60).read()
            results["check"].append(time.perf_counter() - started)
        for _round in range(2):
            started = time.perf_counter()
            opener.open(f"{base}/en/preview", encode(answers, csrf, "check"), timeout=60).read()
            results["preview"].append(time.perf_counter() - started)
        started = time.perf_counter()
        body = opener.open(f"{base}/en/", encode({**answers, "_draft": "yes"}, csrf, "build"), timeout=600).read()
        results["packet"].append(time.perf_counter() - started)
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            manifest = json.loads(archive.read("packet/manifest.json"))
        if manifest["state"]["code"] != code:
            errors.append(f"{profile.stem}: got the packet of {manifest['state']['code']}")
    except Exception as exc:  # noqa: BLE001 — a benchmark counts every failure
        errors.append(f"{profile.stem}: {type(exc).__name__}: {exc}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--builds", type=int, default=2)
    args = parser.parse_args()
    port = free_port()
    env = dict(os.environ, RATKIT_CACHE_DIR=tempfile.mkdtemp(prefix="bench-serve-cache-"))
    server = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "serve", "--port", str(port), "--builds", str(args.builds)],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/en/", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    peak = [0.0]
    stop = threading.Event()

    def sample() -> None:
        root = psutil.Process(server.pid)
        while not stop.is_set():
            total = 0.0
            for process in [root, *root.children(recursive=True)]:
                try:
                    total += process.memory_full_info().pss
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    pass
            peak[0] = max(peak[0], total)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    results: dict[str, list[float]] = {"check": [], "preview": [], "packet": []}
    errors: list[str] = []
    profiles = [EXAMPLES[i % len(EXAMPLES)] for i in range(args.users)]
    started = time.perf_counter()
    threads = [threading.Thread(target=user, args=(base, p, results, errors)) for p in profiles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    stop.set()
    server.terminate()
    server.wait(timeout=30)
    print(f"{args.users} users, {args.builds} builds at once, wall {wall:.1f} s, errors {len(errors)}")
    for error in errors:
        print("  error:", error)
    print("| what | n | p50 (s) | p95 (s) | max (s) |\n|---|---|---|---|---|")
    for name, values in results.items():
        if values:
            print(
                f"| {name} | {len(values)} | {statistics.median(values):.3f} | {percentile(values, 0.95):.3f} | "
                f"{max(values):.3f} |"
            )
    print(f"peak memory, server and LibreOffice (PSS): {peak[0] / 2**20:.0f} MB")
    print(f"packets delivered: {len(results['packet'])} of {args.users}")


if __name__ == "__main__":
    main()
