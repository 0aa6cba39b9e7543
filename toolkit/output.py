"""The packet folder: written whole or not at all, with a manifest to verify it.

A build writes into a hidden temporary folder beside the target and renames it
into place at the end, so an interrupted build never leaves a folder that looks
complete.  An existing folder is replaced only with ``force``, and only if it
is empty or a packet the toolkit wrote (it has a ``manifest.json``): ``--out ~
--force`` must never delete a home folder.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import OutputError, Problem

MANIFEST = "manifest.json"


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


def check_target(out: Path, force: bool) -> None:
    """Refuse a target that exists (without ``force``) or that is not ours to replace."""
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
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        recorded = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return []
    changed = []
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_dir() or rel == MANIFEST:
            continue
        if rel not in recorded:
            changed.append(f"{rel} (added)")
        elif sha256_file(path) != recorded[rel]:
            changed.append(f"{rel} (edited)")
    return changed


@contextmanager
def staging_folder(out: Path) -> Iterator[Path]:
    """Yield a temporary folder; on success move it to ``out`` (replacing a previous packet)."""
    out = out.absolute()
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    except OSError as exc:
        raise OutputError(
            f"cannot be written: {exc.strerror}", path=out.parent, key="--out", hint="choose a folder you can write to"
        ) from None
    try:
        yield tmp
        tmp.chmod(0o755)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
            old.rmdir()
            out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
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
    """Write ``data`` as ``folder/name`` and describe it for the manifest."""
    (folder / name).write_bytes(data)
    return WrittenFile(name, sha256_bytes(data), template, template_sha256)


def write_manifest(folder: Path, header: dict[str, Any], files: list[WrittenFile]) -> None:
    """Write ``manifest.json``: stable key order, no timestamps."""
    manifest = dict(header)
    manifest["files"] = [f.as_dict() for f in sorted(files, key=lambda f: f.path)]
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8")


def verify_packet(folder: Path) -> list[Problem]:
    """Recompute every hash in the manifest; one problem per file that changed or is missing."""
    manifest_path = folder / MANIFEST
    if not folder.is_dir():
        raise OutputError("does not exist or is not a folder", path=folder, hint="give the folder a build wrote")
    if not manifest_path.is_file():
        raise OutputError("has no manifest.json; it is not a packet folder", path=folder)
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        entries = manifest["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise OutputError(f"manifest.json cannot be read: {exc}", path=manifest_path) from None
    problems = []
    if not isinstance(entries, list):
        raise OutputError("manifest.json: 'files' is not a list", path=manifest_path)
    for index, entry in enumerate(entries):
        if not (
            isinstance(entry, dict) and isinstance(entry.get("path"), str) and isinstance(entry.get("sha256"), str)
        ):
            problems.append(Problem("the entry has no path and sha256", manifest_path, key=f"files[{index}]"))
            continue
        rel = Path(entry["path"])
        if rel.is_absolute() or ".." in rel.parts:
            problems.append(Problem("the manifest names a path outside the packet", manifest_path, key=str(rel)))
            continue
        path = folder / rel
        if not path.is_file():
            problems.append(Problem("is missing", path))
        elif sha256_file(path) != entry["sha256"]:
            problems.append(Problem("has changed since the packet was built (SHA-256 differs)", path))
    return problems
