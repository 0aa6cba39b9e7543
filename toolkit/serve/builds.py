"""Packets built for the interview: in worker processes, a few at a time, at a lower priority.

A packet is built in a private temporary folder and sent as a zip (the folder and the
profile), then the folder is removed: nothing of an officer's answers stays on the server.
"""

from __future__ import annotations

import asyncio
import io
import multiprocessing
import os
import shutil
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from ..build import BuildOptions, build_packet
from ..workspace import work_folder
from .answers import Answers, profile_yaml

BUILD_NICENESS = 10  # how much lower than the interview's own the builds' CPU priority is


@dataclass
class BuildPool:
    """At most ``size`` packets built at once; the others wait their turn, counted for the page.

    Packets are built in worker processes at a lower CPU priority (they, and the LibreOffice they
    start, inherit it): a room's builds never hold the interpreter or the cores while another
    officer's answers are being checked.  The workers start with the first build.
    """

    size: int = 2
    waiting: int = 0
    _executor: ProcessPoolExecutor | None = None

    def __post_init__(self) -> None:
        self.slots = asyncio.Semaphore(self.size)

    def executor(self) -> ProcessPoolExecutor:
        """The worker processes (started on first use)."""
        if self._executor is None:
            context = multiprocessing.get_context("spawn")  # not fork: the server runs threads
            self._executor = ProcessPoolExecutor(self.size, mp_context=context, initializer=_lower_priority)
        return self._executor

    def close(self) -> None:
        """Stop the worker processes."""
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None


def _lower_priority() -> None:
    try:
        os.nice(BUILD_NICENESS)
    except OSError:
        pass  # a system that does not allow it: builds at the same priority


def packet_zip(answers: Answers, options: BuildOptions) -> tuple[bytes, str]:
    """The packet of ``answers`` as a zip (every file of the folder, and the profile), built privately."""
    folder = work_folder("packet")
    try:
        profile_path = folder / "profile.yaml"
        profile_path.write_text(profile_yaml(answers), encoding="utf-8")
        result = build_packet(profile_path, None, folder / "packet", options)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(result.folder.iterdir()):
                archive.write(path, f"packet/{path.name}")
            archive.write(profile_path, "profile.yaml")
        code = result.profile.state.code
        return buffer.getvalue(), f"packet-{code}-{result.lang}.zip"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
