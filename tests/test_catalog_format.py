"""Catalogs pass the standard gettext check, and the grammatical roles have a value in every language.

A translation uses exactly the placeholders of its English text (``msgfmt --check-format``, which
Poedit and Weblate run too); where a language needs another form of a name, the English uses a
role (``state_of``, ``state_for``…) whose value is computed per language in toolkit/lang/grammar.py.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from toolkit import build_packet
from toolkit.documents.context import treaty_values_for
from toolkit.lang.grammar import ROLES, STATE_ROLES, name_forms, state_roles
from toolkit.lang.language import resolve_language
from toolkit.lang.languages import language_spec
from toolkit.model.names import find_state, state_name
from toolkit.model.treaty import load_treaty

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = sorted((ROOT / "locales").glob("*/LC_MESSAGES/documents.po"))
LANGUAGES = ("en", "fr", "es", "pt", "ru", "zh", "ar")
STATES = ("KE", "MA", "TH", "JM")


def test_there_is_a_catalog_for_every_language_but_english() -> None:
    assert sorted(path.parent.parent.name for path in CATALOGS) == sorted(set(LANGUAGES) - {"en"})


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.parent.parent.name)
def test_msgfmt_check_format_passes(path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt is missing: install Debian's gettext package (scripts/setup.sh does)"
    done = subprocess.run([msgfmt, "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _roles(code: str, lang: str) -> dict[str, str]:
    """Every role's value for the State ``code`` in ``lang``, as the typed context computes it."""
    record = find_state(code)
    assert record is not None
    name = state_name(record, lang)
    language = resolve_language(lang)
    treaty = treaty_values_for(load_treaty("ccm"), language)
    places = {role: getattr(treaty, role) for role in ("treaty_title_gen", "adoption_place_at", "opening_place_at")}
    return {**state_roles(name.formal, language.spec), **places}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", STATES)
def test_every_role_has_a_value_in_every_language(code: str, lang: str) -> None:
    roles = _roles(code, lang)
    assert set(ROLES) <= set(roles)
    assert all(roles[role].strip() for role in ROLES), roles
    record = find_state(code)
    assert record is not None
    name = state_name(record, lang)
    forms = name_forms(name.short, name.formal, language_spec(lang))  # what messages formatted in Python get
    assert {role: forms[role] for role in STATE_ROLES} == {role: roles[role] for role in STATE_ROLES}


@pytest.mark.parametrize(
    ("code", "lang", "role", "expected"),
    [
        ("KE", "en", "state_of", "of the Republic of Kenya"),
        ("JM", "en", "state_of", "of Jamaica"),
        ("MA", "en", "state_of_li", "of the Kingdom of Morocco"),
        ("KE", "en", "state_for", "the Republic of Kenya"),
        ("MA", "fr", "state_of", "du Royaume du Maroc"),
        ("KE", "fr", "state_of", "de la République du Kenya"),
        ("TH", "fr", "state_of", "du Royaume de Thaïlande"),
        ("JM", "fr", "state_of", "de la Jamaïque"),
        ("MA", "fr", "state_for", "le Royaume du Maroc"),
        ("MA", "es", "state_of", "del Reino de Marruecos"),
        ("KE", "es", "state_of", "de la República de Kenya"),
        ("MA", "ru", "state_of", "Королевства Марокко"),
        ("KE", "ru", "state_of", "Республики Кения"),
        ("TH", "ru", "state_of", "Королевства Таиланд"),
        ("JM", "ru", "state_of", "Ямайки"),
        ("MA", "ru", "state_for", "Королевства Марокко"),
        ("MA", "zh", "state_of", "摩洛哥王国"),
        ("MA", "ar", "state_of", "المملكة المغربية"),
        ("MA", "ar", "state_of_li", "للمملكة المغربية"),
        ("KE", "ar", "state_of_li", "لجمهورية كينيا"),
        ("TH", "ar", "state_of_li", "لمملكة تايلند"),
        ("JM", "ar", "state_of_li", "لجامايكا"),
        ("KE", "ru", "treaty_title_gen", "Конвенции по кассетным боеприпасам"),
        ("KE", "zh", "treaty_title_gen", "《集束弹药公约》"),
        ("KE", "fr", "treaty_title_gen", "Convention sur les armes à sous-munitions"),
        ("KE", "en", "adoption_place_at", "at Dublin"),
        ("KE", "fr", "adoption_place_at", "à Dublin"),
        ("KE", "es", "adoption_place_at", "en Dublín"),
        ("KE", "pt", "adoption_place_at", "em Dublin"),
        ("KE", "ru", "adoption_place_at", "в Дублине"),
        ("KE", "ru", "opening_place_at", "в Осло"),
        ("KE", "zh", "adoption_place_at", "在都柏林"),
        ("KE", "ar", "adoption_place_at", "في دبلن"),
    ],
)
def test_role_values_with_un_names(code: str, lang: str, role: str, expected: str) -> None:
    assert _roles(code, lang)[role] == expected


def test_portuguese_contracts_a_formal_name_given_with_its_article() -> None:
    assert name_forms("Marrocos", "o Reino de Marrocos", language_spec("pt"))["state_of"] == "do Reino de Marrocos"
    assert name_forms("Angola", "a República de Angola", language_spec("pt"))["state_of"] == "da República de Angola"


def _paragraphs(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "declare that the Government of the Kingdom of Morocco, having considered"),
        ("fr", "déclare que le Gouvernement du Royaume du Maroc, après avoir examiné"),
        ("es", "declaro que el Gobierno del Reino de Marruecos, habiendo examinado"),
        ("ru", "заявляю, что Правительство Королевства Марокко, рассмотрев"),
        ("zh", "宣布摩洛哥王国政府经审议"),
        ("ar", "أعلن أن حكومة المملكة المغربية، وقد نظرت"),
    ],
)
def test_the_instrument_names_the_government_in_the_form_of_each_language(
    tmp_path: Path, lang: str, expected: str
) -> None:
    build_packet(ROOT / "examples" / "profiles" / "morocco.yaml", lang, tmp_path / lang, pdf=False)
    text = _paragraphs(tmp_path / lang / "instrument.docx")
    assert expected in text
    for wrong in ("de le ", "à le ", "de el ", "в городе в ", "of of "):
        assert wrong not in text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "The Permanent Mission of the Republic of Kenya to the United Nations presents its compliments"),
        ("fr", "conformément au paragraphe 3 de l'article 16 de la Convention sur les armes à sous-munitions"),
        ("ru", "в соответствии с пунктом 3 статьи 16 Конвенции по кассетным боеприпасам"),
        ("ru", "Конвенция была принята в Дублине 30\u00a0мая\u00a02008\u00a0года."),
        ("zh", "《公约》于2008年5月30日在都柏林通过。"),
        ("ar", "تهدي البعثة الدائمة لجمهورية كينيا لدى الأمم المتحدة تحياتها"),
    ],
)
def test_the_cover_note_reads_right(tmp_path: Path, lang: str, expected: str) -> None:
    build_packet(ROOT / "tests" / "fixtures" / "kenya.yaml", lang, tmp_path / lang, pdf=False)
    assert expected in _paragraphs(tmp_path / lang / "cover-note.docx")
