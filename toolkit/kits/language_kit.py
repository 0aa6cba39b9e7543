"""Everything a kit holds in one language besides the packets, made after the packets are built.

``out/<LANG>/``: the index, the agenda, the sign-in sheet, the list of participants, a one-page
brief per State (``briefs/<CODE>``), each as DOCX and PDF, and ``print.pdf`` — the index, the front
matter, then each State's separator sheet, brief and packet, every part on a new sheet.
``out/kit-<LANG>.zip`` holds all of it with the State's packet folders.

The kit is what is on disk: every packet folder ``out/<CODE>/<LANG>`` (built by this run or an
earlier one).  A State whose profile is not part of this run keeps the brief an earlier run wrote.
A language whose inputs are the same as last time (``<LANG>/kit.json`` holds their key) is kept
as it is.  Every document of every language is converted in one LibreOffice run, the indexes in
a second (an index counts the sheets of the print file it opens).
"""

from __future__ import annotations

import io
import json
import multiprocessing
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pypdf

from ..build import BuildOptions, refuse_untranslated
from ..documents.context import build_context
from ..documents.layout import default_paper
from ..documents.metadata import DocumentMetadata
from ..documents.registry import (
    INDEX_TEMPLATE,
)
from ..documents.render import render_docx
from ..errors import ToolkitError
from ..files import sha256_bytes, sha256_file, write_atomic
from ..lang.language import Language, resolve_language
from ..manifest import MANIFEST
from ..model.load import load_profile
from ..model.names import find_state
from ..model.treaty import load_treaty
from ..pdf.convert import ConvertOptions, PdfCache, convert_documents
from ..pdf.metadata import normalize_pdf
from ..reproducible import source_date
from ..resources import TemplateSearchPath
from ..store import content_key
from .archive import kit_archive
from .freshness import KitRecord, current_kit_record, sources_digest, write_kit_record
from .front_matter import KitState, workshop_heading
from .index import index_values, not_built_row, row_of_packet, state_sort_key
from .print_file import PrintPart, assemble_print_file, page_count, sheets, sides
from .state_pages import KitPages, brief_document, document_metadata, front_matter_documents, separator_document
from .workshop import WorkshopFile

if TYPE_CHECKING:
    from .jobs import KitOutcome


def _front_names(kit: _LanguageKit) -> list[str]:
    """The front matter's documents in the print file's order: agenda, sign-in sheet(s), participants."""

    def order(name: str) -> tuple[int, int]:
        kind = 0 if name == "agenda" else 2 if name == "participants" else 1
        day = int(name.rsplit("-", 1)[1]) if name.startswith("sign-in-") else 0
        return kind, day

    return sorted(kit.pdf, key=order)


_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


@dataclass
class _State:
    """One State's packet in one language, on disk, and what the kit makes for it."""

    code: str
    folder: Path  # out/<CODE>/<LANG>
    row: dict[str, Any]
    profile: Path | None  # this run's profile; None for a packet an earlier run built
    brief_docx: bytes | None = None
    brief_pdf: bytes | None = None
    separator_docx: bytes | None = None
    separator_pdf: bytes | None = None


@dataclass
class _LanguageKit:
    """One language's kit while it is being made."""

    language: Language
    states: list[_State]
    failed: list[dict[str, Any]]
    docx: dict[str, bytes] = field(default_factory=dict)  # out/<LANG>/<name>: the front matter and briefs
    pdf: dict[str, bytes] = field(default_factory=dict)
    meta: dict[str, DocumentMetadata] = field(default_factory=dict)
    key: str = ""
    locales: Path | None = None

    def __getstate__(self) -> dict[str, Any]:
        """Sent to a worker process by language code: its catalog is read again there."""
        state = dict(self.__dict__)
        state["language"] = self.language.code
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state | {"language": resolve_language(state["language"], state["locales"])})


@dataclass(frozen=True)
class LanguageKitResult:
    """What became of one language's kit."""

    lang: str
    unchanged: bool
    print_pages: int
    print_sheets: int
    files: list[Path]


