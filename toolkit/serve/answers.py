"""Answers of the interview ↔ a State profile: the form's fields are the profile's keys.

A form posts flat fields named by dotted profile keys (``signatory.name``,
``signatory.title.fr`` for one language's text).  :func:`to_profile` nests them
into the profile's shape and writes it as YAML; :func:`load_answers` reads it
back through the library's own loader, so the interview refuses exactly what
`ratkit check` refuses, with the same messages, each tied to its question.
:func:`from_profile` turns a profile (uploaded YAML) back into answers, and
:func:`prefill` gives the answers the toolkit knows for a State.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, ProfileError
from ..lang.catalog import document_languages
from ..lang.language import resolve_language
from ..model.load import load_profile
from ..model.names import find_state, state_name
from ..model.profile import Profile
from ..model.resolve import mission_name_of
from ..model.treaty import load_treaty
from .questions import all_questions

Answers = dict[str, str | list[str]]
PER_LANGUAGE = {question.key for question in all_questions() if question.kind == "per_language"}
NUMBERS = {question.key for question in all_questions() if question.kind == "number"}
YES_NO = {question.key for question in all_questions() if question.kind == "yes_no"}
MAX_FIELD = 1000  # characters of one answer; the profile's own limit (300) gives the message


def answers_from_form(form: Mapping[str, Any], getlist: Any) -> Answers:
    """The posted fields, every value a string (a list for the languages), cut to a sane length."""
    answers: Answers = {}
    for key in form:
        if key == "state.languages":
            answers[key] = [str(value)[:8] for value in getlist(key)]
        elif not key.startswith("_"):
            answers[key] = str(form[key])[:MAX_FIELD]
    return answers


def document_languages_of(answers: Answers) -> list[str]:
    """The documents' languages, the primary first."""
    primary = str(answers.get("state.language") or "")
    chosen = answers.get("state.languages") or []
    others = [lang for lang in (chosen if isinstance(chosen, list) else [chosen]) if lang != primary]
    languages = ([primary] if primary else []) + others
    available = document_languages()
    return [lang for lang in languages if lang in available] or ["en"]


def to_profile(answers: Answers) -> dict[str, Any]:
    """The profile the answers make (only what is answered; the schema says the rest)."""
    languages = document_languages_of(answers)
    data: dict[str, Any] = {"treaty": "ccm", "state": {}, "signatory": {}, "instrument": {}, "mission": {}}
    for question in all_questions():
        key = question.key
        if question.when and not _holds(answers, question.when):
            continue
        if question.kind == "languages":
            _put(data, key, languages)
        elif key in PER_LANGUAGE:
            texts = {lang: str(answers.get(f"{key}.{lang}", "")).strip() for lang in languages}
            texts = {lang: text for lang, text in texts.items() if text}
            if texts:
                _put(data, key, texts)
        elif key in YES_NO:
            _put(data, key, answers.get(key) == "yes")
        else:
            value = str(answers.get(key, "")).strip()
            if not value:
                continue
            _put(data, key, _number(value) if key in NUMBERS else value)
    return data


def _number(value: str) -> Any:
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value  # the schema says what is wrong with it


def _holds(answers: Answers, condition: str) -> bool:
    key, _eq, wanted = condition.partition("=")
    return str(answers.get(key, "")) == wanted


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    *parents, last = key.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def profile_yaml(answers: Answers) -> str:
    """The answers as a profile file that `ratkit build` reads."""
    header = "# State profile written by the Ratification Toolkit's interview; `ratkit build` reads it.\n"
    return header + yaml.safe_dump(to_profile(answers), allow_unicode=True, sort_keys=False, width=100)


def load_answers(answers: Answers, folder: Path | None = None) -> tuple[Profile | None, list[Problem]]:
    """The profile of the answers, through the library's loader; or the problems, each with its key."""
    with tempfile.TemporaryDirectory(dir=folder) as work:
        path = Path(work) / "profile.yaml"
        path.write_text(profile_yaml(answers), encoding="utf-8")
        try:
            return load_profile(path), []
        except ProfileError as exc:
            return None, [replace(p, path=None, line=None) for p in exc.problems]


def from_profile(data: Mapping[str, Any]) -> Answers:
    """Answers from a profile's data (an uploaded YAML file)."""
    answers: Answers = {}
    languages = list(data.get("state", {}).get("languages") or ["en"])
    answers["state.language"] = languages[0]
    answers["state.languages"] = languages
    for question in all_questions():
        value: Any = data
        for part in question.key.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        if value is None or question.kind == "languages":
            continue
        if question.key in PER_LANGUAGE:
            texts = value if isinstance(value, Mapping) else {languages[0]: value}
            for lang, text in texts.items():
                answers[f"{question.key}.{lang}"] = str(text)
        elif question.key in YES_NO:
            answers[question.key] = "yes" if value is True else "no"
        else:
            answers[question.key] = str(value)
    name = data.get("signatory", {}).get("name")
    if isinstance(name, Mapping):  # a name per script: the form asks for one, in the first language's script
        answers["signatory.name"] = str(name.get(languages[0]) or next(iter(name.values())))
    return answers


def prefill(code: str, answers: Answers | None = None) -> Answers:
    """What the toolkit knows of the State ``code``: its signature, languages, its Mission's usual name."""
    answers = dict(answers or {})
    record = find_state(code)
    if record is None:
        return answers
    from ..maintain.skeleton import working_languages

    answers["state.code"] = record.iso2
    languages = working_languages(record.iso2)
    answers.setdefault("state.language", languages[0])
    answers.setdefault("state.languages", languages)
    recorded = load_treaty("ccm").recorded_signature(record.iso2)
    answers["signature.date"] = recorded.signed.isoformat() if recorded else ""
    for lang in document_languages():
        name = state_name(record, lang)
        answers.setdefault(f"mission.name.{lang}", mission_name_of(name.short, name.formal, resolve_language(lang)))
    answers.setdefault("implementation.armed_forces", "yes")
    answers.setdefault("signatory.office", "minister_for_foreign_affairs")
    return answers
