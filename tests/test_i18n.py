"""gettext plumbing: the DOCX extractor, catalogs, status, missing translations, dates per language."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner
from conftest import KENYA

from toolkit import build_packet
from toolkit.cli import main
from toolkit.errors import LocaleError
from toolkit.lang.catalog import check_language, translations
from toolkit.lang.extract import extract_docx
from toolkit.lang.grammar import with_preposition
from toolkit.lang.language import resolve_language
from toolkit.lang.languages import language_spec
from toolkit.maintain import catalogs as maintain

ENGLISH = resolve_language("en")

ROOT = Path(__file__).resolve().parent.parent


def test_extractor_reads_trans_blocks_of_a_docx_template() -> None:
    with (ROOT / "templates" / "ccm" / "instruments" / "instrument.docx").open("rb") as handle:
        messages = [m for _, _, m, _ in extract_docx(handle, ["_", "gettext", "ngettext"], [], {})]
    ids = [m[0] if isinstance(m, tuple) else m for m in messages]
    assert "INSTRUMENT OF RATIFICATION" in ids
    assert "IN WITNESS WHEREOF, I have signed this instrument at %(instrument_place)s on %(instrument_date)s." in ids


def test_extractor_joins_a_msgid_that_word_split_across_runs(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    for piece in ["{% trans %}Done at ", "{{ instrument_place }}", " today.{% endtrans %}"]:
        paragraph.add_run(piece)
    path = tmp_path / "split.docx"
    document.save(str(path))
    with path.open("rb") as handle:
        messages = [m for _, _, m, _ in extract_docx(handle, ["gettext"], [], {})]
    assert [m[0] if isinstance(m, tuple) else m for m in messages] == ["Done at %(instrument_place)s today."]


def test_pybabel_finds_docx_messages_through_the_entry_point(tmp_path: Path) -> None:
    pot = tmp_path / "x.pot"
    done = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-o", str(pot), "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:  # older babel has no module entry point: use the console script beside python
        done = subprocess.run(
            [str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel.cfg", "-o", str(pot), "."],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    assert done.returncode == 0, done.stderr
    text = pot.read_text(encoding="utf-8")
    assert 'msgid "INSTRUMENT OF ACCESSION"' in text and "templates/ccm/instruments/instrument.docx" in text


@pytest.mark.parametrize("domain", maintain.DOMAINS)
def test_committed_pot_is_up_to_date_with_the_templates(domain: str) -> None:
    fresh = maintain.extract_messages(domain=domain)
    committed = maintain.read_catalog(maintain.pot_path(domain=domain))
    assert {m.id for m in fresh if m.id} == {m.id for m in committed if m.id}, "run `ratkit i18n extract`"


def _copy_locales(tmp_path: Path) -> Path:
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales)
    return locales


def test_a_changed_english_msgid_makes_status_strict_fail(tmp_path: Path) -> None:
    locales = _copy_locales(tmp_path)
    french_path = locales / "fr" / "LC_MESSAGES" / "documents.po"
    french = read_po(french_path.open("rb"), locale="fr")
    french.get("INSTRUMENT OF ACCESSION").string = "INSTRUMENT D'ADHÉSION"
    with french_path.open("wb") as handle:
        write_po(handle, french)
    pot = maintain.read_catalog(maintain.pot_path(locales))
    message = pot.get("INSTRUMENT OF ACCESSION")
    pot.delete("INSTRUMENT OF ACCESSION")
    pot.add("INSTRUMENT OF ACCESSION TO THE CONVENTION", locations=message.locations)
    maintain.write_catalog(pot, maintain.pot_path(locales))
    maintain.update(locales, ["fr"])
    french = read_po(french_path.open("rb"))
    changed = french.get("INSTRUMENT OF ACCESSION TO THE CONVENTION")
    assert changed is not None and changed.fuzzy, "the changed English must become fuzzy, not silently reused"
    coverage = {c.lang: c for c in maintain.status(locales)}
    assert coverage["fr"].fuzzy >= 1 and coverage["fr"].percent < 100


def test_status_command_strict_exit_code() -> None:
    result = CliRunner().invoke(main, ["i18n", "status", "--strict"])
    coverages = [c for domain in maintain.DOMAINS for c in maintain.status(domain=domain)]
    complete = all(c.percent == 100 for c in coverages)
    assert result.exit_code == (0 if complete else 1), result.output
    assert "documents:" in result.output and "interface:" in result.output and "coverage" in result.output


def test_a_missing_translation_stops_the_build(tmp_path: Path) -> None:
    """A catalog given with --locales comes first; a message it leaves untranslated stops the build, naming it."""
    locales = _copy_locales(tmp_path)
    path = locales / "fr" / "LC_MESSAGES" / "documents.po"
    catalog = read_po(path.open("rb"), locale="fr")
    catalog.get(
        "IN WITNESS WHEREOF, I have signed this instrument at %(instrument_place)s on %(instrument_date)s."
    ).string = ""
    with path.open("wb") as handle:
        write_po(handle, catalog)
    with pytest.raises(LocaleError, match="no French translation") as info:
        build_packet(KENYA, "fr", tmp_path / "out", pdf=False, locales=locales)
    assert str(path) in str(info.value) and "IN WITNESS WHEREOF" in str(info.value)
    assert not (tmp_path / "out").exists()
    build_packet(KENYA, "fr", tmp_path / "bundled", pdf=False)  # the bundled catalog is untouched


def test_an_unsupported_language_lists_the_supported_ones() -> None:
    with pytest.raises(LocaleError) as info:
        check_language("de")
    message = str(info.value)
    assert "'de' is not a language the toolkit supports" in message
    for code in ["en", "fr", "es", "ar", "ru", "zh", "pt"]:
        assert f"{code} (" in message


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "1 August 2010"),
        ("fr", "1er août 2010"),
        ("es", "1 de agosto de 2010"),
        ("ru", "1\u00a0августа\u00a02010\u00a0года"),  # no-break spaces: the date is never split
        ("zh", "2010年8月1日"),
        ("ar", "1\u00a0آب/أغسطس\u00a02010"),
        ("pt", "1 de agosto de 2010"),
    ],
)
def test_long_dates_follow_un_style_in_each_language(lang: str, expected: str) -> None:
    assert resolve_language(lang).long_date(date(2010, 8, 1)) == expected
    assert resolve_language("fr").long_date(date(2008, 5, 30)) == "30 mai 2008"


@pytest.mark.parametrize(
    ("formal", "lang", "of", "to"),
    [
        ("le Royaume du Maroc", "fr", "du Royaume du Maroc", "au Royaume du Maroc"),
        ("la République d'Haïti", "fr", "de la République d'Haïti", "à la République d'Haïti"),
        ("les Îles Salomon", "fr", "des Îles Salomon", "aux Îles Salomon"),
        ("el Reino de Marruecos", "es", "del Reino de Marruecos", "al Reino de Marruecos"),
        ("a República de Angola", "pt", "da República de Angola", "à República de Angola"),
        ("Республика Кения", "ru", "Республика Кения", "Республика Кения"),
    ],
)
def test_formal_names_contract_after_prepositions(formal: str, lang: str, of: str, to: str) -> None:
    assert with_preposition(formal, language_spec(lang), "of") == of
    assert with_preposition(formal, language_spec(lang), "to") == to


def test_a_trans_block_split_across_runs_renders_as_plain_text(tmp_path: Path) -> None:
    from toolkit.documents.render import DocumentMetadata, render_docx

    document = docx.Document()
    paragraph = document.add_paragraph()
    for piece in ["{% trans %}Done at ", "{{ place }}", " today & for ever.{% endtrans %}"]:
        paragraph.add_run(piece).bold = piece.startswith("{{")
    path = tmp_path / "split.docx"
    document.save(str(path))
    data = render_docx(path, {"place": "Nairobi <b>"}, ENGLISH, DocumentMetadata("t", "s", "a", "en-GB"))
    (tmp_path / "out.docx").write_bytes(data)
    assert [p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs] == [
        "Done at Nairobi <b> today & for ever."
    ]


def test_a_message_one_render_missed_does_not_refuse_the_next_build_in_the_same_process(tmp_path: Path) -> None:
    """A kit worker or a web app builds many packets in one process: each build counts only its own misses."""
    french = translations("fr")
    with french.tracking() as missed:
        french.gettext("A sentence no catalog has.")
    assert missed == {"A sentence no catalog has."}
    result = build_packet(KENYA, "fr", tmp_path / "fr", pdf=False)
    assert (result.folder / "instrument.docx").is_file()


def test_the_committed_catalog_templates_are_what_extract_writes_now(tmp_path: Path) -> None:
    """A coordinator's `i18n extract` and `update` then change only what they changed (no stale references)."""
    from toolkit.maintain.catalogs import DOMAINS, extract
    from toolkit.resources import locales_dir

    for domain in DOMAINS:
        path, _count = extract(tmp_path, domain=domain)
        committed = (locales_dir() / path.name).read_text(encoding="utf-8")
        assert path.read_text(encoding="utf-8") == committed, f"run `ratkit i18n extract` and `update`: {path.name}"
