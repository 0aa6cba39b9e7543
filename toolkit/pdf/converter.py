"""The one converter: DOCX bytes in, PDF bytes out, through the cache and a pool of LibreOffice processes.

A build asks for all its PDFs at once (:meth:`Converter.convert`); a kit worker
takes them one by one as each is complete (:meth:`Converter.stream`), so it can
finish a packet while LibreOffice goes on with the next.  Both go the same way:
every document is looked up in the :class:`~toolkit.pdf.cache.PdfCache` first,
the others are written to a temporary folder and converted by ``processes``
LibreOffice processes (each with its own profile), and each new PDF is cached.
"""

from __future__ import annotations

import queue
import shutil
import threading
from collections.abc import Generator, Iterator, Mapping
from pathlib import Path

from ..errors import ConversionError
from ..workspace import work_folder
from .cache import PdfCache, looks_like_pdf
from .libreoffice import DEFAULT_TIMEOUT, ConvertOptions, convert_in_order, find_soffice, libreoffice_version

# what a pool thread reports: a PDF (DOCX, PDF or None), its failure, or None once its share is done
_Report = tuple[Path, Path | None] | BaseException | None


class Converter:
    """DOCX → PDF with the real LibreOffice: ``processes`` processes, a ``timeout``, a content-addressed cache.

    ``Converter(options, cache, processes).convert({"instrument": docx_bytes})`` returns
    ``{"instrument": pdf_bytes}``.  LibreOffice is looked for on first use
    (:class:`~toolkit.errors.ConversionError` if it is not installed).
    """

    def __init__(
        self,
        options: ConvertOptions | None = None,
        cache: PdfCache | None = None,
        processes: int = 1,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        soffice: str | None = None,
    ) -> None:
        self.options = options or ConvertOptions()
        self.cache = cache if cache is not None else PdfCache(enabled=False)
        self.processes = max(1, processes)
        self.timeout = timeout
        self._soffice = soffice

    @property
    def soffice(self) -> str:
        """The ``soffice`` this converter runs (found on first use)."""
        if self._soffice is None:
            self._soffice = find_soffice()
        return self._soffice

    @property
    def version(self) -> str:
        """LibreOffice's version: part of every cache key, and recorded in each PDF's producer."""
        return libreoffice_version(self.soffice)

    def convert(self, documents: Mapping[str, bytes]) -> dict[str, bytes]:
        """Every document's PDF, by the document's name; :class:`ConversionError` if any PDF is missing."""
        pdfs: dict[str, bytes] = {}
        missing: list[str] = []
        for name, pdf in self.stream(documents):
            if pdf is None:
                missing.append(name)
            else:
                pdfs[name] = pdf
        if missing:
            raise ConversionError(
                f"LibreOffice produced no PDF for {', '.join(f'{name}.docx' for name in missing)}",
                hint="open the DOCX in LibreOffice to see whether it is damaged",
            )
        return {name: pdfs[name] for name in documents}

    def stream(self, documents: Mapping[str, bytes]) -> Generator[tuple[str, bytes | None], None, None]:
        """Yield (name, PDF) for every document as soon as its PDF is complete.

        Cached PDFs come first, at once; then LibreOffice's, in the order given (with one
        process; with several, as each process finishes one).  The PDF is None when
        LibreOffice went on without making it (the document is damaged); the others still
        come.  A name is used as a file name (``<name>.docx``).  Stopping early (closing the
        generator, an error, Ctrl-C) stops every LibreOffice process.
        """
        for name in documents:
            if not name or name in (".", "..") or Path(name).name != name:
                raise ValueError(f"{name!r} cannot name a document: it must be a plain file name")
        version = self.version
        keys = {name: self.cache.key(data, version, self.options) for name, data in documents.items()}
        to_convert: list[str] = []
        for name, key in keys.items():
            cached = self.cache.get(key)
            if cached is None:
                to_convert.append(name)
            else:
                yield name, cached
        if not to_convert:
            return
        folder = work_folder("convert")
        try:
            out_dir = folder / "pdf"
            out_dir.mkdir()
            names: dict[Path, str] = {}
            for name in to_convert:
                source = folder / f"{name}.docx"
                source.write_bytes(documents[name])
                names[source] = name
            for source, pdf_path in self._run(list(names), out_dir):
                name = names[source]
                source.unlink(missing_ok=True)  # done with: a big kit keeps the temporary folder small
                if pdf_path is None:
                    yield name, None
                    continue
                data = pdf_path.read_bytes()
                pdf_path.unlink(missing_ok=True)
                if not looks_like_pdf(data):  # cut short (a full disk, a crash): no PDF, said so, never cached
                    yield name, None
                    continue
                self.cache.put(keys[name], data)
                yield name, data
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _run(self, sources: list[Path], out_dir: Path) -> Iterator[tuple[Path, Path | None]]:
        """Convert ``sources`` over the pool: each process takes every n-th file, in order."""
        processes = min(self.processes, len(sources))
        shares = [sources[i::processes] for i in range(processes)]
        if len(shares) == 1:
            yield from self._convert_share(shares[0], out_dir, None)
            return
        reports: queue.Queue[_Report] = queue.Queue()
        cancel = threading.Event()

        def work(share: list[Path]) -> None:
            try:
                for converted in self._convert_share(share, out_dir, cancel):
                    reports.put(converted)
                reports.put(None)
            except BaseException as exc:  # handed to the caller's thread, which raises it
                reports.put(exc)

        threads = [threading.Thread(target=work, args=(share,), name="ratkit-soffice", daemon=True) for share in shares]
        for thread in threads:
            thread.start()
        try:
            running = len(threads)
            while running:
                report = reports.get()
                if report is None:
                    running -= 1
                elif isinstance(report, BaseException):
                    raise report
                else:
                    yield report
        finally:
            cancel.set()  # the other processes stop within a poll (20 ms) and remove their profiles
            for thread in threads:
                thread.join()

    def _convert_share(
        self, share: list[Path], out_dir: Path, cancel: threading.Event | None
    ) -> Iterator[tuple[Path, Path | None]]:
        return convert_in_order(share, out_dir, self.options, soffice=self.soffice, timeout=self.timeout, cancel=cancel)
