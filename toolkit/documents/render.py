"""Render one DOCX template with docxtpl in a sandboxed, strict jinja environment.

* ``SandboxedEnvironment``: a template cannot reach Python internals.
* ``StrictUndefined``: a missing value is an error naming the template and the
  variable, never a silent blank in a legal document.
* autoescape: ``&``, ``<`` and ``{{ }}`` typed in a profile come out literally.
* ``{% trans %}`` blocks are looked up in the packet language's catalog; the
  translation is escaped for XML, so a translator's ``&`` cannot break a file.

The saved file is normalized so that the same inputs give the same bytes.
"""

from __future__ import annotations

import copy
import hashlib
import html
import io
import re
import signal
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from decimal import Decimal
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
from jinja2 import pass_context
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from ..errors import TemplateError
from ..lang.catalog import Translations
from ..lang.extract import patch_template_xml
from ..lang.language import Language
from ..lang.languages import LanguageSpec
from ..reproducible import source_date
from ..resources import cache_root
from ..store import ContentStore
from .layout import localize_content, localize_styles, set_paper
from .metadata import DocumentMetadata
from .numbering import Numbering
from .slim import slim_document

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MAX_PRODUCT = 100_000  # the longest text a template may build by repetition
RENDER_SECONDS = 30.0  # one document renders in well under a second; a template that loops for ever is stopped
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # a rendered DOCX larger than this is a runaway template
_DEFLATE_LEVEL = 1  # the DOCX is ~15 % larger than at level 6, and zips three times faster


def xml_gettext(tr: Any) -> tuple[Any, Any]:
    """gettext/ngettext for templates of ``lang``, as jinja's newstyle i18n calls them.

    Msgids stand in the DOCX as XML text: they are unescaped to look them up and the
    translation is escaped back, so a translator's ``&`` cannot break the file.  The
    translation is formatted with the block's own variables *and* every value of the
    render context, so a translation may use a value the English does not need
    (``%(state_formal_de)s`` for French "du Royaume…").
    """

    def _format(context: Any, text: str, variables: dict[str, Any]) -> Markup:
        values = {key: value for key, value in context.items() if isinstance(value, str)}
        values.update(variables)
        try:
            result: Markup = Markup(escape(text)) % values
        except (KeyError, ValueError, TypeError) as exc:
            raise TemplateError(
                f"the translation “{text[:80]}” uses a placeholder the templates do not provide ({exc})",
                key="translation",
                hint="use only %(name)s placeholders of the English text or listed by `ratkit i18n status`",
            ) from None
        return result

    @pass_context
    def _gettext(context: Any, message: str, **variables: Any) -> Markup:
        return _format(context, tr.gettext(html.unescape(message)), variables)

    @pass_context
    def _ngettext(context: Any, singular: str, plural: str, n: int, **variables: Any) -> Markup:
        text = tr.ngettext(html.unescape(singular), html.unescape(plural), n)
        return _format(context, text, {"num": n, **variables})

    return _gettext, _ngettext


def environment(catalog: Translations) -> SandboxedEnvironment:
    """The jinja environment for templates translated by ``catalog`` (one per catalog, reused)."""
    return _environment(catalog)


_WIDTH = re.compile(r"\d{6,}")  # a field width or precision of a million characters or more


def _check_widths(text: str, kind: str) -> None:
    """Refuse a format string whose widths would build a text past :data:`MAX_PRODUCT`."""
    for match in _WIDTH.finditer(text):
        if int(match.group()) > MAX_PRODUCT:
            raise TemplateError(f"a template pads a text to {int(match.group()):,} characters", key="template")


def _bounded(filter_name: str, width_at: int) -> Any:
    """Jinja's filter ``filter_name``, refusing a width argument past :data:`MAX_PRODUCT`."""
    original = jinja2.filters.FILTERS[filter_name]

    def bounded(*args: Any, **kwargs: Any) -> Any:
        width = args[width_at] if len(args) > width_at else kwargs.get("width", 0)
        if isinstance(width, int) and width > MAX_PRODUCT:
            raise TemplateError(f"a template pads a text to {width:,} characters", key="template")
        return original(*args, **kwargs)

    return bounded


def _bounded_concat(parts: Any) -> str:
    """Join a template's output, refusing it once past :data:`MAX_DOCUMENT_BYTES` (a runaway loop)."""
    out = []
    size = 0
    for part in parts:
        size += len(part)
        if size > MAX_DOCUMENT_BYTES:
            raise TemplateError(
                f"a template writes more than {MAX_DOCUMENT_BYTES:,} characters into one part", key="template"
            )
        out.append(part)
    return "".join(out)


