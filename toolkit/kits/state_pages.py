"""The kit's own documents in one language: the front matter, and the pages that open a State's part
of the print file (its separator sheet and its one-page brief), rendered with the workshop's title
and the kit's paper.

(Converting them in the packets' workers instead, in the LibreOffice runs already going, was
measured: no faster for 20 States × 7 languages, as the bigger batches needed a second LibreOffice
run each; so they are converted together in the kit's last step.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..documents.context import DocumentContext
from ..documents.metadata import DocumentMetadata
from ..documents.registry import (
    AGENDA_TEMPLATE,
    BRIEF_TEMPLATE,
    PARTICIPANTS_TEMPLATE,
    SEPARATOR_TEMPLATE,
    SIGN_IN_TEMPLATE,
    plan_documents,
)
from ..documents.render import render_docx
from ..lang.language import Language
from ..model.profile import Profile
from ..model.treaty import Treaty
from ..resources import TemplateSearchPath
from .brief import brief_values
from .front_matter import KitState, agenda_values, participants_values, sign_in_values, workshop_heading
from .workshop import Workshop


@dataclass(frozen=True)
class KitPages:
    """What every kit document of a run shares: the workshop, the paper, the folder of templates."""

    workshop: Workshop | None
    paper: str
    templates: Path | None = None

    def workshop_title(self, language: Language) -> str:
        """The workshop's title in ``language`` ("" without a description)."""
        return workshop_heading(self.workshop, language)["workshop_title"]


def document_metadata(language: Language, title: str, subject: str) -> DocumentMetadata:
    """A kit document's properties, in its language."""
    return DocumentMetadata(title=title, subject=subject, author="", language=language.spec.tag)


def brief_document(
    profile: Profile, treaty: Treaty, context: DocumentContext, pages: KitPages
) -> tuple[bytes, DocumentMetadata]:
    """The State's one-page brief (``<treaty>/packet/brief.docx``) in the context's language."""
    language = context.language
    documents = [planned.key for planned in plan_documents(profile, treaty, language.code)]
    values = brief_values(context, documents, pages.workshop_title(language))
    title = f"{language.gettext('ONE-PAGE BRIEF')} — {context.state.state_short}"
    meta = document_metadata(language, title, context.treaty.treaty_title)
    template = TemplateSearchPath(pages.templates).find(f"{treaty.id}/{BRIEF_TEMPLATE}")
    return render_docx(template, values, language, meta, paper=pages.paper), meta


def separator_document(
    short: str, formal: str, treaty_title: str, language: Language, pages: KitPages
) -> tuple[bytes, DocumentMetadata]:
    """The sheet that names the State before its brief and packet (``packet/separator.docx``)."""
    values = {
        "state_short": short,
        "state_formal": formal,
        "treaty_title": treaty_title,
        "language_name": language.name(),
        "workshop_title": pages.workshop_title(language),
        "rtl": language.rtl,
    }
    meta = document_metadata(language, short, treaty_title)
    template = TemplateSearchPath(pages.templates).find(SEPARATOR_TEMPLATE)
    return render_docx(template, values, language, meta, paper=pages.paper), meta


def front_matter_documents(
    pages: KitPages, states: list[KitState], treaty_title: str, language: Language
) -> dict[str, tuple[bytes, DocumentMetadata]]:
    """The agenda (with a workshop description), the sign-in sheet and the list of participants."""
    _ = language.gettext
    described = pages.workshop
    front: list[tuple[str, str, str, dict[str, Any]]] = []
    if described is not None:
        front.append(("agenda", AGENDA_TEMPLATE, _("AGENDA"), agenda_values(described, language)))
    sign_in = sign_in_values(described, states, language)
    if len(sign_in["days"]) == 1:
        front.append(("sign-in", SIGN_IN_TEMPLATE, _("SIGN-IN SHEET"), sign_in))
    else:  # a sheet of its own for each day, put out at registration that day (and printed on its own sheet)
        for number, day in enumerate(sign_in["days"], start=1):
            front.append((f"sign-in-{number}", SIGN_IN_TEMPLATE, _("SIGN-IN SHEET"), sign_in | {"days": [day]}))
    front.append(
        (
            "participants",
            PARTICIPANTS_TEMPLATE,
            _("LIST OF PARTICIPANTS"),
            participants_values(described, states, language),
        )
    )
    search = TemplateSearchPath(pages.templates)
    subject = pages.workshop_title(language) or treaty_title
    documents = {}
    for name, template, title, values in front:
        meta = document_metadata(language, title, subject)
        documents[name] = (render_docx(search.find(template), values, language, meta, paper=pages.paper), meta)
    return documents
