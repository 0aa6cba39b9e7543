"""The packet folder: written whole or not at all, with a manifest to verify it.

A build writes into a hidden temporary folder beside the target and renames it
into place at the end, so an interrupted build never leaves a folder that looks
complete.  An existing folder is replaced only with ``force``, and only if it
is empty or a packet the toolkit wrote (it has a ``manifest.json``): ``--out ~
--force`` must never delete a home folder.

The manifest itself is :mod:`toolkit.manifest`; writing a file whole, :mod:`toolkit.files`.
"""

from __future__ import annotations

import dataclasses
import fcntl
import glob
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import OutputError
from .files import sha256_file
from .manifest import MANIFEST, MANIFEST_DIGEST, read_manifest


@dataclass
class Target:
    """The folder a build writes, claimed for the build's duration: no two builds write one ``--out`` at once.

    The claim is an exclusive lock on a file named after the folder's path in the system's temporary
    folder (released when the build ends, or by the system when its process does).  What the folder
    was when the build began is remembered, so that the final rename refuses to replace anything that
    appeared or changed in the meantime.
    """

    path: Path
    force: bool
    existed: bool
    lock: IO[bytes] | None = None

    def release(self) -> None:
        """Give up the claim."""
        if self.lock is not None:
            self.lock.close()
            self.lock = None


def check_target(out: Path, force: bool) -> Target:
    """Claim ``out`` for a build, or refuse a target that exists (without ``force``) or is not ours to replace."""
    _check_replaceable(out, force)
    target = Target(out, force, out.exists())
    target.lock = _claim(out)
    _remove_leftovers(out)
    return target


def _claim(out: Path) -> IO[bytes]:
    """The lock lives in the system's temporary folder, keyed by the target's path: nothing is left in the
    user's folders, even by a build that is killed."""
    locks = Path(tempfile.gettempdir()) / f"ratkit-{os.getuid()}-locks"
    locks.mkdir(mode=0o700, exist_ok=True)
    lock_path = locks / f"{hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:32]}.lock"
    try:
        handle = lock_path.open("ab")
    except OSError as exc:
        raise OutputError(
            f"cannot be written: {exc.strerror}", path=out.parent, key="--out", hint="choose a folder you can write to"
        ) from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise OutputError(
            "another build is writing this folder right now",
            path=out,
            key="--out",
            hint="wait for it to finish, or build into another --out",
        ) from None
    return handle


def _remove_leftovers(out: Path) -> None:
    """Staging folders of builds of this target that were killed (kill -9, a power cut): we hold the claim,
    so none of them is in use."""
    for leftover in out.absolute().parent.glob(f".{glob.escape(out.name)}.*"):
        if leftover.suffix in (".tmp", ".old") and leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _check_replaceable(out: Path, force: bool) -> None:
    if not out.exists() and not out.is_symlink():
        if not out.parent.is_dir():
            raise OutputError(
                "the parent folder does not exist",
                path=out.parent,
                key="--out",
                hint="create it first, or choose another --out",
            )
        return
    if out.is_symlink() or not out.is_dir():
        raise OutputError("exists and is not a folder", path=out, key="--out", hint="choose another --out")
    if not any(out.iterdir()):
        return  # an empty folder is there to be filled
    if not (out / MANIFEST).is_file():
        raise OutputError(
            "exists and is not a packet folder (it has no manifest.json); refusing to replace it",
            path=out,
            key="--out",
            hint="choose an empty or new folder for --out",
        )
    if not force:
        raise OutputError(
            "already holds a packet", path=out, key="--out", hint="use --force to replace it, or choose another --out"
        )
    changed = _changed_by_hand(out)
    if changed:
        raise OutputError(
            f"holds work that --force would destroy: {', '.join(changed[:5])}"
            + (f" and {len(changed) - 5} more" if len(changed) > 5 else ""),
            path=out,
            key="--force",
            hint="move those files elsewhere first, or build into another --out",
        )


def _changed_by_hand(out: Path) -> list[str]:
    """Files of an earlier packet that --force would lose: added since the build, or edited."""
    try:
        recorded = {entry.path: entry.sha256 for entry in read_manifest(out).files}
    except OutputError:  # a manifest.json that is not a packet's (a web app's, say): nothing here is ours
        raise OutputError(
            "holds a manifest.json that is not a packet's; refusing to replace the folder",
            path=out,
            key="--force",
            hint="choose an empty or new folder for --out",
        ) from None
    changed = []
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_dir() or rel in (MANIFEST, MANIFEST_DIGEST):
            continue
        if rel not in recorded:
            changed.append(f"{rel} (added)")
        elif sha256_file(path) != recorded[rel]:
            changed.append(f"{rel} (edited)")
    return changed


@contextmanager
def staging_folder(target: Target | Path) -> Iterator[Path]:
    """Yield a temporary folder; on success move it to the target (replacing a previous packet).

    Before the rename the target is checked again: a folder that appeared since the build began is
    not replaced, nor (with --force) one that now holds a file the toolkit did not write.
    """
    if isinstance(target, Path):  # a caller that checked the folder itself: replace a packet of ours
        target = Target(target, force=True, existed=target.exists())
    out = target.path.absolute()
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    except OSError as exc:
        raise OutputError(
            f"cannot be written: {exc.strerror}", path=out.parent, key="--out", hint="choose a folder you can write to"
        ) from None
    try:
        yield tmp
        tmp.chmod(0o755)
        if out.exists() or out.is_symlink():
            # moved aside first, then checked: a file added after the check could not be lost
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
            old.rmdir()
            out.rename(old)
            try:
                _check_unchanged(dataclasses.replace(target, path=old))
            except OutputError as exc:
                old.rename(out)
                raise OutputError(
                    problems=[dataclasses.replace(p, path=out) if p.path == old else p for p in exc.problems]
                ) from None
            tmp.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            _check_unchanged(target)
            tmp.rename(out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(
            f"cannot be written: {exc.strerror}",
            path=out,
            key="--out",
            hint="choose a folder you can write to, or close programs that hold its files",
        ) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _check_unchanged(target: Target) -> None:
    out = target.path
    if out.exists() and not target.existed and any(out.iterdir()):
        raise OutputError(
            "appeared while the packet was being built; nothing was replaced",
            path=out,
            key="--out",
            hint="build again, into another --out or with --force once you have checked it",
        )
    if out.exists() and target.existed:
        _check_replaceable(out, target.force)
