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
from ..manifest import MANIFEST, MANIFEST_DIGEST, read_manifest
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


def kit_archive(lang: str, written: list[Path], packets: list[tuple[str, Path]], out: Path) -> bytes:
    """A language's archive: what the kit made, and nothing else — the language's files written now (and
    the briefs an earlier run wrote for States not in this one), and each packet's files as its manifest
    lists them, so a note someone put in a folder by hand stays out of what is e-mailed."""
    files = {path.relative_to(out).as_posix(): path for path in written}
    for code, folder in packets:
        for suffix in (".docx", ".pdf"):
            brief = out / lang / "briefs" / f"{code}{suffix}"
            if brief.is_file():
                files.setdefault(brief.relative_to(out).as_posix(), brief)
        for name in [entry.path for entry in read_manifest(folder).files] + [MANIFEST, MANIFEST_DIGEST]:
            if Path(name).is_absolute() or ".." in Path(name).parts:
                continue  # a manifest naming a file outside its folder: not the kit's
            if (folder / name).is_file():
                files[(folder / name).relative_to(out).as_posix()] = folder / name
    return build_archive(files, {"language": lang, "states": ", ".join(code for code, _folder in packets)})
