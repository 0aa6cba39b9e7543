"""A content-addressed store of bytes that checks what it serves.

Each entry is kept as ``<folder>/<key[:2]>/<key><suffix>``, written whole
(:func:`toolkit.files.write_atomic`) with the SHA-256 of its key and bytes in
front; an entry whose bytes no longer match that digest (a flipped byte, a
truncated write, another entry's file put in its place) is dropped and
reported as missing, so the caller makes it again.  Used for converted PDFs, rendered documents and
assembled packets: an unchanged input is never worked on twice, and a damaged
cache never reaches a packet.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from .files import write_atomic

_DIGEST = 32  # bytes of a SHA-256


class ContentStore:
    """Bytes by key, verified on every read; a failure to store is never an error."""

    def __init__(self, folder: Path, suffix: str, enabled: bool = True) -> None:
        self.folder = folder
        self.suffix = suffix
        self.enabled = enabled

    def path(self, key: str) -> Path:
        """Where the entry of ``key`` is kept."""
        return self.folder / key[:2] / f"{key}{self.suffix}"

    def get(self, key: str) -> bytes | None:
        """The bytes stored under ``key``, or None if there are none or they are damaged (then removed)."""
        if not self.enabled:
            return None
        path = self.path(key)
        try:
            stored = path.read_bytes()
        except OSError:
            return None
        digest, data = stored[:_DIGEST], stored[_DIGEST:]
        if len(stored) < _DIGEST or _seal(key, data) != digest:
            path.unlink(missing_ok=True)
            return None
        return data

    def put(self, key: str, data: bytes, check: Callable[[bytes], bool] | None = None) -> None:
        """Store ``data`` under ``key`` (only if ``check`` accepts it, when given)."""
        if not self.enabled or (check is not None and not check(data)):
            return
        target = self.path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, _seal(key, data) + data)
        except OSError:
            pass


def _seal(key: str, data: bytes) -> bytes:
    """The digest kept in front of an entry: of its key and its bytes (a file moved to another key fails)."""
    return hashlib.sha256(key.encode("ascii") + b"\0" + data).digest()


def content_key(*parts: bytes | str) -> str:
    """A key for a combination of inputs (each part is length-prefixed, so parts cannot run together)."""
    digest = hashlib.sha256()
    for part in parts:
        raw = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(raw).to_bytes(8, "big"))
        digest.update(raw)
    return digest.hexdigest()
