"""A babel extractor for DOCX templates: `pybabel extract` sees their msgids.

Registered as the ``docx`` extraction method (entry point ``babel.extractors``),
so the project's ``babel.cfg`` can say ``[docx: templates/**.docx]``.  The XML
of each part is cleaned exactly as docxtpl cleans it before rendering (tags
split across runs by Word are joined), then read by jinja's own extractor.
Line numbers are paragraph numbers.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from typing import IO, Any

from docxtpl import DocxTemplate
from jinja2.ext import babel_extract

_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")

Message = str | None | tuple[str | None, ...]


def template_xml(data: bytes) -> Iterator[tuple[str, str]]:
    """(part name, cleaned XML with one paragraph per line) for each text part of a DOCX."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            if _PARTS.match(name):
                xml = archive.read(name).decode("utf-8")
                patched = DocxTemplate.patch_xml(None, xml)  # uses no instance state
                yield name, re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)


def extract_docx(
    fileobj: IO[bytes], keywords: Sequence[str], comment_tags: Sequence[str], options: dict[str, Any]
) -> Iterator[tuple[int, str, Message, list[str]]]:
    """Babel extraction method: yield ``(paragraph, function, message, comments)`` for every msgid."""
    options = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true", **options}
    for _part, xml in template_xml(fileobj.read()):
        for lineno, funcname, message, comments in babel_extract(
            io.BytesIO(xml.encode("utf-8")), keywords, comment_tags, options
        ):
            yield lineno, funcname, _unescape(message), comments


def _unescape(message: Message) -> Message:
    if isinstance(message, tuple):
        return tuple(html.unescape(m) if m is not None else None for m in message)
    return html.unescape(message) if message is not None else None
