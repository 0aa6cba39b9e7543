"""Converted PDFs by content, so that an unchanged document is never converted twice.

The key is the DOCX's SHA-256 + LibreOffice's version + the export options; the
PDF is kept in a :class:`~toolkit.store.ContentStore` (checked on every read).
Only the :class:`~toolkit.pdf.converter.Converter` reads and fills it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..resources import cache_root
from ..store import ContentStore

if TYPE_CHECKING:
    from .libreoffice import ConvertOptions


def default_cache_dir() -> Path:
    """The converted PDFs: ``pdf/`` in the toolkit's cache folder (see :func:`toolkit.resources.cache_root`)."""
    return cache_root() / "pdf"


def looks_like_pdf(data: bytes) -> bool:
    """Whether ``data`` begins and ends as a whole PDF does (a truncated file does not)."""
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


class PdfCache(ContentStore):
    """Converted PDFs by content: DOCX SHA-256 + LibreOffice version + export options."""

    def __init__(self, folder: Path | None = None, enabled: bool = True) -> None:
        super().__init__(folder or default_cache_dir(), ".pdf", enabled)

    def key(self, docx: bytes, soffice_version: str, options: ConvertOptions) -> str:
        """The cache key of one conversion."""
        digest = hashlib.sha256(docx)
        digest.update(soffice_version.encode())
        digest.update(options.filter_spec().encode())
        return digest.hexdigest()

    def put(self, key: str, data: bytes, check: object = None) -> None:
        """Store a PDF, if it is a whole one."""
        super().put(key, data, looks_like_pdf)
