"""The house holds: a treaty is data + templates, a language is a record + a catalog — no Python change."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import docx
import icalendar
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from toolkit.build import BuildOptions, build_packet
from toolkit.lang.catalog import document_languages
from toolkit.lang.languages import DateStyle, LanguageSpec, register_language, unregister_language
from toolkit.maintain.catalogs import extract_messages
from toolkit.model.load import load_profile

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TREATIES = FIXTURES / "treaties"
TEMPLATES = FIXTURES / "treaty-templates"
ROOT = Path(__file__).resolve().parent.parent

MINI_PROFILE = """\
treaty: mini
state: {code: IS, languages: [en], legal_system: civil_law}
signature: {date: 2021-09-15}
signatory: {name: Anna Testdottir, office: minister_for_foreign_affairs}
instrument: {place: Reykjavik, date: 2027-01-10}
declarations: {provisional_application: true}
mission: {name: Permanent Mission of Iceland to the United Nations}
deposit: {planned: 2027-02-20}
implementation: {stockpiles: true}
"""


def text_of(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.fixture
def mini_profile(tmp_path: Path) -> Path:
    path = tmp_path / "iceland.yaml"
    path.write_text(MINI_PROFILE, encoding="utf-8")
    return path


def test_a_treaty_that_is_only_data_and_templates_builds_its_packet(mini_profile: Path, tmp_path: Path) -> None:
    options = BuildOptions(pdf=False, treaties=TREATIES, templates=TEMPLATES)
    result = build_packet(mini_profile, "en", tmp_path / "out", options)
    assert sorted(f.path for f in result.files) == ["calendar.ics", "checklist.docx", "instrument.docx"]

    instrument = text_of(tmp_path / "out" / "instrument.docx")
    assert "Protocol on Imaginary Weapons was adopted at Reykjavik on 10 March 2021" in instrument
    assert "signed on behalf of Iceland on 15 September 2021" in instrument
    assert "apply the Protocol provisionally" in instrument

    # Entry into force by this treaty's rule: the thirtieth day after the deposit (not the CCM's sixth month).
    deposit = date(2027, 2, 20)
    eif = deposit + timedelta(days=30)
    calendar = icalendar.Calendar.from_ical((tmp_path / "out" / "calendar.ics").read_bytes())
    events = {str(e.get("summary")): e.decoded("dtstart") for e in calendar.walk("VEVENT")}
    assert events["First report due (article 5)"] == eif + timedelta(days=90)
    assert events["Stockpiles destroyed (article 3)"] == date(eif.year + 4, eif.month, eif.day)
    assert not any("transparency" in title for title in events)  # nothing of the CCM's deadlines

    checklist = text_of(tmp_path / "out" / "checklist.docx")
    assert "act-fits-signature: Passed" in checklist
    assert "Convention, article 9" in checklist  # this treaty's article on acts, not the CCM's 16
    assert "article 11" in checklist  # its article on provisional application, not the CCM's 18
    assert "Hand the original to the depositary in person." in checklist


def test_the_fixture_treatys_own_rules_refuse_what_they_refuse(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(MINI_PROFILE.replace("signature: {date: 2021-09-15}", "signature: {date: 2021-05-01}"))
    with pytest.raises(Exception) as info:
        load_profile(wrong, TREATIES)
    assert "before the Protocol opened for signature" in str(info.value) and "Art. 8" in str(info.value)


def test_the_fixture_treaty_is_unknown_without_its_folder(mini_profile: Path) -> None:
    with pytest.raises(Exception) as info:
        load_profile(mini_profile)
    assert "'mini' is not a treaty the toolkit knows" in str(info.value)


@pytest.fixture
def eighth_language(tmp_path: Path):
    """German, added for the test: one record in the table, one catalog made from the template catalog,
    and the treaty's title and places in German in (a copy of) the treaty data."""
    spec = register_language(LanguageSpec("de", "German", "de", "de-DE", date=DateStyle(pattern="d. MMMM y")))
    treaties = tmp_path / "treaties"
    treaties.mkdir()
    ccm = (ROOT / "toolkit" / "model" / "treaties" / "ccm.yaml").read_text(encoding="utf-8")
    ccm = ccm.replace("titles:", "titles:\n  de: Übereinkommen über Streumunition", 1)
    ccm = ccm.replace("place: {en: Dublin,", "place: {de: Dublin, en: Dublin,").replace(
        "place: {en: Oslo,", "place: {de: Oslo, en: Oslo,"
    )
    (treaties / "ccm.yaml").write_text(ccm, encoding="utf-8")
    template = extract_messages()  # every msgid of the templates, the toolkit and the treaty data
    catalog = Catalog(locale="de")
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            catalog.add(message.id, tuple(f"[de] {m}" for m in message.id), flags=message.flags)
        else:
            catalog.add(message.id, f"[de] {message.id}", flags=message.flags, context=message.context)
    locales = tmp_path / "locales"
    path = locales / "de" / "LC_MESSAGES" / "documents.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)
    yield spec, locales, treaties
    unregister_language("de")


def test_an_eighth_language_is_one_record_and_a_catalog(eighth_language, tmp_path: Path) -> None:
    spec, locales, treaties = eighth_language
    assert "de" in document_languages(locales)
    profile = tmp_path / "kenya-de.yaml"
    text = (FIXTURES / "kenya.yaml").read_text(encoding="utf-8").replace("languages: [en]", "languages: [de, en]")
    text = text.replace(
        "    pt: Secretária", "    de: Kabinettssekretärin für auswärtige Angelegenheiten\n    pt: Secretária"
    )
    text = text.replace(
        "    pt: Ministério da Defesa", "    de: Verteidigungsministerium\n    pt: Ministério da Defesa"
    )
    profile.write_text(text, encoding="utf-8")
    result = build_packet(profile, None, tmp_path / "de", BuildOptions(pdf=False, locales=locales, treaties=treaties))
    assert result.lang == "de"
    instrument = docx.Document(str(tmp_path / "de" / "instrument.docx"))
    body = "\n".join(p.text for p in instrument.paragraphs)
    assert "[de] " in body  # the catalog's text
    assert "Übereinkommen über Streumunition" in body  # the title from the treaty data
    assert "30. Mai 2008" in body  # the record's date style, CLDR's German month
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert {el.get(f"{w}val") for el in instrument.element.iter(f"{w}lang")} == {"de-DE"}
    assert instrument.core_properties.language == "de-DE"
    # not a working language of the depositary: the packet carries the courtesy translation
    assert any(f.path == "instrument-translation.docx" for f in result.files)
