"""The packet folder: written whole or not at all, with a manifest to verify it.

A build writes into a hidden temporary folder beside the target and renames it
into place at the end, so an interrupted build never leaves a folder that looks
complete.  An existing folder is replaced only with ``force``, and only if it
is empty or a packet the toolkit wrote (it has a ``manifest.json``): ``--out ~
--force`` must never delete a home folder.

Also the toolkit's one way to write a file whole (:func:`write_atomic`, used for
the kit index and the PDF cache too) and its one way to read a manifest
(:func:`read_manifest`, a typed :class:`Manifest`).
"""

from __future__ import annotations

import dataclasses
import fcntl
import glob
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import OutputError, Problem

MANIFEST = "manifest.json"
MANIFEST_DIGEST = "manifest.sha256"  # `sha256sum -c manifest.sha256` checks the manifest itself


def write_atomic(path: Path, data: bytes, *, fsync: bool = False, mode: int = 0o644) -> Path:
    """Write ``data`` as ``path`` whole or not at all; return ``path``.

    The bytes go to a temporary file in the same folder, which then replaces ``path`` in one
    rename: a reader sees the old file or the new one, never half of one.  ``mode`` is set
    whatever the umask; ``fsync`` flushes the bytes to disk before the rename (for a file that
    must survive a power cut, at the cost of a disk wait).  On any failure, Ctrl-C included,
    the temporary file is removed and ``path`` is left as it was.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


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


@dataclass(frozen=True)
class WrittenFile:
    """One file of the packet, as the manifest records it."""

    path: str
    sha256: str
    template: str | None = None
    template_sha256: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The manifest entry."""
        entry: dict[str, Any] = {"path": self.path, "sha256": self.sha256}
        if self.template is not None:
            entry["template"] = self.template
            entry["template_sha256"] = self.template_sha256
        return entry


def write_file(
    folder: Path, name: str, data: bytes, template: str | None = None, template_sha256: str | None = None
) -> WrittenFile:
    """Write ``data`` as ``folder/name`` (whole, mode 0644) and describe it for the manifest."""
    write_atomic(folder / name, data)
    return WrittenFile(name, sha256_bytes(data), template, template_sha256)


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, strict=True, extra="ignore")


class ManifestState(_Record):
    """The State a packet is for."""

    code: str | None = None
    name: str | None = None  # its short name, in the packet's language


class ManifestProfile(_Record):
    """The profile a packet was built from."""

    file: str | None = None
    sha256: str | None = None


class ManifestCheck(_Record):
    """One depositary check and how it came out."""

    id: str
    status: str
    blocking: bool = False


class Manifest(_Record):
    """``manifest.json``, typed: every file with its SHA-256, and what the packet is.

    Only ``files`` is required (a packet is what its manifest lists); the rest is what a build
    records about the packet.  Keys a later toolkit adds are ignored.
    """

    files: list[WrittenFile]
    toolkit_version: str | None = None
    treaty: str | None = None
    state: ManifestState | None = None
    language: str | None = None
    act: str | None = None
    profile: ManifestProfile | None = None
    deposit_planned: date | None = None
    entry_into_force: date | None = None
    draft: bool = False
    pdfa: bool = False
    paper: str | None = None
    duplex: bool = False
    checks: list[ManifestCheck] = []


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the packet in ``folder``; :class:`OutputError` naming the file if it is missing or broken."""
    path = folder / MANIFEST
    if not path.is_file():
        raise OutputError("has no manifest.json; it is not a packet folder", path=folder)
    try:
        return _parse_manifest(path.read_bytes())
    except OSError as exc:
        raise OutputError(f"manifest.json cannot be read: {exc.strerror}", path=path) from None
    except ValidationError as exc:
        raise OutputError(f"manifest.json cannot be read: {_first_errors(exc)}", path=path) from None


def _parse_manifest(text: str | bytes) -> Manifest:
    return Manifest.model_validate_json(text, strict=True)


def _first_errors(exc: ValidationError, count: int = 3) -> str:
    """``files[0].sha256: Field required``, for the first few errors."""
    described = []
    for error in exc.errors()[:count]:
        where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error["loc"]).lstrip(".")
        described.append(f"{where}: {error['msg']}" if where else str(error["msg"]))
    return "; ".join(described)


def write_manifest(folder: Path, header: dict[str, Any], files: list[WrittenFile]) -> None:
    """Write ``manifest.json``: stable key order, no timestamps; always one :func:`read_manifest` reads."""
    manifest = dict(header)
    manifest["files"] = [f.as_dict() for f in sorted(files, key=lambda f: f.path)]
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    _parse_manifest(text)  # a header that does not match Manifest is a bug: fail the build, not a later verify
    data = text.encode("utf-8")
    write_atomic(folder / MANIFEST, data)
    write_atomic(folder / MANIFEST_DIGEST, f"{sha256_bytes(data)}  {MANIFEST}\n".encode("ascii"))


def verify_packet(folder: Path) -> list[Problem]:
    """Recompute every hash in the manifest; one problem per file that changed or is missing."""
    if not folder.is_dir():
        raise OutputError("does not exist or is not a folder", path=folder, hint="give the folder a build wrote")
    manifest = read_manifest(folder)
    problems = []
    digest_path = folder / MANIFEST_DIGEST
    try:
        recorded_digest = digest_path.read_text(encoding="ascii").split()[0]
    except (OSError, IndexError, UnicodeDecodeError):
        problems.append(Problem("is missing or unreadable: the manifest itself cannot be checked", digest_path))
    else:
        if recorded_digest != sha256_file(folder / MANIFEST):
            problems.append(Problem("has changed since the packet was built (SHA-256 differs)", folder / MANIFEST))
    if not manifest.files:
        problems.append(Problem("lists no file: it is not the manifest of a packet", folder / MANIFEST))
    listed = {entry.path for entry in manifest.files}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name not in listed and name not in (MANIFEST, MANIFEST_DIGEST):
            problems.append(Problem("is not part of the packet (the manifest does not list it)", path))
    for entry in manifest.files:
        rel = Path(entry.path)
        if rel.is_absolute() or ".." in rel.parts:
            problems.append(Problem("the manifest names a path outside the packet", folder / MANIFEST, key=str(rel)))
            continue
        path = folder / rel
        if not path.is_file():
            problems.append(Problem("is missing", path))
        elif sha256_file(path) != entry.sha256:
            problems.append(Problem("has changed since the packet was built (SHA-256 differs)", path))
    return problems
