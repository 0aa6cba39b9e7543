"""Render one DOCX template with docxtpl, in the environment of :mod:`.sandbox`.

The template is read and checked once per process (size, what it unpacks to), each render
has a time limit, the rendered XML is parsed strictly (never "recovered"), and a missing
value is an error naming the template and the variable, never a silent blank.  The saved
file is normalized so that the same inputs give the same bytes.
"""

from __future__ import annotations

import copy
import io
import re
import signal
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import jinja2
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree

from ..errors import TemplateError
from ..lang.extract import patch_template_xml
from ..lang.language import Language
from ..lang.languages import LanguageSpec
from ..reproducible import source_date
from .layout import localize_content, localize_styles, set_paper
from .metadata import DocumentMetadata
from .numbering import Numbering
from .sandbox import MAX_DOCUMENT_BYTES, environment
from .slim import slim_document

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
RENDER_SECONDS = 30.0  # one document renders in well under a second; a template that loops for ever is stopped
_DEFLATE_LEVEL = 1  # the DOCX is ~15 % larger than at level 6, and zips three times faster


class _Template(DocxTemplate):  # type: ignore[misc]
    """docxtpl, with the runs of each ``{% trans %}`` block joined (see :func:`extract.join_trans_runs`).

    A kit renders the same few templates hundreds of times: each template file is read and
    parsed once per process (keyed by its path, size and modification time) and each render
    works on a copy, its styles already set for the language; its cleaned-up XML is kept too.
    """

    docx: Any
    is_rendered: bool

    def __init__(self, template_file: Path, spec: LanguageSpec) -> None:
        super().__init__(template_file)
        self.spec = spec

    def init_docx(self, reload: bool = True) -> None:
        if not self.docx or (self.is_rendered and reload):
            path = Path(self.template_file)
            stat = path.stat()
            self.docx = copy.deepcopy(_parsed_template(str(path), stat.st_size, stat.st_mtime_ns, self.spec))
            self.is_rendered = False

    def patch_xml(self, src_xml: str) -> str:
        return _patched_xml(src_xml)

    def fix_tables(self, xml: str) -> Any:
        """docxtpl's table fix-up parses with lxml's ``recover=True``, which drops whatever follows a
        character XML cannot hold (the rest of the document, silently).  The rendered XML is parsed
        strictly first: any such fault is an error, never a shorter document."""
        try:
            etree.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml)
        except etree.XMLSyntaxError as exc:
            raise TemplateError(
                f"the rendered document is not well-formed XML ({exc.msg}); nothing was written",
                key="render",
                hint="a value holds a character XML cannot carry: check the profile's text, or report it",
            ) from None
        return super().fix_tables(xml)


MAX_TEMPLATE_BYTES = 10 * 1024 * 1024  # a template is a few dozen KB
MAX_TEMPLATE_UNPACKED = 50 * 1024 * 1024  # what its parts may unpack to (a zip bomb unpacks to gigabytes)