_PRINTABLE = (str, int, float, Decimal, date)


def _finalize(value: Any) -> Any:
    """What a ``{{ }}`` prints: text, a number or a date; never the repr of an object of the template
    machinery (``{{ self }}``, ``{{ dict }}``)."""
    if value is None or isinstance(value, (*_PRINTABLE, jinja2.Undefined)):  # Undefined says its name
        return value
    raise TemplateError(f"a template prints a {type(value).__name__} object, not a text", key="template")


class _CompilingOnceEnvironment(SandboxedEnvironment):
    """A sandbox that compiles each distinct template text once, and keeps the code for the next process.

    docxtpl hands every XML part to ``from_string``; a kit renders the same few templates
    hundreds of times, and compiling them was two thirds of the render time.  The code
    object depends only on the text and the environment's settings, which are the same for
    every language (gettext is looked up in the globals when the template runs), so one
    bounded store serves every language, and a fresh Template is made from it each time.
    A new process (every `ratkit build`) finds the code in jinja's own bytecode cache in the
    toolkit's cache folder, keyed by the text's checksum: compiling was a fifth of a cached build.
    """

    KEEP = 128
    _compiled: dict[str, Any] = {}
    intercepted_binops = frozenset(["*", "**", "%"])  # 'x' * 10**9 must not build a 3 GB string

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "%" and isinstance(left, str):
            _check_widths(left, "%")
        if operator == "**" and isinstance(right, int) and right > 64:
            raise TemplateError(f"a template raises a number to the power {right}", key="template")
        if operator == "*" and isinstance(left, (str, list, tuple)) and isinstance(right, int):
            size = len(left) * right
        elif operator == "*" and isinstance(right, (str, list, tuple)) and isinstance(left, int):
            size = len(right) * left
        else:
            size = 0
        if size > MAX_PRODUCT:
            raise TemplateError(f"a template repeats a text {size:,} characters long", key="template")
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Any:
        """``str.format`` reached from a template, with its field widths bounded like repetition."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_widths(str(getattr(value, "__self__", "")), "{")
        return wrapped

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> jinja2.Template:
        if not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        code = self._compiled.get(source)
        if code is None:
            code = self._stored_code(source)
            if len(self._compiled) >= self.KEEP:
                self._compiled.pop(next(iter(self._compiled)))
            self._compiled[source] = code
        cls = template_class or self.template_class
        return cls.from_code(self, code, self.make_globals(globals), None)

    def _stored_code(self, source: str) -> Any:
        store = _bytecode_store()
        if store is None:
            return self.compile(source)
        try:
            name = hashlib.sha256(source.encode("utf-8")).hexdigest()  # one bucket per text
            bucket = store.get_bucket(self, name, None, source)
        except (OSError, ValueError, EOFError):
            return self.compile(source)
        if bucket.code is None:
            bucket.code = self.compile(source)
            try:
                store.set_bucket(bucket)
            except OSError:
                pass  # a read-only cache folder: compile again next time
        return bucket.code


class SealedBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates kept in a :class:`ContentStore`: sealed like every other cache, so a
    damaged entry is compiled again instead of changing the words of a document."""

    def __init__(self, store: ContentStore) -> None:
        self.store = store

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` from the store, if it holds a sound entry for it."""
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep ``bucket``'s code, sealed."""
        self.store.put(bucket.key, bucket.bytecode_to_string())


@lru_cache(maxsize=1)
def _bytecode_store() -> SealedBytecodeCache | None:
    folder = cache_root() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return SealedBytecodeCache(ContentStore(folder, ".jbc"))


@lru_cache(maxsize=16)
def _environment(tr: Any) -> SandboxedEnvironment:
    env = _CompilingOnceEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
        finalize=_finalize,
        loader=jinja2.DictLoader({}),  # {% include %} and its kin find nothing: a template is one file
    )
    env.concat = _bounded_concat  # type: ignore[method-assign]
    env.filters.update(
        center=_bounded("center", 1),
        indent=_bounded("indent", 1),
        truncate=_bounded("truncate", 1),
        wordwrap=_bounded("wordwrap", 1),
    )
    gettext_fn, ngettext_fn = xml_gettext(tr)
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(gettext=gettext_fn, _=gettext_fn, ngettext=ngettext_fn)
    return env


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
