"""What is wrong with an answer, said in the officer's language.

The library's problems carry an English message and a ``kind`` with its values
(:class:`~toolkit.errors.Problem`).  Here each kind has a sentence of the
``interface`` catalog; dates are written the way the interface's language writes
them, and a problem is shown next to the question's own label, not a profile key.
A problem of a kind without a sentence here is shown in English, marked as such,
rather than dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..errors import Problem
from ..lang.formats import article_number, long_date
from ..lang.languages import SOURCE_LANGUAGE, language_spec
from ..rules.check import Check
from .questions import all_questions

Gettext = Callable[[str], str]


@dataclass(frozen=True)
class ShownProblem:
    """One problem as the page shows it."""

    field: str  # the profile key the problem is about (signatory.name.fr)
    key: str  # the question's profile key, the anchor of its field
    label: str  # the question, in the interface's language
    message: str  # in the interface's language, or English when ``english`` is true
    english: bool = False


def _sentences(_: Gettext) -> dict[str, str]:
    """The sentence of each kind of problem (msgids of the interface catalog)."""
    return {
        "missing": _("This answer is needed."),
        "text_empty": _("This answer is needed."),
        "text_not_text": _("Write this answer as text."),
        "text_too_long": _("This answer is %(length)s characters long; at most %(max)s are allowed."),
        "text_unprintable": _(
            "Character %(position)s (U+%(code)s) would not print as typed; delete it or type the text again."
        ),
        "text_bidi_control": _(
            "Character %(position)s (U+%(code)s) is an invisible direction mark that can make the text read "
            "differently from how it looks; delete it."
        ),
        "text_control": _("Character %(position)s (U+%(code)s) is an invisible control character; delete it."),
        "date_format": _("Give the date as day, month and year."),
        "date_unreal": _("This date does not exist."),
        "date_range": _("Give a date between %(first)s and %(last)s."),
        "number_format": _("Give a number, without currency sign."),
        "greater_than": _("Give a number greater than %(limit)s."),
        "greater_than_equal": _("Give a number of at least %(limit)s."),
        "less_than": _("Give a number less than %(limit)s."),
        "less_than_equal": _("Give a number of at most %(limit)s."),
        "extra_forbidden": _("The profile takes no such answer here; check its spelling."),
        "fact_yes_no": _("Answer yes or no."),
        "fact_number": _("Give a whole number."),
        "currency_code": _("Give the currency's three-letter ISO 4217 code, such as KES, EUR or USD."),
        "state_code": _("Choose the State from the list."),
        "literal_error": _("Choose one of the answers offered."),
        "languages_repeated": _("Each language can be chosen once only."),
        "unsigned_cannot_ratify": _(
            "A State that has not signed the Convention cannot ratify, accept or approve it; it accedes "
            "(article %(article)s). Give the date of signature if the State signed."
        ),
        "signed_cannot_accede": _(
            "A State that signed the Convention ratifies, accepts or approves it; it does not accede "
            "(article %(article)s). Leave the date of signature empty if the State never signed."
        ),
        "signature_before_opening": _(
            "The State cannot have signed on %(date)s: the Convention was opened for signature on %(opened)s."
        ),
        "signature_after_closing": _(
            "The Convention was no longer open for signature on %(date)s (it closed on %(closed)s); "
            "a State that did not sign before then accedes. Leave the date of signature empty."
        ),
        "no_reservations": _("The Convention admits no reservations (article %(article)s); remove this one."),
        "full_powers_needed": _(
            "Someone other than the Head of State, the Head of Government or the Minister for Foreign Affairs "
            "needs full powers: say who grants them."
        ),
        "title_needed": _("Give the official title of the person who signs."),
        "full_powers_unused": _("Full powers are only needed when someone else signs."),
        "instrument_before_adoption": _(
            "The instrument cannot be dated %(date)s: the Convention was adopted on %(adopted)s."
        ),
        "instrument_before_signature": _(
            "The instrument cannot be dated %(date)s, before the State signed the Convention on %(signed)s."
        ),
        "deposit_before_opening": _(
            "The deposit cannot be on %(date)s: the Convention was opened for signature on %(opened)s."
        ),
        "deposit_before_signature": _(
            "The deposit cannot be on %(date)s, before the State signed the Convention on %(signed)s."
        ),
        "deposit_before_instrument": _(
            "The deposit cannot be on %(date)s, before the instrument is signed on %(instrument)s."
        ),
    }


#: The question to change when a depositary check does not pass (by the check's id), unless the
#: check names the field to blame itself; checks of what happens after the packet have none.
CHECK_QUESTIONS = {
    "signatory-authority": "signatory.office",
    "act-fits-signature": "signature.date",
    "signature-record": "signature.date",
    "not-already-party": "state.code",
    "declarations-admitted": "declarations.provisional_application",
    "language": "state.languages",
    "place-and-date": "instrument.place",
}


def question_of_check(check: Check, gettext: Gettext) -> tuple[str, str] | None:
    """The question to change for ``check`` (its key and label), or None when no answer is to blame."""
    field = check.field or CHECK_QUESTIONS.get(check.id, "")
    return question_of(field, gettext) if field else None


def act_name(act: str, gettext: Gettext) -> str:
    """The act by which the State joins, as the page names it."""
    names = {
        "ratification": gettext("Ratification"),
        "acceptance": gettext("Acceptance"),
        "approval": gettext("Approval"),
        "accession": gettext("Accession"),
    }
    return names.get(act, act)


_DATE_PARAMS = frozenset({"date", "opened", "closed", "adopted", "signed", "instrument"})


def shown_problems(problems: list[Problem], lang: str, gettext: Gettext) -> list[ShownProblem]:
    """``problems`` as the page shows them in ``lang``: each under its question's label, in ``lang``."""
    sentences = _sentences(gettext)
    return [_shown(problem, lang, gettext, sentences) for problem in problems]


def _shown(problem: Problem, lang: str, gettext: Gettext, sentences: dict[str, str]) -> ShownProblem:
    field = problem.key or ""
    key, label = question_of(field, gettext)
    sentence = sentences.get(problem.kind or "")
    if sentence is None:
        english = f"{problem.message} — {problem.hint}" if problem.hint else problem.message
        return ShownProblem(field, key, label, english, english=True)
    values = {name: _value(name, value, lang) for name, value in problem.params.items()}
    try:
        return ShownProblem(field, key, label, sentence % values)
    except (KeyError, ValueError, TypeError):  # a catalog sentence naming a value this problem lacks
        return ShownProblem(field, key, label, problem.message, english=True)


def question_of(profile_key: str, gettext: Gettext) -> tuple[str, str]:
    """The question that answers ``profile_key`` (or the closest one above it): its key and label."""
    best = None
    for question in all_questions():
        if profile_key == question.key or profile_key.startswith((question.key + ".", question.key + "[")):
            if best is None or len(question.key) > len(best.key):
                best = question
    if best is None:
        return profile_key, profile_key
    return best.key, gettext(best.label)


def _value(name: str, value: str, lang: str) -> str:
    if name == "article":
        spec = language_spec(lang)
        return article_number(value, spec) if spec else value
    if name in _DATE_PARAMS:
        try:
            return readable_date(date.fromisoformat(value), lang)
        except ValueError:
            return value
    return value


def readable_date(day: date, lang: str) -> str:
    """``day`` written out in ``lang`` (3 December 2008), so no one reads 12/03 as 12 March."""
    spec = language_spec(lang) or language_spec(SOURCE_LANGUAGE)
    assert spec is not None
    return long_date(day, spec)
