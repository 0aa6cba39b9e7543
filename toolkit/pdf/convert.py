"""DOCX to PDF with the real LibreOffice, headless: the one external step.

The work is done by three modules; this one is their front door:

- :mod:`toolkit.pdf.libreoffice` finds and runs ``soffice`` (one process per batch,
  its own profile, a timeout, every PDF checked, nothing left behind);
- :mod:`toolkit.pdf.cache` keeps converted PDFs by content (DOCX SHA-256 +
  LibreOffice version + export options);
- :mod:`toolkit.pdf.converter` is the one :class:`Converter` that builds and kits
  use: the cache first, then a pool of LibreOffice processes.
"""

from __future__ import annotations

from .cache import PdfCache, default_cache_dir
from .converter import Converter
from .libreoffice import (
    DEFAULT_TIMEOUT,
    FILES_PER_RUN,
    INSTALL_HINT,
    ConvertOptions,
    convert_in_order,
    default_processes,
    find_soffice,
    libreoffice_version,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "FILES_PER_RUN",
    "INSTALL_HINT",
    "ConvertOptions",
    "Converter",
    "PdfCache",
    "convert_documents",
    "convert_in_order",
    "default_cache_dir",
    "default_processes",
    "find_soffice",
    "libreoffice_version",
]


def convert_documents(
    documents: dict[str, bytes],
    options: ConvertOptions,
    cache: PdfCache,
    processes: int = 1,
    timeout: float = DEFAULT_TIMEOUT,
) -> tuple[dict[str, bytes], str]:
    """Convert DOCX bytes by name to PDF bytes by name, through the cache; also return the LibreOffice version.

    The same as ``Converter(options, cache, processes, timeout=timeout).convert(documents)``,
    with the converter's version.
    """
    converter = Converter(options, cache, processes, timeout=timeout)
    return converter.convert(documents), converter.version
