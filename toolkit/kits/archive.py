"""A kit's archive: one zip per language to e-mail to participants, the same bytes for the same kit.

It holds the language's print file, index and front matter, the briefs, and every State's packet
folder in that language, with ``manifest.json`` (every file and its SHA-256) inside.  Entries are
sorted, dated ``SOURCE_DATE_EPOCH`` (else 1 January 1980, zip's earliest date) and carry fixed
permissions; PDFs and DOCX files, already compressed, are stored as they are.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from ..files import sha256_bytes
from ..reproducible import source_date

ARCHIVE_MANIFEST = "manifest.json"
_STORED = (".pdf", ".docx", ".zip", ".png")


def _entry(name: str) -> zipfile.ZipInfo:
    when = source_date()
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second) if when else None
    info = zipfile.ZipInfo(name, date_time=stamp or (1980, 1, 1, 0, 0, 0))
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix: the permissions above are read as such everywhere
    info.compress_type = zipfile.ZIP_STORED if name.endswith(_STORED) else zipfile.ZIP_DEFLATED
    return info


def build_archive(files: dict[str, Path], description: dict[str, str]) -> bytes:
    """A zip of ``files`` (name in the archive → file on disk) and a manifest with ``description``."""
    manifest: list[dict[str, str]] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            data = files[name].read_bytes()
            archive.writestr(_entry(name), data, compresslevel=6)
            manifest.append({"path": name, "sha256": sha256_bytes(data)})
        listing = json.dumps({**description, "files": manifest}, ensure_ascii=False, indent=2) + "\n"
        archive.writestr(_entry(ARCHIVE_MANIFEST), listing.encode("utf-8"), compresslevel=6)
    return buffer.getvalue()
