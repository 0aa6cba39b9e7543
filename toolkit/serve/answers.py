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

import copy
import json
import tempfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, ProfileError
from ..lang.catalog import document_languages
from ..lang.language import resolve_language
from ..lang.languages import language_spec
from ..model.load import load_profile
from ..model.names import find_state, state_name
from ..model.profile import Profile
from ..model.resolve import mission_name_of
from ..model.treaty import load_treaty
from ..model.yamlsource import MAX_FILE_BYTES
from .questions import TREATY, all_questions
from .settings import settings_from_environment

Answers = dict[str, str | list[str]]
PER_LANGUAGE = {question.key for question in all_questions() if question.kind in ("per_language", "per_script")}
NUMBERS = {question.key for question in all_questions() if question.kind == "number"}
YES_NO = {question.key for question in all_questions() if question.kind == "yes_no"}
MAX_FIELD = 1000  # characters of one answer; the profile's own limit (300) gives the message
#: The part of an uploaded profile the interview does not ask about (mission.city, act, state.names…),
#: carried through the form as JSON so that what is downloaded again builds the same packet.
CARRIED = "_carried"
#: The texts an uploaded profile gave once for every language (``place: Nairobi``): written back so.
PLAIN = "_plain"


def answers_from_form(form: Mapping[str, Any], getlist: Any) -> Answers:
    """The posted fields, every value a string (a list for the languages), cut to a sane length."""
    answers: Answers = {}
    for key in form:
        if key == "state.languages":
            answers[key] = [str(value)[:8] for value in getlist(key)]
        elif key == CARRIED:
            answers[key] = str(form[key])[:MAX_FILE_BYTES]
        elif key == PLAIN:
            answers[key] = str(form[key])[:MAX_FIELD]
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


def form_languages(answers: Answers) -> list[str]:
    """The languages the form asks each text in: the documents' languages, and English when the packet
    goes with a courtesy translation (its language is not one the depositary works in)."""
    languages = document_languages_of(answers)
    if languages[0] not in load_treaty(TREATY).depositary.working_languages and "en" not in languages:
        languages.append("en")
    return languages


def name_groups(answers: Answers) -> list[tuple[str, list[str]]]:
    """The form's languages grouped by script, each group asked once (a name in Latin letters serves
    English, French and Spanish alike): (the group's first language, every language of the group)."""
    groups: dict[str, list[str]] = {}
    for lang in form_languages(answers):
        spec = language_spec(lang)
        groups.setdefault(spec.script if spec else lang, []).append(lang)
    return [(langs[0], langs) for langs in groups.values()]


def to_profile(answers: Answers) -> dict[str, Any]:
    """The profile the answers make (only what is answered; the schema says the rest)."""
    languages = document_languages_of(answers)
    data: dict[str, Any] = {"treaty": TREATY, "state": {}, "signatory": {}, "instrument": {}, "mission": {}}
    _merge(data, _carried(answers))
    plain = set(str(answers.get(PLAIN, "")).split())
    for question in all_questions():
        key = question.key
        if question.when and not _holds(answers, question.when):
            continue
        if question.kind == "languages":
            _put(data, key, languages)
        elif key in PER_LANGUAGE:  # every language's text given, also of a language unticked since
            texts = {lang: str(answers.get(f"{key}.{lang}", "")).strip() for lang in document_languages()}
            texts = {lang: text for lang, text in texts.items() if text}
            if len(texts) == 1 and key in plain and next(iter(texts)) == languages[0]:
                _put(data, key, texts[languages[0]])
            elif texts:
                _put(data, key, texts)
        elif key in YES_NO:
            _put(data, key, answers.get(key) == "yes")
        else:
            value = str(answers.get(key, "")).strip()
            if not value:
                continue
            _put(data, key, _number(value) if key in NUMBERS else value)
    return data