def write_language_kits(
    outcomes: list[KitOutcome],
    languages: list[str],
    out: Path,
    options: BuildOptions,
    workshop: WorkshopFile | None = None,
    processes: int = 1,
) -> list[LanguageKitResult]:
    """Make each language's index, front matter, briefs, print file and archive (see the module)."""
    search = TemplateSearchPath(options.templates)
    paper = kit_paper(options.paper, [o.job.code for o in outcomes])
    sources = sources_digest(options)
    workshop_bytes = workshop.path.read_bytes() if workshop else b""
    kits: list[_LanguageKit] = []
    results: list[LanguageKitResult] = []
    for lang in languages:
        kit = _gather(outcomes, resolve_language(lang, options.locales), out)
        kit.locales = options.locales
        kit.key = content_key(
            sources,
            sha256_bytes(workshop_bytes),
            paper,
            json.dumps([[s.code, s.profile is not None, sha256_file(s.folder / MANIFEST)] for s in kit.states]),
            json.dumps(kit.failed, default=str),
        )
        record = current_kit_record(out / lang, kit.key)
        if record is not None:
            results.append(LanguageKitResult(lang, True, record.print_pages, record.print_sheets, record.files))
        else:
            kits.append(kit)
    if not kits:
        return results
    rendered = _in_pool(
        partial(_render_task, workshop=workshop, search=search, paper=paper, options=options), kits, processes
    )
    kits = []
    for kit, missed in rendered:
        refuse_untranslated(kit.language, missed, options.locales)
        kits.append(kit)
    if options.pdf:
        _convert_documents(kits, options, processes)
    for kit in kits:
        _count_sheets(kit, out, options.duplex, options.pdf)
    indexes = _indexes(kits, workshop, search, paper, options, processes)
    jobs = [(kit, *indexes[kit.language.code]) for kit in kits]
    results += _in_pool(partial(_write_task, out=out, duplex=options.duplex), jobs, processes)
    return results


# --- over processes: the languages are independent ------------------------------------------------


def _in_pool(function: Callable[[_Item], _Result], items: list[_Item], processes: int) -> list[_Result]:
    """``function`` over ``items``, in ``processes`` worker processes when there is more than one of each
    (rendering and assembling a language's kit is Python work: two languages on two cores)."""
    if processes <= 1 or len(items) <= 1:
        return [function(item) for item in items]
    with ProcessPoolExecutor(min(processes, len(items)), mp_context=multiprocessing.get_context()) as pool:
        return list(pool.map(function, items))


def _render_task(
    kit: _LanguageKit, *, workshop: WorkshopFile | None, search: TemplateSearchPath, paper: str, options: BuildOptions
) -> tuple[_LanguageKit, list[str]]:
    """Render one language's documents; return the kit and the messages its catalog missed."""
    with kit.language.catalog.tracking() as missed:
        _render_documents(kit, workshop, search, paper, options)
    return kit, sorted(missed)


def _write_task(job: tuple[_LanguageKit, bytes, bytes | None], *, out: Path, duplex: bool) -> LanguageKitResult:
    kit, index_docx, index_pdf = job
    return _write_language(kit, out, index_docx, index_pdf, duplex)


# --- what the kit holds ---------------------------------------------------------------------------


def _gather(outcomes: list[KitOutcome], language: Language, out: Path) -> _LanguageKit:
    lang = language.code
    profiles = {o.job.code: o.job.profile for o in outcomes if o.job.lang == lang and o.ok}
    states: list[_State] = []
    for manifest_path in sorted(out.glob(f"*/{lang}/{MANIFEST}")):
        folder = manifest_path.parent
        row = row_of_packet(folder, language, out)
        if row is not None:
            states.append(_State(folder.parent.name, folder, row, profiles.get(folder.parent.name)))
    on_disk = {state.code for state in states}
    failed = [
        not_built_row(o.job.profile.name, language)
        for o in outcomes
        if o.job.lang == lang and not o.ok and o.job.code not in on_disk
    ]
    states.sort(key=lambda state: state_sort_key(language, str(state.row["state"]), state.code))
    return _LanguageKit(language, states, failed)


# --- rendering and converting --------------------------------------------------------------------


def _render_documents(
    kit: _LanguageKit, workshop: WorkshopFile | None, search: TemplateSearchPath, paper: str, options: BuildOptions
) -> None:
    language = kit.language
    _ = language.gettext
    described = workshop.workshop if workshop else None
    kit_states = [KitState(state.code, str(state.row["state"])) for state in kit.states]
    treaty_title = load_treaty(_treaty_of(kit)).title(language.code)
    pages = KitPages(described, paper, options.templates)
    for name, (data, meta) in front_matter_documents(pages, kit_states, treaty_title, language).items():
        kit.docx[name], kit.meta[name] = data, meta
    for state in kit.states:
        if state.profile is not None:
            _render_brief(state, kit, pages, options)
        if options.pdf:
            short = str(state.row["state"])
            formal = str(state.row.get("formal", short))
            state.separator_docx, _meta = separator_document(short, formal, treaty_title, language, pages)


def _render_brief(state: _State, kit: _LanguageKit, pages: KitPages, options: BuildOptions) -> None:
    assert state.profile is not None
    try:
        profile = load_profile(state.profile, options.treaties, options.templates)
    except ToolkitError:
        return  # changed since its packet was built: the packet stands, the brief an earlier run wrote too
    treaty = profile.treaty_data()
    context = build_context(profile, treaty, kit.language)
    state.row["formal"] = context.state.state_formal_heading
    state.brief_docx, kit.meta[f"briefs/{state.code}"] = brief_document(profile, treaty, context, pages)