def check_template_file(path: Path, size: int) -> None:
    """Refuse a template too large to be one, or one whose parts would unpack to far more than any template."""
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateError(
            f"is {size:,} bytes; a template is at most {MAX_TEMPLATE_BYTES:,}",
            path=path,
            hint="check that this is a Word template",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return  # python-docx says what is wrong with it, below
    if unpacked > MAX_TEMPLATE_UNPACKED:
        raise TemplateError(
            f"would unpack to {unpacked:,} bytes; a template unpacks to far less",
            path=path,
            hint="open and save it again in Word or LibreOffice, or restore it from git",
        )


@lru_cache(maxsize=64)
def _parsed_template(path: str, size: int, mtime_ns: int, spec: LanguageSpec) -> Any:
    check_template_file(Path(path), size)
    document = Document(path)
    slim_document(document)
    localize_styles(document, spec)  # docxtpl renders body, headers and footers: the styles stay as set here
    return document


@lru_cache(maxsize=128)
def _patched_xml(src_xml: str) -> str:
    return patch_template_xml(src_xml)


def render_docx(
    template: Path,
    values: dict[str, Any],
    language: Language,
    metadata: DocumentMetadata,
    watermark: str | None = None,
    paper: str | None = None,
) -> bytes:
    """Render ``template`` with ``values`` in ``language``; return the DOCX bytes (``watermark`` on every page)."""
    spec = language.spec
    first = Numbering(language=spec)
    doc = _render_pass(template, {**values, **first.functions()}, language)
    if first.used:  # numbered text: a second pass fills the references
        final = Numbering(final=first.assigned, language=spec)
        doc = _render_pass(template, {**values, **final.functions()}, language)
    if watermark:
        add_watermark(doc.docx, watermark)
    localize_content(doc.docx, spec)
    if paper is not None:
        set_paper(doc.docx, paper)
    props = doc.docx.core_properties
    props.title = metadata.title
    props.subject = metadata.subject
    props.author = metadata.author
    props.last_modified_by = metadata.author
    props.language = metadata.language
    props.comments = ""
    props.keywords = ""
    props.revision = 1
    data = save_normalized(doc.docx)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise TemplateError(
            f"renders a document of {len(data):,} bytes; a packet's documents are far smaller",
            path=template,
            hint="check the template's loops",
        )
    return data


@contextmanager
def _time_limit(seconds: float, template: Path) -> Iterator[None]:
    """Stop a render that runs past ``seconds`` (where signals can be had: the main thread)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise TemplateError(
            f"rendering took longer than {seconds:.0f} s and was stopped",
            path=template,
            hint="a loop in the template runs too long; check its {% for %} tags",
        )

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _damaged(template: Path, message: str) -> TemplateError:
    """The error for a template file that is damaged, not merely wrong."""
    return TemplateError(
        message, path=template, hint="open and save it again in Word or LibreOffice, or restore it from git"
    )


def _render_pass(template: Path, values: dict[str, Any], language: Language) -> _Template:
    doc = _Template(template, language.spec)
    try:
        with _time_limit(RENDER_SECONDS, template):
            doc.render(values, environment(language.catalog), autoescape=True)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            f"includes, imports or extends another template ({exc.name}); a template is one file",
            path=template,
            hint="copy what it needs into the template itself",
        ) from None
    except etree.XMLSyntaxError as exc:
        raise _damaged(template, f"holds XML that is not well-formed ({exc.msg})") from None
    except KeyError as exc:
        raise _damaged(template, f"refers to a part it does not contain ({exc})") from None
    except (zipfile.BadZipFile, PackageNotFoundError, OSError) as exc:
        raise _damaged(template, f"is not a readable DOCX file ({type(exc).__name__})") from None
    except jinja2.UndefinedError as exc:
        name = _undefined_name(str(exc))
        raise TemplateError(
            f"uses {name}, which the toolkit does not provide",
            path=template,
            key=name,
            hint="check the spelling of the tag, or see `ratkit templates check`",
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        snippet = " ".join(getattr(exc, "docx_context", []) or []).strip()
        raise TemplateError(
            f"broken template tag: {exc.message}" + (f" near “{snippet[:120]}”" if snippet else ""),
            path=template,
            hint="every {{ }} and {% %} tag must be closed; edit it in Word and retry",
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"cannot be rendered: {exc}", path=template) from None
    except TemplateError as exc:
        raise TemplateError(problems=[replace(p, path=template) for p in exc.problems]) from None
    except (ArithmeticError, MemoryError, RecursionError, ValueError, TypeError, IndexError) as exc:
        # range(10**9), 1 // 0, runaway recursion, a filter given what it cannot take
        raise TemplateError(
            f"cannot be rendered: it asks for too much ({type(exc).__name__}: {exc})",
            path=template,
            hint="check the template's loops and expressions",
        ) from None
    return doc


_WATERMARK_SHAPE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:pict xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/>'
    '<v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
    '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>'
    '<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
    'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="RatkitDraftWatermark" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:400pt;height:130pt;rotation:315;'
    "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
    'fillcolor="#c0c0c0" stroked="f"><v:fill opacity=".5"/>'
    '<v:textpath style="font-family:&quot;Liberation Serif&quot;;font-size:1pt" string="{text}"/>'
    "</v:shape></w:pict></w:r>"
)


def add_watermark(document: Any, text: str) -> None:
    """A diagonal watermark (Word's own kind, which LibreOffice also renders) in every section's header."""
    for section in document.sections:
        header = section.header
        header.is_linked_to_previous = False
        if not header.paragraphs:
            header.add_paragraph()
        first = header.part.element.find(qn("w:p"))  # the header's first paragraph, as XML
        first.append(parse_xml(_WATERMARK_SHAPE.format(text=escape(text, {'"': "&quot;"}))))


def _undefined_name(message: str) -> str:
    match = re.search(r"'([^']+)' is undefined", message) or re.search(r"has no attribute '([^']+)'", message)
    return match.group(1) if match else message


def save_normalized(document: Any) -> bytes:
    """The DOCX bytes of ``document``; same content, same bytes.

    python-docx stamps every zip member with the current time and has no option not to
    (python-openxml/python-docx#1042, #811, open), so the document is saved through its
    public ``save`` and zipped again with fixed times, in the same member order, at a fast
    deflate level; the core properties lose their creation and modification stamps (with
    ``SOURCE_DATE_EPOCH`` set, they carry that time instead).
    """
    saved = io.BytesIO()
    document.save(saved)
    when = source_date()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ") if when else None
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = _normalize_core(content.decode("utf-8"), stamp).encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content, compresslevel=_DEFLATE_LEVEL)
    return out.getvalue()


def _normalize_core(xml: str, stamp: str | None) -> str:
    for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        pattern = re.compile(rf"<{tag}\b[^>]*?(/>|>.*?</{tag}>)", re.DOTALL)
        if stamp and tag != "cp:lastPrinted":
            xml = pattern.sub(f'<{tag} xsi:type="dcterms:W3CDTF">{stamp}</{tag}>', xml)
        else:
            xml = pattern.sub("", xml)
    return xml
