"""The toolkit's one way to write a file whole, and to hash one."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


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
