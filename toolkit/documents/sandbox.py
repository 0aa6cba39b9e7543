"""The jinja environment every DOCX template renders in: sandboxed, strict, and bounded.

* ``SandboxedEnvironment``: a template cannot reach Python internals; it prints only text,
  numbers and dates (never the repr of an object), and includes no other template.
* Bounded: repetition, powers, padding and format widths, and the output of one part, so a
  hostile ``--templates`` template is refused instead of taking the machine's memory.
* ``{% trans %}`` blocks are looked up in the packet language's catalog; the translation is
  escaped for XML, so a translator's ``&`` cannot break a file.
* Each distinct template text is compiled once per process, and its code kept, sealed, in the
  toolkit's cache for the next one.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

import jinja2
from jinja2 import pass_context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..errors import TemplateError
from ..lang.catalog import Translations
from ..resources import cache_root
from ..store import ContentStore

MAX_PRODUCT = 100_000  # the longest text a template may build by repetition
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # a rendered DOCX (or one part of it) larger than this is a runaway template


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
