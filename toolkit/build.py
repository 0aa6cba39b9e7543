"""Build a State's packet: the one orchestration function, read top to bottom.

This module is also the example of using the toolkit as a library::

    from toolkit import build_packet
    result = build_packet("examples/profiles/kenya.yaml", lang="en", pdf=False)
    print(result.folder, [f.path for f in result.files])

Nothing is written until every document has rendered; the folder then appears
whole (see :mod:`toolkit.output`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .context import DocumentContext, build_context
from .depositary import Check
from .errors import ConversionError, DepositaryError, Problem
from .i18n import CLDR_LOCALE, check_language
from .output import WrittenFile, check_target, sha256_file, staging_folder, write_file, write_manifest
from .plan import PlannedDocument, plan_documents
from .profile import Profile, load_profile
from .render import DocumentMetadata, render_docx
from .resources import TemplateSearchPath


@dataclass(frozen=True)
class BuildResult:
    """What a build produced."""

    folder: Path
    profile: Profile
    lang: str
    files: list[WrittenFile]
    checks: list[Check]


@dataclass(frozen=True)
class RenderedDocument:
    """A document rendered in memory, not yet written."""

    planned: PlannedDocument
    data: bytes
    template: str
    template_sha256: str


def default_output(profile: Profile, lang: str) -> Path:
    """``./packet-<CODE>-<LANG>``."""
    return Path(f"packet-{profile.state.code}-{lang}")


def build_packet(
    profile_path: Path | str,
    lang: str | None = None,
    out: Path | str | None = None,
    *,
    pdf: bool = True,
    force: bool = False,
    templates: Path | None = None,
    draft: bool = False,
) -> BuildResult:
    """Load the profile, render every planned document, and write the packet folder."""
    profile = load_profile(profile_path)
    treaty = profile.treaty_data()
    lang = check_language(lang or profile.default_language)
    folder = Path(out) if out is not None else default_output(profile, lang)
    check_target(folder, force)
    if pdf:
        raise ConversionError("PDF output is not available in this version", key="--no-pdf",
                              hint="add --no-pdf to build the DOCX files and manifest")

    context = build_context(profile, treaty, lang)
    if context.refusals and not draft:
        raise DepositaryError(problems=[
            Problem(f"{c.detail} Fix: {c.fix}", profile.source, key=c.id) for c in context.refusals
        ] + [Problem("the depositary would refuse this instrument; fix the profile, or build with --draft",
                     profile.source)])

    search = TemplateSearchPath(templates)
    rendered = [_render(planned, context, profile, search) for planned in plan_documents(profile, lang)]

    with staging_folder(folder) as staging:
        files = [write_file(staging, doc.planned.docx_name, doc.data, doc.template, doc.template_sha256)
                 for doc in rendered]
        write_manifest(staging, _manifest_header(profile, context, draft), files)
    return BuildResult(folder, profile, lang, files, context.checks)


def _render(planned: PlannedDocument, context: DocumentContext, profile: Profile,
            search: TemplateSearchPath) -> RenderedDocument:
    template = search.find(planned.spec.template)
    values = context.values
    metadata = DocumentMetadata(
        title=f"{values['state_short']}: {planned.spec.title} — {values['treaty_title_en']}",
        subject=values["treaty_title"],
        author=values["mission_name"],
        language=CLDR_LOCALE[context.lang].replace("_", "-"),
    )
    data = render_docx(template, values, context.lang, metadata)
    return RenderedDocument(planned, data, planned.spec.template, sha256_file(template))


def _manifest_header(profile: Profile, context: DocumentContext, draft: bool) -> dict[str, Any]:
    values = context.values
    return {
        "toolkit_version": __version__,
        "treaty": profile.treaty,
        "state": {"code": profile.state.code, "name": values["state_short"]},
        "language": context.lang,
        "act": profile.resolved_act,
        "profile": {"file": profile.source.name if profile.source else None, "sha256": profile.sha256},
        "deposit_planned": profile.deposit.planned.isoformat() if profile.deposit.planned else None,
        "entry_into_force": _eif_iso(profile),
        "draft": draft,
        "checks": [{"id": c.id, "status": c.status, "blocking": c.blocking} for c in context.checks],
    }


def _eif_iso(profile: Profile) -> str | None:
    from .calendar import entry_into_force

    planned = profile.deposit.planned
    return entry_into_force(planned, profile.treaty_data()).isoformat() if planned else None
