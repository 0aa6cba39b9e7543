"""The typed context: each group built from the profile and the treaty, laid out flat for the templates."""

from __future__ import annotations

from dataclasses import fields

import pytest
from conftest import ACCESSION, FULL_POWERS, KENYA, PROVISIONAL

from toolkit.documents.context import (
    CalendarValues,
    InstrumentValues,
    LanguageValues,
    StateValues,
    TreatyValues,
    build_context,
)
from toolkit.documents.legislation_values import LegislationValues
from toolkit.documents.registry import DOCUMENTS, plan_documents
from toolkit.lang.language import resolve_language
from toolkit.model.load import load_profile

EN = resolve_language("en")


def context_for(path, lang="en"):
    profile = load_profile(path)
    return build_context(profile, profile.treaty_data(), resolve_language(lang))


def test_every_field_of_every_group_is_a_template_value():
    values = context_for(KENYA).values()
    for group in (LanguageValues, TreatyValues, StateValues, InstrumentValues, CalendarValues, LegislationValues):
        missing = [f.name for f in fields(group) if f.name not in values]
        assert not missing, f"{group.__name__}: {missing}"
    assert {"checks", "refused", "document_titles"} <= set(values)


def test_kenya_in_english():
    context = context_for(KENYA)
    assert context.state.state_short == "Kenya"
    assert context.state.state_formal == "the Republic of Kenya"
    assert context.state.signature_date == "3 December 2008"
    assert context.treaty.treaty_title == "Convention on Cluster Munitions"
    assert context.treaty.adoption_date == "30 May 2008" and context.treaty.adoption_place == "Dublin"
    assert context.instrument.act == "ratification"
    assert context.instrument.act_instrument == "instrument of ratification"
    assert context.instrument.needs_full_powers is False
    assert context.calendar.deposit_planned and context.calendar.entry_into_force
    assert context.calendar.deadlines[0].date == context.calendar.entry_into_force
    assert context.lang_values.rtl is False and context.lang == "en"


def test_chinese_title_is_in_book_title_marks_and_arabic_is_right_to_left():
    assert context_for(KENYA, "zh").treaty.treaty_title == "《集束弹药公约》"
    arabic = context_for(KENYA, "ar")
    assert arabic.lang_values.rtl is True
    assert arabic.values()["rtl"] is True


def test_an_accession_has_no_signature_and_a_blank_date():
    context = context_for(ACCESSION)
    assert context.state.is_signatory is False and context.state.signature_date == ""
    assert context.instrument.act == "accession"
    assert context.instrument.instrument_date_given is False
    assert set(context.instrument.instrument_date) == {"_"}
    assert context.calendar.deadlines == []  # no deposit planned


def test_full_powers_name_the_grantor():
    context = context_for(FULL_POWERS)
    assert context.instrument.needs_full_powers is True
    assert context.instrument.grantor_name == "Mary Achieng"
    assert context.instrument.grantor_title == "Minister of Foreign Affairs"


def test_the_checks_are_part_of_the_context_with_their_labels():
    context = context_for(KENYA, "fr")
    rows = context.values()["checks"]
    assert [row["id"] for row in rows] == [c.id for c in context.checks]
    labels = {row["status"]: row["status_label"] for row in rows}
    french = resolve_language("fr")
    assert labels["passed"] == french.gettext("Passed") != "Passed"  # translated, not the code


def test_the_courtesy_translation_context_says_which_language_it_translates():
    spanish = resolve_language("es")
    translated = context_for(KENYA).as_courtesy_translation_of(spanish)
    assert translated.lang_values.courtesy_translation is True
    assert translated.lang_values.original_language == "Spanish"
    assert translated.values()["original_language"] == "Spanish"


# the papers around the instrument (issue 15): a common-law State approves by the Government's decision, a
# civil-law one by law, unless the profile says otherwise; every State files the Art. 7 report; a State whose
# forces serve with States not party notifies them (Art. 21(2))
REPORT = "art7-report"
DECIDED = ["approval-submission", "approval-decision"]
BY_LAW = ["approval-submission", "approval-memorandum", "approval-bill", REPORT]
ARMED = [REPORT, "note-verbale-art21"]
LATER = ["roadmap", *DECIDED, *ARMED]


@pytest.mark.parametrize(
    ("path", "lang", "expected"),
    [
        (KENYA, "en", ["instrument", "cover-note", "checklist", "legislation", "roadmap", *DECIDED, *ARMED]),
        (KENYA, "es", ["instrument", "instrument-translation", "cover-note", "checklist", "legislation", *LATER]),
        (KENYA, "fr", ["instrument", "cover-note", "checklist", "legislation", "roadmap", *DECIDED, *ARMED]),
        (FULL_POWERS, "en", ["instrument", "cover-note", "full-powers", "checklist", "roadmap", *DECIDED, REPORT]),
        (PROVISIONAL, "pt", ["instrument", "instrument-translation", "cover-note", "checklist", "roadmap", *BY_LAW]),
    ],
)
def test_the_registry_plans_the_documents_each_packet_needs(path, lang, expected):
    profile = load_profile(path)
    planned = plan_documents(profile, profile.treaty_data(), lang)
    wanted = [key for key in expected if key != "legislation" or profile.implementation.penalties]
    assert [p.key for p in planned] == wanted
    assert all(p.template.startswith("ccm/") for p in planned)
    legislation = [p for p in planned if p.key == "legislation"]
    if legislation:
        assert legislation[0].template == f"ccm/legislation/{profile.legislation_model.replace('_', '-')}.docx"


def test_every_registered_document_has_a_bundled_template():
    from toolkit.resources import TemplateSearchPath

    search = TemplateSearchPath()
    for spec in DOCUMENTS:
        assert search.find(f"ccm/{spec.template}").is_file()