def _carried(answers: Answers) -> dict[str, Any]:
    raw = answers.get(CARRIED)
    if not raw or not isinstance(raw, str):
        return {}
    try:
        rest = json.loads(raw)
    except (ValueError, RecursionError):  # not what this form wrote: ignored, as a form field it does not know
        return {}
    return rest if isinstance(rest, dict) else {}


def _merge(data: dict[str, Any], rest: Mapping[str, Any]) -> None:
    for key, value in rest.items():
        if isinstance(value, Mapping) and isinstance(data.get(key), dict):
            _merge(data[key], value)
        else:
            data[key] = value


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
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: the live checks write one per keystroke
    text = yaml.dump(to_profile(answers), Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    return header + text


def load_answers(answers: Answers, folder: Path | None = None) -> tuple[Profile | None, list[Problem]]:
    """The profile of the answers, through the library's loader; or the problems, each with its key."""
    with tempfile.TemporaryDirectory(dir=folder) as work:
        path = Path(work) / "profile.yaml"
        path.write_text(profile_yaml(answers), encoding="utf-8")
        try:
            return load_profile(path, templates=settings_from_environment().templates), []
        except ProfileError as exc:
            return None, [replace(p, path=None, line=None) for p in exc.problems]


def from_profile(data: Mapping[str, Any]) -> Answers:
    """Answers from a profile's data (an uploaded YAML file); what no question asks is carried along."""
    answers: Answers = {}
    rest = copy.deepcopy(dict(data))
    plain: list[str] = []
    languages = list(data.get("state", {}).get("languages") or ["en"])
    answers["state.language"] = languages[0]
    answers["state.languages"] = languages
    for question in all_questions():
        value: Any = data
        for part in question.key.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        _drop(rest, question.key)
        if value is None or question.kind == "languages":
            continue
        if question.key in PER_LANGUAGE:
            if not isinstance(value, Mapping):
                plain.append(question.key)
            texts = value if isinstance(value, Mapping) else {languages[0]: value}
            for lang, text in texts.items():
                answers[f"{question.key}.{lang}"] = str(text)
        elif question.key in YES_NO:
            answers[question.key] = "yes" if value is True else "no"
        else:
            answers[question.key] = str(value)
    if rest.get("treaty") == TREATY:
        del rest["treaty"]
    rest = _pruned(rest)
    if rest:
        answers[CARRIED] = json.dumps(rest, ensure_ascii=False, default=str)
    if plain:
        answers[PLAIN] = " ".join(plain)
    return answers


def _drop(data: dict[str, Any], key: str) -> None:
    *parents, last = key.split(".")
    for part in parents:
        child = data.get(part)
        if not isinstance(child, dict):
            return
        data = child
    data.pop(last, None)


def _pruned(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without the mappings left empty."""
    out = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _pruned(value)
            if not value:
                continue
        out[key] = value
    return out


def defaults() -> Answers:
    """A new interview's answers: what most States answer, to be changed where not."""
    return {"signatory.office": "minister_for_foreign_affairs", "implementation.armed_forces": "yes"}


def prefill(code: str, answers: Answers | None = None) -> Answers:
    """What the toolkit knows of the State ``code``: its signature, its languages (they replace the ones
    ticked), its Mission's usual name in each language (where none is written yet)."""
    answers = {**defaults(), **(answers or {})}
    record = find_state(code)
    if record is None:
        return answers
    from ..maintain.skeleton import working_languages

    answers["state.code"] = record.iso2
    languages = working_languages(record.iso2)
    answers["state.language"] = languages[0]
    answers["state.languages"] = languages
    recorded = load_treaty(TREATY).recorded_signature(record.iso2)
    answers["signature.date"] = recorded.signed.isoformat() if recorded else ""
    for lang in document_languages():
        name = state_name(record, lang)
        if not answers.get(f"mission.name.{lang}"):
            answers[f"mission.name.{lang}"] = mission_name_of(name.short, name.formal, resolve_language(lang))
    return answers
