"""A packet's manifest: what each file is, its SHA-256, and the manifest's own digest; read, written, verified.

The one way to read a manifest is :func:`read_manifest` (a typed :class:`Manifest`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import OutputError, Problem
from .files import sha256_bytes, sha256_file, write_atomic

MANIFEST = "manifest.json"
MANIFEST_DIGEST = "manifest.sha256"  # `sha256sum -c manifest.sha256` checks the manifest itself


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
    build_key: str | None = None  # a kit's packet: the hash of its inputs (see toolkit.kits.freshness)


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
    """Recompute every hash in the manifest; one problem per file that changed, is missing, or is not listed."""
    if not folder.is_dir():
        raise OutputError("does not exist or is not a folder", path=folder, hint="give the folder a build wrote")
    manifest = read_manifest(folder)
    listed = {entry.path for entry in manifest.files} | {MANIFEST, MANIFEST_DIGEST}
    unlisted = [
        Problem("is not part of the packet (the manifest does not list it)", path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).as_posix() not in listed
    ]
    return _manifest_problems(folder, manifest) + unlisted + _listed_file_problems(folder, manifest)


def packet_files_intact(folder: Path, manifest: Manifest) -> bool:
    """Whether the manifest and every file it lists are as they were written (files added beside them
    do not count: `ratkit verify` names those)."""
    return not _manifest_problems(folder, manifest) and not _listed_file_problems(folder, manifest)


def _manifest_problems(folder: Path, manifest: Manifest) -> list[Problem]:
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
    return problems


def _listed_file_problems(folder: Path, manifest: Manifest) -> list[Problem]:
    problems = []
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
