"""Which documents a packet holds, from which templates, and why.

Every document is an entry of the same shape in :data:`DOCUMENTS`: adding a
document means adding an entry (and its template), not a special case in the
build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model.profile import Profile
from ..rules.checks import COURTESY_LANGUAGES


@dataclass(frozen=True)
class DocumentSpec:
    """A kind of document: its output name, its template, and when a packet needs it."""

    key: str
    output: str  # file name without extension
    template: str  # relative to a templates folder (titles, translated, are in context.document_titles)
    applies: Callable[[Profile, str], bool]
    reason: str
    context_language: str | None = None  # render in this language instead of the packet's


@dataclass(frozen=True)
class PlannedDocument:
    """A document this packet will contain."""

    spec: DocumentSpec
    reason: str


DOCUMENTS: tuple[DocumentSpec, ...] = (
    DocumentSpec(
        "instrument",
        "instrument",
        "ccm/instruments/instrument.docx",
        lambda p, lang: True,
        "the instrument the depositary receives",
    ),
    DocumentSpec(
        "instrument-translation",
        "instrument-translation",
        "ccm/instruments/instrument.docx",
        lambda p, lang: lang not in COURTESY_LANGUAGES,
        "the depositary expects an English or French translation of an instrument in another language",
        context_language="en",
    ),
    DocumentSpec(
        "cover-note",
        "cover-note",
        "ccm/instruments/cover-note.docx",
        lambda p, lang: True,
        "the Permanent Mission transmits the instrument with a note",
    ),
    DocumentSpec(
        "full-powers",
        "full-powers",
        "ccm/instruments/full-powers.docx",
        lambda p, lang: p.signatory.office == "other",
        "the signatory is not Head of State, Head of Government or Minister for Foreign Affairs",
    ),
    DocumentSpec(
        "checklist",
        "checklist",
        "ccm/packet/checklist.docx",
        lambda p, lang: True,
        "what the depositary will check, item by item",
    ),
    DocumentSpec(
        "legislation",
        "legislation",
        "ccm/legislation/common-law.docx",
        lambda p, lang: p.implementation.penalties is not None and p.legislation_model == "common_law",
        "article 9 requires legislation with penal sanctions; a common-law State enacts an Act",
    ),
    DocumentSpec(
        "legislation",
        "legislation",
        "ccm/legislation/civil-law.docx",
        lambda p, lang: p.implementation.penalties is not None and p.legislation_model == "civil_law",
        "article 9 requires legislation with penal sanctions; a civil-law State adopts a law in articles",
    ),
    DocumentSpec(
        "roadmap",
        "roadmap",
        "ccm/packet/roadmap.docx",
        lambda p, lang: True,
        "the steps from approval at home to entry into force: who acts, and when",
    ),
)


def plan_documents(profile: Profile, lang: str) -> list[PlannedDocument]:
    """The documents of this profile's packet in ``lang``, in packet order."""
    return [PlannedDocument(spec, spec.reason) for spec in DOCUMENTS if spec.applies(profile, lang)]
