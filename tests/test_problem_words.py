"""What is wrong with an answer reaches the officer in the interview's language, under the question's label."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from toolkit.serve.answers import load_answers, prefill
from toolkit.serve.interface import interface_languages, interface_translations
from toolkit.serve.problem_words import _sentences, shown_problems

ROOT = Path(__file__).resolve().parents[1]


def _kinds_raised() -> set[str]:
    """Every kind the library gives a problem: ``invalid("kind", …)`` and the cross-checks' ``Finding``."""
    kinds = set()
    for path in (ROOT / "toolkit" / "model").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id == "invalid" and isinstance(node.args[0], ast.Constant):
                kinds.add(node.args[0].value)
            if node.func.id == "Finding" and len(node.args) >= 4 and isinstance(node.args[3], ast.Constant):
                kinds.add(node.args[3].value)
    return kinds


def test_every_kind_of_problem_the_library_raises_has_a_sentence() -> None:
    kinds = _kinds_raised()
    assert {"text_too_long", "date_range", "signed_cannot_accede", "deposit_before_instrument"} <= kinds
    assert kinds - set(_sentences(lambda s: s)) == set()


def _kenya(**changes: str) -> dict[str, object]:
    answers = prefill("KE")
    answers.update(
        {
            "state.legal_system": "common_law",
            "signatory.name.en": "Amina Mohamed",
            "instrument.place.en": "Nairobi",
            "instrument.date": "2025-03-01",
        }
    )
    answers.update(changes)
    return answers


LANGS = [lang for lang in interface_languages() if lang != "en"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_missing_answer_is_said_in_the_page_language_under_its_question(lang: str, tmp_path: Path) -> None:
    translations = interface_translations(lang)
    _profile, problems = load_answers(_kenya(**{"signatory.name.en": ""}), tmp_path)
    shown = {p.field: p for p in shown_problems(problems, lang, translations.gettext)}
    needed = shown["signatory.name"]
    assert needed.message == translations.gettext("This answer is needed.") != "This answer is needed."
    assert not needed.english and needed.label == translations.gettext("Full name of the person who signs")


@pytest.mark.parametrize("lang", LANGS)
def test_a_date_before_the_signature_is_said_with_both_dates_written_out(lang: str, tmp_path: Path) -> None:
    translations = interface_translations(lang)
    _profile, problems = load_answers(_kenya(**{"deposit.planned": "2004-01-05"}), tmp_path)
    shown = [p for p in shown_problems(problems, lang, translations.gettext) if p.field == "deposit.planned"]
    deposit = shown[0]  # before the Convention was open for signature (3 December 2008)
    assert not deposit.english and "2004" in deposit.message and "2008" in deposit.message, deposit
    assert "2004-01-05" not in deposit.message  # written out the way the language writes dates
    assert deposit.label == translations.gettext("Planned date of deposit")


def test_a_problem_without_a_sentence_is_shown_in_english_and_marked(tmp_path: Path) -> None:
    from toolkit.errors import Problem

    shown = shown_problems([Problem("something new", key="mission.name", kind="brand_new")], "fr", lambda s: s)
    assert shown[0].english and shown[0].message == "something new" and shown[0].key == "mission.name"
