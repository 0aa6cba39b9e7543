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


_TRANS_BLOCK = re.compile(r"(\{%-?\s*trans\b.*?%\})(.*?)(\{%-?\s*endtrans\s*-?%\})", re.DOTALL)
_RUN_BREAK = re.compile(r"</w:t>.*?<w:t(?:\s[^>]*)?>", re.DOTALL)


def join_trans_runs(xml: str) -> str:
    """Make the text of every ``{% trans %}`` block one run, as Word may have split it into several.

    Word splits a run wherever formatting, spelling marks or editing history change; the
    msgid must be the text alone, so the run boundaries inside a block are dropped (the
    block takes the formatting of its first run).
    """
    return _TRANS_BLOCK.sub(lambda m: m.group(1) + _RUN_BREAK.sub("", m.group(2)) + m.group(3), xml)


# A template object only for its public ``patch_xml``: constructing one opens no file.
_CLEANER = DocxTemplate(io.BytesIO())


def patch_template_xml(xml: str) -> str:
    """docxtpl's own clean-up of tags, then the runs of each trans block joined."""
    return join_trans_runs(_CLEANER.patch_xml(xml))


def template_xml(data: bytes) -> Iterator[tuple[str, str]]:
    """(part name, cleaned XML with one paragraph per line) for each text part of a DOCX."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            if _PARTS.match(name):
                xml = archive.read(name).decode("utf-8")
                patched = patch_template_xml(xml)
                yield name, re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)


def paragraph_numbers(xml: str) -> dict[int, int]:
    """The paragraph number (1-based, as `ratkit templates show` prints it) of each line of the cleaned
    XML that :func:`template_xml` yields (1-based): the lines before the first paragraph count as 0."""
    numbers, count = {}, 0
    for line_number, line in enumerate(xml.splitlines(), start=1):
        if line.startswith("<w:p"):
            count += 1
        numbers[line_number] = count
    return numbers


def extract_docx(
    fileobj: IO[bytes], keywords: Sequence[str], comment_tags: Sequence[str], options: dict[str, Any]
) -> Iterator[tuple[int, str, Message, list[str]]]:
    """Babel extraction method: yield ``(paragraph, function, message, comments)`` for every msgid; the
    paragraph numbers are those `ratkit templates show` prints."""
    options = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true", **options}
    for _part, xml in template_xml(fileobj.read()):
        paragraphs = paragraph_numbers(xml)
        for lineno, funcname, message, comments in babel_extract(
            io.BytesIO(xml.encode("utf-8")), keywords, comment_tags, options
        ):
            yield paragraphs.get(lineno, lineno), funcname, _unescape(message), comments


def _unescape(message: Message) -> Message:
    if isinstance(message, tuple):
        return tuple(html.unescape(m) if m is not None else None for m in message)
    return html.unescape(message) if message is not None else None


_TREATY_MESSAGE_KEYS = frozenset(
    {"title", "description", "explanation", "note", "delivery", "rule", "declared", "untc_reference"}
)


def extract_treaty(
    fileobj: IO[bytes], keywords: Sequence[str], comment_tags: Sequence[str], options: dict[str, Any]
) -> Iterator[tuple[int, str, Message, list[str]]]:
    """Babel extraction method for treaty data files: the sentences that state the treaty's rules in words.

    Every string value under a key named ``title``, ``description``, ``explanation``, ``note``,
    ``delivery``, ``rule``, ``declared`` or ``untc_reference`` is an English msgid (the treaty's titles in each language
    are under ``titles``, a mapping, and are not messages).  Line numbers are the YAML's.
    """
    import yaml

    node = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    found: list[tuple[int, str]] = []

    def visit(current: yaml.Node) -> None:
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if key.value in _TREATY_MESSAGE_KEYS and isinstance(value, yaml.ScalarNode):
                    text = yaml.safe_load(yaml.serialize(value))
                    if isinstance(text, str) and text:
                        found.append((value.start_mark.line + 1, text))
                else:
                    visit(value)
        elif isinstance(current, yaml.SequenceNode):
            for item in current.value:
                visit(item)

    if node is not None:
        visit(node)
    for line, text in found:
        yield line, "_", text, []


_FACT_MESSAGE_KEYS = frozenset({"question", "help"})


def extract_facts(
    fileobj: IO[bytes], keywords: Sequence[str], comment_tags: Sequence[str], options: dict[str, Any]
) -> Iterator[tuple[int, str, Message, list[str]]]:
    """Babel extraction method for a treaty's facts (``templates/<treaty>/facts.yaml``): each fact's
    question and help are English msgids of the interview (``interface``); line numbers are the YAML's."""
    import yaml

    node = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    if not isinstance(node, yaml.MappingNode):
        return
    for key, facts in node.value:
        if key.value != "facts" or not isinstance(facts, yaml.MappingNode):
            continue
        for name, fact in facts.value:
            if not isinstance(fact, yaml.MappingNode):
                continue
            for field_key, value in fact.value:
                if field_key.value in _FACT_MESSAGE_KEYS and isinstance(value, yaml.ScalarNode) and value.value:
                    yield value.start_mark.line + 1, "_", value.value, [f"fact {name.value}: {field_key.value}"]
