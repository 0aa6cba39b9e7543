"""The toolkit's own temporary folders: one root per user, one folder per process, cleaned after a kill.

Every temporary folder a run makes (LibreOffice's profile and its own temporary
files, the DOCX it converts) lives under ``$TMPDIR/ratkit-<uid>/<pid>-…``.  A run
removes what it made when it ends; one that is killed (kill -9, a power cut)
cannot, so every run first removes the folders of processes that no longer exist.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path


def root() -> Path:
    """``$TMPDIR/ratkit-<uid>``, made private to the user."""
    folder = Path(tempfile.gettempdir()) / f"ratkit-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def work_folder(purpose: str) -> Path:
    """A new temporary folder for this process (the caller removes it)."""
    _clean_stale()
    return Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-{purpose}-", dir=root()))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@lru_cache(maxsize=1)
def _clean_stale() -> None:
    """Remove the folders of processes that are gone (once per process)."""
    for folder in root().iterdir():
        owner = folder.name.split("-", 1)[0]
        if owner.isdigit() and int(owner) != os.getpid() and not _alive(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)
