"""Which documents a packet holds, from which templates, and why.

Every kind of document is an entry of the same shape in :data:`DOCUMENTS`:
adding a document means adding an entry (and its template), not a special
case in the build.  A treaty's data lists the documents its packet holds; the
template of each is looked for under the treaty's folder of templates
(``templates/<treaty>/…``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model.profile import Profile
from ..model.treaty import Treaty

Applies = Callable[[Profile, Treaty, str], bool]


@dataclass(frozen=True)
class DocumentSpec:
    """A kind of document: its output name, its template, and when a packet needs it."""

    key: str  # also the output file's name, without extension
    template: str  # relative to the treaty's folder of templates
    applies: Applies
    reason: str
    in_source_language: bool = False  # rendered in the templates' own language (the courtesy translation)


@dataclass(frozen=True)
class PlannedDocument:
    """A document this packet will contain, and the template it is made from."""

    spec: DocumentSpec
    template: str  # relative to a templates folder: "<treaty>/<spec.template>"

    @property
    def key(self) -> str:
        """The document's key and output name."""
        return self.spec.key


def _always(profile: Profile, treaty: Treaty, lang: str) -> bool:
    return True


DOCUMENTS: tuple[DocumentSpec, ...] = (
    DocumentSpec("instrument", "instruments/instrument.docx", _always, "the instrument the depositary receives"),
    DocumentSpec(
        "instrument-translation",
        "instruments/instrument.docx",
        lambda p, treaty, lang: lang not in treaty.depositary.working_languages,
        "the depositary expects a translation into one of its working languages of an instrument in another language",
        in_source_language=True,
    ),
    DocumentSpec(
        "cover-note",
        "instruments/cover-note.docx",
        _always,
        "the Permanent Mission transmits the instrument with a note",
    ),
    DocumentSpec(
        "full-powers",
        "instruments/full-powers.docx",
        lambda p, treaty, lang: p.signatory.office == "other",
        "the signatory is not Head of State, Head of Government or Minister for Foreign Affairs",
    ),
    DocumentSpec("checklist", "packet/checklist.docx", _always, "what the depositary will check, item by item"),
    DocumentSpec(
        "legislation",
        "legislation/common-law.docx",
        lambda p, treaty, lang: p.implementation.penalties is not None and p.legislation_model == "common_law",
        "the treaty requires legislation with penal sanctions; a common-law State enacts an Act",
    ),
    DocumentSpec(
        "legislation",
        "legislation/civil-law.docx",
        lambda p, treaty, lang: p.implementation.penalties is not None and p.legislation_model == "civil_law",
        "the treaty requires legislation with penal sanctions; a civil-law State adopts a law in articles",
    ),
    DocumentSpec(
        "roadmap",
        "packet/roadmap.docx",
        _always,
        "the steps from approval at home to entry into force: who acts, and when",
    ),
    DocumentSpec(
        "approval-submission",
        "approval/submission.docx",
        _always,
        "the Government decides to join first: a Cabinet submission (common law) or a note to the Council of "
        "Ministers (civil law), with the cost note",
    ),
    DocumentSpec(
        "approval-memorandum",
        "approval/memorandum.docx",
        lambda p, treaty, lang: p.approval_procedure in ("law", "parliamentary_resolution"),
        "Parliament approves: the bill or resolution goes with an explanatory memorandum",
    ),
    DocumentSpec(
        "approval-bill",
        "approval/authorization.docx",
        lambda p, treaty, lang: p.approval_procedure == "law",
        "the State approves joining by a law authorizing it",
    ),
    DocumentSpec(
        "approval-resolution",
        "approval/authorization.docx",
        lambda p, treaty, lang: p.approval_procedure == "parliamentary_resolution",
        "the State approves joining by a resolution of Parliament",
    ),
    DocumentSpec(
        "approval-decision",
        "approval/authorization.docx",
        lambda p, treaty, lang: p.approval_procedure == "executive_decision",
        "the State approves joining by a decision of the Government",
    ),
    DocumentSpec(
        "art7-report",
        "reporting/art7-report.docx",
        _always,
        "every State Party reports within 180 days of entry into force (article 7), on the States Parties' forms",
    ),
    DocumentSpec(
        "note-verbale-art21",
        "reporting/note-verbale-art21.docx",
        lambda p, treaty, lang: p.implementation.foreign_military_cooperation,
        "a State Party that cooperates militarily with States not party notifies them of its obligations "
        "(article 21, paragraph 2)",
    ),
)

COVER_TEMPLATE = "packet/cover.docx"  # the packet's cover and contents: the same for every treaty
INDEX_TEMPLATE = "packet/index.docx"  # a workshop kit's index, one per language
# the rest of a workshop kit, one per language: its front matter, and the sheet that opens each State's part
AGENDA_TEMPLATE = "packet/agenda.docx"
SIGN_IN_TEMPLATE = "packet/sign-in.docx"
PARTICIPANTS_TEMPLATE = "packet/participants.docx"
SEPARATOR_TEMPLATE = "packet/separator.docx"
BRIEF_TEMPLATE = "packet/brief.docx"  # relative to the treaty's templates: a State's one-page brief in a kit
KIT_TEMPLATES = {
    INDEX_TEMPLATE: "kits index",
    AGENDA_TEMPLATE: "kits agenda",
    SIGN_IN_TEMPLATE: "kits sign-in sheet",
    PARTICIPANTS_TEMPLATE: "kits list of participants",
    SEPARATOR_TEMPLATE: "kits separator sheet of each State",
}


def plan_documents(profile: Profile, treaty: Treaty, lang: str) -> list[PlannedDocument]:
    """The documents of this profile's packet in ``lang``, in packet order."""
    return [
        PlannedDocument(spec, f"{treaty.id}/{spec.template}")
        for spec in DOCUMENTS
        if spec.key in treaty.documents and spec.applies(profile, treaty, lang)
    ]


def templates_in_use(treaty_ids: list[str]) -> dict[str, list[str]]:
    """Every template the registry names for these treaties, with the documents it makes."""
    uses: dict[str, list[str]] = {COVER_TEMPLATE: ["packet.pdf cover and contents"]}
    uses |= {name: [use] for name, use in KIT_TEMPLATES.items()}
    for treaty_id in treaty_ids:
        uses[f"{treaty_id}/{BRIEF_TEMPLATE}"] = ["kits one-page brief of each State"]
        for spec in DOCUMENTS:
            uses.setdefault(f"{treaty_id}/{spec.template}", []).append(spec.key)
    return uses


__all__ = ["DOCUMENTS", "DocumentSpec", "PlannedDocument", "plan_documents", "templates_in_use"]
