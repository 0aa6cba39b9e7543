"""Every document in each of the seven languages: titles, dates, direction, fonts, no English left."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import KENYA, PROVISIONAL, docx_text

from toolkit.build import build_packet
from toolkit.lang.language import resolve_language
from toolkit.model.treaty import load_treaty

LANGS = ["en", "fr", "es", "ar", "ru", "zh", "pt"]
TREATY = load_treaty("ccm")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def packets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for lang in LANGS:
        folder = tmp_path_factory.mktemp(lang) / "packet"
        build_packet(KENYA, lang, folder, pdf=False)
        out[lang] = folder
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_document_builds_and_the_instrument_names_the_treaty_in_that_language(
    packets: dict[str, Path], lang: str
) -> None:
    folder = packets[lang]
    names = {p.stem for p in folder.glob("*.docx")}
    assert {"instrument", "cover-note", "checklist", "roadmap", "legislation"} <= names
    assert ("instrument-translation" in names) == (lang not in ("en", "fr"))
    text = docx_text(folder / "instrument.docx")
    assert TREATY.title(lang) in text
    assert resolve_language(lang).long_date(TREATY.adoption.date) in text
    assert TREATY.adoption.place[lang] in text


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_no_english_sentence_is_left_in_a_translated_packet(packets: dict[str, Path], lang: str) -> None:
    english = {line for line in docx_text(packets["en"] / "instrument.docx").splitlines() if len(line) > 25}
    for doc in ["instrument", "cover-note", "checklist", "roadmap", "legislation"]:
        text = docx_text(packets[lang] / f"{doc}.docx")
        for marker in ["WHEREAS", "IN WITNESS", "presents its compliments", "Who acts", "Passed", "commits an offence"]:
            assert marker not in text, (lang, doc, marker)
        assert not english & set(text.splitlines()), (lang, doc)


def test_courtesy_translation_is_english_and_says_what_it_is(packets: dict[str, Path]) -> None:
    text = docx_text(packets["ar"] / "instrument-translation.docx")
    assert text.startswith("Courtesy translation into English. The instrument deposited is the original in Arabic")
    assert "INSTRUMENT OF RATIFICATION" in text and "Convention on Cluster Munitions" in text


def test_arabic_documents_are_right_to_left_throughout(packets: dict[str, Path]) -> None:
    for doc in ["instrument", "cover-note", "checklist", "roadmap", "legislation"]:
        with zipfile.ZipFile(packets["ar"] / f"{doc}.docx") as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.DOTALL)
        assert paragraphs and all("<w:bidi/>" in p for p in paragraphs), doc
        runs = re.findall(r"<w:r[ >].*?</w:r>", xml, flags=re.DOTALL)
        assert all("<w:rtl/>" in r and 'w:val="ar-SA"' in r for r in runs), doc
        assert xml.count("<w:tbl>") == xml.count("<w:bidiVisual/>") or "<w:tblPr>" not in xml


@pytest.mark.parametrize(
    ("lang", "tag"),
    [("fr", 'w:val="fr-FR"'), ("zh", 'w:eastAsia="zh-CN"'), ("ru", 'w:val="ru-RU"'), ("pt", 'w:val="pt-PT"')],
)
def test_every_run_carries_the_language_tag(packets: dict[str, Path], lang: str, tag: str) -> None:
    with zipfile.ZipFile(packets[lang] / "roadmap.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    runs = re.findall(r"<w:r[ >].*?</w:r>", xml, flags=re.DOTALL)
    assert runs and all(tag in r for r in runs)


def test_french_contracts_the_formal_name_after_de(tmp_path: Path) -> None:
    build_packet(PROVISIONAL, "fr", tmp_path / "br", pdf=False)
    text = docx_text(tmp_path / "br" / "instrument.docx")
    assert "de la République fédérative du Brésil" in text
    assert "de le " not in text and "à le " not in text


@pytest.mark.libreoffice
@pytest.mark.parametrize(("lang", "face"), [("ar", "Amiri"), ("zh", "NotoSerifCJK")])
def test_pdf_embeds_the_script_face(tmp_path: Path, lang: str, face: str) -> None:
    build_packet(KENYA, lang, tmp_path / lang)
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / lang / "instrument.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert face in fonts, fonts
    text = subprocess.run(
        ["pdftotext", str(tmp_path / lang / "instrument.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert TREATY.title(lang) in text.replace("\n", "")