def _convert_documents(kits: list[_LanguageKit], options: BuildOptions, processes: int) -> None:
    """Every front matter, brief and separator of every language in one LibreOffice run."""
    documents: dict[str, bytes] = {}
    for kit in kits:
        lang = kit.language.code
        documents |= {f"{lang}-{name}": data for name, data in kit.docx.items()}
        for state in kit.states:
            if state.brief_docx is not None:
                documents[f"{lang}-brief-{state.code}"] = state.brief_docx
            if state.separator_docx is not None:
                documents[f"{lang}-separator-{state.code}"] = state.separator_docx
    converted, version = convert_documents(
        documents, ConvertOptions(pdfa=options.pdfa), PdfCache(enabled=options.cache), processes
    )
    producer = f"{version}; pypdf {pypdf.__version__}"
    for kit in kits:
        lang = kit.language.code
        for name in kit.docx:
            kit.pdf[name] = _normalized(converted[f"{lang}-{name}"], kit.meta[name], producer, options.pdfa)
        for state in kit.states:
            if state.brief_docx is not None:
                state.brief_pdf = _normalized(
                    converted[f"{lang}-brief-{state.code}"], kit.meta[f"briefs/{state.code}"], producer, options.pdfa
                )
            if state.separator_docx is not None:
                state.separator_pdf = converted[f"{lang}-separator-{state.code}"]


def _normalized(pdf: bytes, meta: DocumentMetadata, producer: str, pdfa: bool = False) -> bytes:
    return normalize_pdf(pypdf.PdfReader(io.BytesIO(pdf)), meta, producer, pdfa)


# --- the index, the print file, the archive -------------------------------------------------------


def _count_sheets(kit: _LanguageKit, out: Path, duplex: bool, pdf: bool) -> None:
    """Each State's sheets in the print file, and the front matter's sheets and sides."""
    folder = out / kit.language.code
    for state in kit.states:
        earlier = folder / "briefs" / f"{state.code}.pdf"
        if state.brief_pdf is None and state.profile is None and earlier.is_file():
            state.brief_pdf = earlier.read_bytes()  # an earlier run's, for a State not in this run
        state.row["sheets"] = _state_sheets(state, duplex) if pdf else "—"


def _state_sheets(state: _State, duplex: bool) -> int | str:
    packet = state.folder / "packet.pdf"
    if state.separator_pdf is None or not packet.is_file():
        return "—"
    parts = [state.separator_pdf, *([state.brief_pdf] if state.brief_pdf else []), packet.read_bytes()]
    return sum(sheets(page_count(pdf), duplex) for pdf in parts)


def _parts_sides(kit: _LanguageKit, duplex: bool) -> tuple[int, int]:
    """The sides and sheets of everything in the print file but the index."""
    pdfs = [kit.pdf[name] for name in _front_names(kit)]
    for state in kit.states:
        packet = state.folder / "packet.pdf"
        if state.separator_pdf is not None and packet.is_file():
            pdfs += [state.separator_pdf, *([state.brief_pdf] if state.brief_pdf else []), packet.read_bytes()]
    counts = [page_count(pdf) for pdf in pdfs]
    return sum(sides(n, duplex) for n in counts), sum(sheets(n, duplex) for n in counts)


