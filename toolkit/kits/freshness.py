"""Whether a kit's packet is already built from the same inputs: a re-run keeps it and says "unchanged".

A packet's *build key* is the hash of everything its bytes follow from: the profile's bytes, the
language, the build options that change output, the toolkit's code and data, every template, catalog
and treaty file on the search paths, the LibreOffice version, and ``SOURCE_DATE_EPOCH``.  The build
writes the key into ``manifest.json``; a folder whose manifest has the same key and whose files are
as the manifest lists them is unchanged (a file added beside them, notes, is kept and left out of
the archive).  Any other difference rebuilds it; a folder edited by hand is never replaced (see
:mod:`toolkit.output`).

A language's own files (index, front matter, briefs, print file, archive) are kept the same way: its
``<LANG>/kit.json`` records the key of their inputs and every file written.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..build import BuildOptions
from ..errors import ToolkitError
from ..files import sha256_file, write_atomic
from ..manifest import MANIFEST, packet_files_intact, read_manifest
from ..resources import PACKAGE_DIR, bundled_templates_dir, locales_dir, treaties_dir
from ..store import content_key


def _tree_digest(folder: Path | None, patterns: tuple[str, ...]) -> str:
    """Every matching file under ``folder``: its relative name and bytes."""
    if folder is None or not folder.is_dir():
        return ""
    parts: list[str] = []
    for pattern in patterns:
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                parts += [path.relative_to(folder).as_posix(), sha256_file(path)]
    return content_key(*parts)


@lru_cache(maxsize=8)
def _bundled_digest() -> str:
    return content_key(
        _tree_digest(PACKAGE_DIR, ("*.py", "*.yaml", "*.csv", "*.json")),
        _tree_digest(bundled_templates_dir(), ("*.docx",)),
        _tree_digest(locales_dir(), ("*.po",)),
        _tree_digest(treaties_dir(), ("*.yaml",)),
    )


def _libreoffice() -> str:
    from ..pdf.libreoffice import find_soffice, libreoffice_version

    try:
        return libreoffice_version(find_soffice())
    except ToolkitError:
        return "none"  # every conversion will fail and say why; nothing is unchanged either way


def sources_digest(options: BuildOptions) -> str:
    """What every packet of a kit built with ``options`` follows from, besides its own profile."""
    return content_key(
        _bundled_digest(),
        _tree_digest(options.templates, ("*.docx",)),
        _tree_digest(options.locales, ("*.po",)),
        _tree_digest(options.treaties, ("*.yaml",)),
        _libreoffice() if options.pdf else "",
        json.dumps([options.pdf, options.draft, options.pdfa, options.paper, options.duplex]),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
    )


def packet_key(profile: Path, lang: str, sources: str) -> str:
    """The build key of one packet: this profile in this language, from these sources."""
    return content_key(sources, sha256_file(profile), lang)


def is_unchanged(folder: Path, key: str) -> bool:
    """Whether ``folder`` holds the packet ``key`` describes, every file its manifest lists as it was written.

    A file someone added by hand (notes) does not make the packet changed: it is kept, and stays out of
    the kit's archive; an edited or missing packet file does."""
    if not (folder / MANIFEST).is_file():
        return False
    try:
        manifest = read_manifest(folder)
        return manifest.build_key == key and packet_files_intact(folder, manifest)
    except (ToolkitError, OSError):
        return False


KIT_RECORD = "kit.json"  # in out/<LANG>/: the key of a language's inputs, its print file, every file written


@dataclass(frozen=True)
class KitRecord:
    """What a language's kit was made from (``key``) and what it wrote."""

    key: str
    print_pages: int
    print_sheets: int
    files: list[Path]


def write_kit_record(folder: Path, record: KitRecord) -> None:
    """``folder/kit.json``: the record, each file with its SHA-256 (relative to the kit's folder)."""
    out = folder.parent
    data = {
        "key": record.key,
        "print_pages": record.print_pages,
        "print_sheets": record.print_sheets,
        "files": {path.relative_to(out).as_posix(): sha256_file(path) for path in record.files},
    }
    write_atomic(folder / KIT_RECORD, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8"))


def current_kit_record(folder: Path, key: str) -> KitRecord | None:
    """The language's record when it was made from ``key`` and every file it wrote is still as written."""
    out = folder.parent
    try:
        data = json.loads((folder / KIT_RECORD).read_text(encoding="utf-8"))
        if data.get("key") != key or not all(sha256_file(out / n) == h for n, h in data["files"].items()):
            return None
        files = [out / name for name in data["files"]]
        return KitRecord(key, int(data["print_pages"]), int(data["print_sheets"]), files)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
