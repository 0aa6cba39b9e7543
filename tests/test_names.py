"""toolkit.model.names: UN formal names (UNTERM table), alpha-3 lookup, CLDR fallback."""

from __future__ import annotations

import pytest

from toolkit.model.names import UN_LANGUAGES, find_state, state_name, suggest_codes


def test_tanzania_formal_name():
    record = find_state("TZ")
    assert record is not None
    name = state_name(record, "en")
    assert name.short == "United Republic of Tanzania"
    assert name.formal == "the United Republic of Tanzania"
    assert name.formal_capitalized == "The United Republic of Tanzania"
    assert name.source == "UNTERM"


@pytest.mark.parametrize(
    ("lang", "short", "formal"),
    [
        ("en", "Bolivia (Plurinational State of)", "the Plurinational State of Bolivia"),
        ("fr", "Bolivie (État plurinational de)", "l'État plurinational de Bolivie"),
        ("es", "Bolivia (Estado Plurinacional de)", "el Estado Plurinacional de Bolivia"),
        ("ru", "Боливия (Многонациональное Государство)", "Многонациональное Государство Боливия"),
        ("zh", "多民族玻利维亚国", "多民族玻利维亚国"),
        ("ar", "بوليفيا (دولة - المتعددة القوميات)", "دولة بوليفيا المتعددة القوميات"),
    ],
)
def test_bolivia_in_the_six_un_languages(lang, short, formal):
    name = state_name(find_state("BO"), lang)
    assert (name.short, name.formal, name.source) == (short, formal, "UNTERM")


@pytest.mark.parametrize(
    ("code", "iso2"),
    [("TZA", "TZ"), ("BOL", "BO"), ("KEN", "KE"), ("ken", "KE"), (" ke ", "KE"), ("NOR", "NO"), ("NO", "NO")],
)
def test_alpha2_and_alpha3_lookup(code, iso2):
    record = find_state(code)
    assert record is not None
    assert record.iso2 == iso2


def test_alpha3_and_alpha2_give_the_same_record():
    assert find_state("TZA") == find_state("TZ")
    assert find_state("TZA").iso3 == "TZA"
    assert find_state("TZA").m49 == "834"


@pytest.mark.parametrize("code", ["XX", "ZZZ", "", "K", "KENYA"])
def test_unknown_codes(code):
    assert find_state(code) is None


@pytest.mark.parametrize(
    ("code", "short", "formal"),
    [
        ("KE", "Quénia", "a República do Quénia"),  # European Portuguese, not the Brazilian Quênia
        ("PT", "Portugal", "a República Portuguesa"),
        ("JM", "Jamaica", "a Jamaica"),
        ("TH", "Tailândia", "o Reino da Tailândia"),
        ("VN", "Vietname", "a República Socialista do Vietname"),
    ],
)
def test_portuguese_names_come_from_their_own_table_with_their_article(code, short, formal):
    assert "pt" not in UN_LANGUAGES
    name = state_name(find_state(code), "pt")
    assert name.source == "PT table"
    assert (name.short, name.formal) == (short, formal)


def test_every_state_has_a_portuguese_name():
    from toolkit.model.names import _portuguese, _table

    assert {record.iso2 for record in _table().values()} == set(_portuguese())


def test_kenya_in_french_and_russian():
    assert state_name(find_state("KE"), "fr").formal == "la République du Kenya"
    assert state_name(find_state("KE"), "ru").formal == "Республика Кения"


def test_suggestions_by_name_and_by_code():
    assert suggest_codes("Kenia") == ["KE (Kenya)"]
    assert "KE (Kenya)" in suggest_codes("KEY")
    assert suggest_codes("XX") == []