def _indexes(
    kits: list[_LanguageKit],
    workshop: WorkshopFile | None,
    search: TemplateSearchPath,
    paper: str,
    options: BuildOptions,
    processes: int,
) -> dict[str, tuple[bytes, bytes | None]]:
    """Each language's index, all converted in one LibreOffice run; an index is rendered again if its
    own length turns out other than assumed (it counts the sheets of the print file it opens)."""
    when = source_date()
    prepared_on = when.date() if when else date.today()
    template = search.find(INDEX_TEMPLATE)
    described = workshop.workshop if workshop else None
    pending: dict[str, tuple[dict[str, Any], DocumentMetadata, tuple[int, int]]] = {}
    for kit in kits:
        language = kit.language
        rows = sorted(
            [s.row for s in kit.states] + kit.failed,
            key=lambda row: state_sort_key(language, str(row["state"]), row.get("code")),
        )
        values = index_values(rows, language, prepared_on)
        values |= workshop_heading(described, language) | {"duplex": options.duplex}
        meta = document_metadata(language, language.gettext("INDEX OF PACKETS"), values["treaty_title"])
        pending[language.code] = (values, meta, _parts_sides(kit, options.duplex) if options.pdf else (0, 0))
    languages = {kit.language.code: kit.language for kit in kits}
    # a first guess at each index's length: an index holds about 18 States a page (the retry is a LibreOffice run)
    assumed = {kit.language.code: 1 + (len(kit.states) + len(kit.failed)) // 18 for kit in kits}
    done: dict[str, tuple[bytes, bytes | None]] = {}
    for _attempt in range(3):
        documents: dict[str, bytes] = {}
        for lang, (values, meta, (other_sides, other_sheets)) in pending.items():
            totals = {
                "print_pages": sides(assumed[lang], options.duplex) + other_sides if options.pdf else 0,
                "print_sheets": sheets(assumed[lang], options.duplex) + other_sheets if options.pdf else 0,
            }
            with languages[lang].catalog.tracking() as missed:
                documents[lang] = render_docx(template, values | totals, languages[lang], meta, paper=paper)
            refuse_untranslated(languages[lang], sorted(missed), options.locales)
        if not options.pdf:
            return {lang: (docx, None) for lang, docx in documents.items()}
        converted, version = convert_documents(
            documents, ConvertOptions(pdfa=options.pdfa), PdfCache(enabled=options.cache), processes
        )
        for lang in list(pending):
            pages = page_count(converted[lang])
            if pages == assumed[lang]:
                producer = f"{version}; pypdf {pypdf.__version__}"
                meta = pending.pop(lang)[1]
                done[lang] = (documents[lang], _normalized(converted[lang], meta, producer, options.pdfa))
            else:
                assumed[lang] = pages
        if not pending:
            return done
    raise ToolkitError(f"the index does not settle on a page count in {', '.join(pending)}", path=template)


def _write_language(
    kit: _LanguageKit, out: Path, index_docx: bytes, index_pdf: bytes | None, duplex: bool
) -> LanguageKitResult:
    language, folder = kit.language, out / kit.language.code
    files: dict[str, bytes] = {"index.docx": index_docx}
    if index_pdf is not None:
        files["index.pdf"] = index_pdf
    for name, data in kit.docx.items():
        files[f"{name}.docx"] = data
        if name in kit.pdf:
            files[f"{name}.pdf"] = kit.pdf[name]
    for state in kit.states:
        if state.brief_docx is not None:
            files[f"briefs/{state.code}.docx"] = state.brief_docx
            if state.brief_pdf is not None:
                files[f"briefs/{state.code}.pdf"] = state.brief_pdf
    print_pages = print_sheets = 0
    if index_pdf is not None:
        files["print.pdf"] = _print_file(kit, index_pdf, duplex)
        print_pages = page_count(files["print.pdf"])
        print_sheets = sheets(print_pages, duplex)
    written: list[Path] = []
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        written.append(write_atomic(folder / name, data))  # a reader never sees half a file
    archive = kit_archive(language.code, written, [(s.code, s.folder) for s in kit.states], out)
    written.append(write_atomic(out / f"kit-{language.code}.zip", archive))
    write_kit_record(folder, KitRecord(kit.key, print_pages, print_sheets, written))
    return LanguageKitResult(language.code, False, print_pages, print_sheets, written)


def _print_file(kit: _LanguageKit, index_pdf: bytes, duplex: bool) -> bytes:
    language = kit.language
    _ = language.gettext
    titles = {"agenda": _("AGENDA"), "participants": _("LIST OF PARTICIPANTS")}
    parts = [PrintPart(_("INDEX OF PACKETS"), index_pdf)]
    parts += [PrintPart(titles.get(name, _("SIGN-IN SHEET")), kit.pdf[name]) for name in _front_names(kit)]
    for state in kit.states:
        packet = state.folder / "packet.pdf"
        if state.separator_pdf is None or not packet.is_file():
            continue
        name = str(state.row["state"])
        parts.append(PrintPart(name, state.separator_pdf, group=name))
        if state.brief_pdf is not None:
            parts.append(PrintPart(_("ONE-PAGE BRIEF"), state.brief_pdf, group=name))
        parts.append(PrintPart(str(state.row["act"]), packet.read_bytes(), group=name))
    meta = document_metadata(language, _("INDEX OF PACKETS"), kit.meta["participants"].subject)
    return assemble_print_file(parts, meta, f"pypdf {pypdf.__version__}", duplex)


def _treaty_of(kit: _LanguageKit) -> str:
    return next((str(state.row["treaty"]) for state in kit.states if state.row.get("treaty")), "ccm")


def kit_paper(paper: str | None, codes: list[str]) -> str:
    """The kit's paper: as given, else the one most of its States use (per CLDR), A4 on a tie."""
    if paper:
        return paper
    counts = Counter(default_paper(code) for code in sorted(set(codes)) if find_state(code) is not None)
    return max(sorted(counts), key=lambda name: (counts[name], name == "a4")) if counts else "a4"
