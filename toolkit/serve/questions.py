"""The interview's questions, in the order an officer thinks, each tied to a key of the State profile.

The form is the profile: every answer is a field of :class:`~toolkit.model.profile.Profile`
(checked against the model when the module is imported, so a renamed profile field cannot
leave a question answering nothing), and the answers become a profile that the library
validates, checks and builds exactly as `ratkit build` does.  Questions and help are
English msgids of the ``interface`` catalog; help cites the article behind the question.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel

from ..model.facts import Facts, load_facts
from ..model.profile import Profile
from .settings import settings_from_environment

Kind = Literal["state", "date", "text", "per_language", "per_script", "choice", "yes_no", "number", "languages"]


def _(message: str) -> str:
    """Marks a message for extraction; it is translated when the page is rendered."""
    return message


@dataclass(frozen=True)
class Question:
    """One question of the interview: the profile key it answers, how it is asked, and why."""

    key: str  # dotted profile key: signatory.title
    kind: Kind
    label: str  # msgid
    help: str = ""  # msgid, with the article behind the question
    choices: tuple[tuple[str, str], ...] = ()  # (value, msgid)
    required: bool = False
    when: str = ""  # shown only when this other answer is true/set ("signatory.office=other")


@dataclass(frozen=True)
class Step:
    """A group of questions shown together."""

    id: str
    title: str  # msgid
    questions: tuple[Question, ...] = field(default_factory=tuple)


OFFICES = (
    ("head_of_state", _("Head of State")),
    ("head_of_government", _("Head of Government")),
    ("minister_for_foreign_affairs", _("Minister for Foreign Affairs")),
    ("other", _("Someone else, with full powers")),
)
GRANTING_OFFICES = OFFICES[:3]
GENDERS = (("", _("Not given")), ("female", _("Woman")), ("male", _("Man")), ("neutral", _("Neutral form")))
LEGAL_SYSTEMS = (
    ("common_law", _("Common law: laws made by Parliament in Acts with Parts and sections")),
    ("civil_law", _("Civil law: laws in articles and chapters, often with a penal code")),
    ("mixed", _("Mixed: both traditions")),
)
APPROVAL_PROCEDURES = (
    ("", _("Not sure: the usual way in its legal system, to confirm")),
    ("law", _("Parliament passes a law authorizing it")),
    ("parliamentary_resolution", _("Parliament approves it by resolution")),
    ("executive_decision", _("The Government or Cabinet decides alone")),
)


def fact_questions(facts: Facts) -> tuple[Question, ...]:
    """A question for each declared fact (templates/<treaty>/facts.yaml), in its order; the question
    and help are English msgids of the interface catalogs, extracted from the declaration."""
    kinds: dict[str, Kind] = {"yes_no": "yes_no", "number": "number"}
    return tuple(
        Question(f"implementation.{name}", kinds[fact.type], fact.question, fact.help) for name, fact in facts.items()
    )


TREATY = "ccm"  # the interview's treaty (a profile's treaty: key; the one the toolkit's data covers)
FACT_QUESTIONS = fact_questions(load_facts(TREATY, settings_from_environment().templates))

STEPS: tuple[Step, ...] = (
    Step(
        "state",
        _("The State"),
        (
            Question(
                "state.code", "state", _("Which State?"), _("The State that joins the Convention."), required=True
            ),
            Question(
                "signature.date",
                "date",
                _("Date on which the State signed the Convention"),
                _(
                    "Prefilled from the treaty record. A State that signed ratifies, accepts or approves; "
                    "a State that never signed accedes (article 16). Leave empty if the State never signed."
                ),
            ),
            Question("state.legal_system", "choice", _("How does the State make its laws?"), choices=LEGAL_SYSTEMS),
            Question(
                "state.approval",
                "choice",
                _("How does the State approve joining a treaty, before the instrument is signed?"),
                _(
                    "The packet drafts the matching paper: a bill, a resolution of Parliament, or a decision of the "
                    "Government, with the submission and its cost note."
                ),
                choices=APPROVAL_PROCEDURES,
            ),
        ),
    ),
    Step(
        "languages",
        _("Languages of the documents"),
        (
            Question(
                "state.languages",
                "languages",
                _("In which languages should the documents be written?"),
                _(
                    "The first is the language of the packet. An instrument in a language other than English or "
                    "French goes with a courtesy translation."
                ),
                required=True,
            ),
        ),
    ),
    Step(
        "signatory",
        _("Who signs"),
        (
            Question(
                "signatory.name",
                "per_script",
                _("Full name of the person who signs"),
                _(
                    "Once for each script of the documents: in Latin letters, and as the name is written in Arabic, "
                    "Cyrillic or Chinese where a document is in one of them."
                ),
                required=True,
            ),
            Question(
                "signatory.gender",
                "choice",
                _("Form of address"),
                _("Used where a language writes a woman's title differently (Ministra, la Ministre, وزيرة)."),
                choices=GENDERS,
            ),
            Question(
                "signatory.office",
                "choice",
                _("Office"),
                _(
                    "Only the Head of State, the Head of Government or the Minister for Foreign Affairs signs "
                    "without full powers (UN Treaty Handbook, section 3.3.5)."
                ),
                choices=OFFICES,
                required=True,
            ),
            Question(
                "signatory.title",
                "per_language",
                _("Exact title, in each language of the documents"),
                _("Leave empty to use the title of the office. A title you give is used as you write it."),
            ),
            Question(
                "signatory.full_powers_from.name",
                "per_script",
                _("Who grants the full powers?"),
                when="signatory.office=other",
            ),
            Question(
                "signatory.full_powers_from.office",
                "choice",
                _("Office of the person who grants them"),
                choices=GRANTING_OFFICES,
                when="signatory.office=other",
            ),
            Question(
                "signatory.full_powers_from.gender",
                "choice",
                _("Form of address"),
                choices=GENDERS,
                when="signatory.office=other",
            ),
            Question(
                "signatory.full_powers_from.title",
                "per_language",
                _("Their exact title, in each language"),
                when="signatory.office=other",
            ),
        ),
    ),
    Step(
        "instrument",
        _("Place and date"),
        (
            Question(
                "instrument.place",
                "per_language",
                _("Where is the instrument signed?"),
                _("Usually the capital. The toolkit writes the names of many cities in every language."),
                required=True,
            ),
            Question(
                "instrument.date", "date", _("Date of signature"), _("Leave empty to leave a blank to fill in by hand.")
            ),
        ),
    ),
    Step(
        "declarations",
        _("Declaration"),
        (
            Question(
                "declarations.provisional_application",
                "yes_no",
                _("Apply article 1 before the Convention enters into force for the State?"),
                _(
                    "Article 18: a State may declare that it will apply the prohibitions of article 1 from the "
                    "deposit of its instrument, before its entry into force."
                ),
            ),
        ),
    ),
    Step(
        "mission",
        _("Permanent Mission"),
        (
            Question(
                "mission.name",
                "per_language",
                _("Name of the Permanent Mission"),
                _("Prefilled with its usual name; correct it where the Mission uses another."),
            ),
            Question(
                "deposit.planned",
                "date",
                _("Planned date of deposit"),
                _("For the calendar: entry into force and every deadline follow from it (article 17)."),
            ),
        ),
    ),
    Step(
        "implementation",
        _("Facts for the implementing law"),
        (
            *FACT_QUESTIONS,
            Question(
                "implementation.competent_authority",
                "per_language",
                _("Authority responsible"),
                _("The ministry or agency that applies the law. Leave empty for the ministry of defence."),
            ),
            Question(
                "implementation.court",
                "per_language",
                _("Which court tries these offences?"),
                _("As your laws name it, e.g. the Supreme Court. Leave empty for the High Court (common law)."),
            ),
            Question(
                "implementation.prosecutor",
                "per_language",
                _("Whose consent does a prosecution need?"),
                _("E.g. the Attorney-General. Leave empty for the Director of Public Prosecutions (common law)."),
            ),
            Question(
                "implementation.enacting_formula",
                "per_language",
                _("The words that open your laws"),
                _("E.g. “BE IT ENACTED by Parliament as follows:”. Leave empty for the usual words."),
            ),
            Question(
                "implementation.commencement",
                "date",
                _("Day the law comes into force"),
                _(
                    "Leave empty: on the deposit if the State applies article 1 provisionally (article 18), "
                    "otherwise when the Convention enters into force for it."
                ),
            ),
            Question(
                "implementation.penalties.imprisonment_years",
                "number",
                _("Longest prison term for an offence (years)"),
                _("Article 9: penal sanctions."),
            ),
            Question("implementation.penalties.fine", "number", _("Highest fine for an offence")),
            Question("implementation.penalties.currency", "text", _("Currency of the fine (ISO code, e.g. KES)")),
        ),
    ),
)


def all_questions() -> list[Question]:
    """Every question, in order."""
    return [question for step in STEPS for question in step.questions]


def _field_exists(model: type[BaseModel], key: str) -> bool:
    head, _dot, rest = key.partition(".")
    info = model.model_fields.get(head)
    if info is None:
        return False
    if not rest:
        return True
    annotation = info.annotation
    candidates = [annotation, *getattr(annotation, "__args__", ())]
    return any(
        isinstance(candidate, type) and issubclass(candidate, BaseModel) and _field_exists(candidate, rest)
        for candidate in candidates
    )


_DECLARED = {question.key for question in FACT_QUESTIONS}  # extras of Implementation, checked by the loader
_UNANSWERED = [q.key for q in all_questions() if not _field_exists(Profile, q.key) and q.key not in _DECLARED]
if _UNANSWERED:  # pragma: no cover - a programming error, caught by the tests at import
    raise RuntimeError(f"interview questions name no field of the profile: {_UNANSWERED}")
