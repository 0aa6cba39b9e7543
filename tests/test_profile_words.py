"""The profile's words in the packet's language: titles never swapped, gender, the courtesy translation, places."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FULL_POWERS, KENYA, docx_text

from toolkit.build import build_packet
from toolkit.cli import main

KENYA_TEXT = KENYA.read_text(encoding="utf-8")


def with_title(title_yaml: str) -> str:
    start, end = KENYA_TEXT.index("  title:"), KENYA_TEXT.index("  office:")
    return KENYA_TEXT[:start] + title_yaml + KENYA_TEXT[end:]


def test_a_title_without_text_in_the_language_fails_check_naming_the_field_and_the_fix(write_profile) -> None:
    path = write_profile(with_title("  title: Cabinet Secretary for Foreign Affairs\n"))
    result = CliRunner().invoke(main, ["check", str(path), "--lang", "fr"])
    assert result.exit_code == 1, result.output
    assert "signatory.title" in result.output and "title: {fr: …}" in result.output
    fixed = write_profile(
        with_title(
            "  title: {en: Cabinet Secretary for Foreign Affairs, fr: Secrétaire du Cabinet chargée des affaires"
            " étrangères}\n"
        ),
        name="fixed.yaml",
    )
    assert CliRunner().invoke(main, ["check", str(fixed), "--lang", "fr"]).exit_code == 0


def test_a_given_title_is_never_replaced_by_the_office(write_profile, tmp_path: Path) -> None:
    path = write_profile(with_title("  title: {en: Cabinet Secretary, es: Secretaria del Gabinete}\n"))
    build_packet(path, "es", tmp_path / "es", pdf=False)
    text = docx_text(tmp_path / "es" / "instrument.docx")
    assert "Secretaria del Gabinete" in text and "Ministr" not in text


@pytest.mark.parametrize(
    ("lang", "female"),
    [
        ("es", "Ministra de Relaciones Exteriores"),
        ("ar", "وزيرة الخارجية"),
        ("pt", "Ministra dos Negócios Estrangeiros"),
    ],
)
def test_a_woman_minister_reads_in_the_feminine(write_profile, tmp_path: Path, lang: str, female: str) -> None:
    start, end = KENYA_TEXT.index("  gender:"), KENYA_TEXT.index("  office:")
    path = write_profile(KENYA_TEXT[:start] + "  gender: female\n" + KENYA_TEXT[end:])  # no title: the office's
    build_packet(path, lang, tmp_path / lang, pdf=False)
    assert female in docx_text(tmp_path / lang / "instrument.docx")


def test_the_courtesy_translation_says_what_the_original_says(tmp_path: Path) -> None:
    build_packet(FULL_POWERS, "es", tmp_path / "es", pdf=False)
    original = docx_text(tmp_path / "es" / "instrument.docx")
    translation = docx_text(tmp_path / "es" / "instrument-translation.docx")
    assert "John Okello" in original and "John Okello" in translation
    assert "Embajador y Representante Permanente" in original
    assert "Ambassador and Permanent Representative" in translation  # the same title, in English
    assert "Kampala" in original and "Kampala" in translation
    assert "la República de Uganda" in original and "the Republic of Uganda" in translation


def test_a_place_the_toolkit_knows_is_written_in_the_language(tmp_path: Path) -> None:
    build_packet(KENYA, "ru", tmp_path / "ru", pdf=False)
    text = docx_text(tmp_path / "ru" / "instrument.docx")
    assert "Найроби" in text and "Nairobi" not in text
    build_packet(KENYA, "zh", tmp_path / "zh", pdf=False)
    assert "内罗毕" in docx_text(tmp_path / "zh" / "instrument.docx")


@pytest.mark.parametrize(
    ("example", "expected"), [("jamaica", "Governo da Jamaica"), ("thailand", "do Reino da Tailândia")]
)
def test_portuguese_names_take_their_article(tmp_path: Path, example: str, expected: str) -> None:
    profile = Path(__file__).resolve().parent.parent / "examples" / "profiles" / f"{example}.yaml"
    build_packet(profile, "pt", tmp_path / "pt", pdf=False, draft=True)
    assert expected in docx_text(tmp_path / "pt" / "instrument.docx")


def test_arabic_section_headings_name_the_article_the_references_cite(tmp_path: Path) -> None:
    build_packet(KENYA, "ar", tmp_path / "ar", pdf=False)
    paragraphs = docx_text(tmp_path / "ar" / "legislation.docx").splitlines()
    assert "المادة 1. العنوان المختصر وبدء النفاذ" in paragraphs
    assert not any(line.startswith("1. ") for line in paragraphs)


def test_french_amounts_name_the_dong_as_the_un_does() -> None:
    from toolkit.lang.language import resolve_language

    assert resolve_language("fr").amount(1000000, "VND") == "1\u202f000\u202f000 dongs vietnamiens"
