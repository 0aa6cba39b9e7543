"""toolkit.model.treaty: the CCM's facts as data (DOMAIN.md §2.1, §2.2, §4)."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit.errors import TreatyError
from toolkit.model.treaty import available_treaties, load_treaty

CCM = load_treaty("ccm")

# DOMAIN.md §2.1, exactly
TITLES = {
    "en": "Convention on Cluster Munitions",
    "fr": "Convention sur les armes à sous-munitions",
    "es": "Convención sobre Municiones en Racimo",
    "ru": "Конвенция по кассетным боеприпасам",
    "zh": "集束弹药公约",
    "ar": "اتفاقية الذخائر العنقودية",
}


@pytest.mark.parametrize(("lang", "title"), sorted(TITLES.items()))
def test_titles_in_the_six_authentic_languages(lang, title):
    assert CCM.title(lang) == title
    assert CCM.title_is_authentic(lang)


def test_authentic_languages_are_the_six_un_languages():
    assert sorted(CCM.authentic_languages) == sorted(TITLES)


def test_portuguese_title_is_not_authentic():
    assert CCM.title("pt") == "Convenção sobre Munições de Dispersão"
    assert not CCM.title_is_authentic("pt")


def test_adoption_and_signature():
    assert CCM.adoption.date == date(2008, 5, 30)
    assert CCM.adoption.place["en"] == "Dublin"
    assert CCM.opened_for_signature.date == date(2008, 12, 3)
    assert CCM.opened_for_signature.place["en"] == "Oslo"
    assert CCM.opened_for_signature.closed == date(2010, 8, 1)


def test_rules():
    assert CCM.depositary.article == 22
    assert CCM.acts.article == 16
    assert CCM.acts.signatory == ["ratification", "acceptance", "approval"]
    assert CCM.acts.non_signatory == ["accession"]
    assert CCM.reservations.allowed is False
    assert CCM.reservations.article == 19
    assert CCM.declarations.provisional_application.article == 18
    assert CCM.declarations.provisional_application.applies == [1]
    rule = CCM.entry_into_force
    assert (rule.article, rule.general, rule.threshold, rule.threshold_reached, rule.months_after_deposit) == (
        17,
        date(2010, 8, 1),
        30,
        date(2010, 2, 16),
        6,
    )
    assert CCM.deadlines["initial_report"].days_after_entry_into_force == 180
    assert CCM.untc_reference == "MTDSG Chapter XXVI-6"


def test_twelve_signatories_that_have_not_ratified():
    # DOMAIN.md §4.2
    codes = {s.code for s in CCM.signatories_not_ratified}
    assert codes == {"AO", "CF", "CY", "CD", "DJ", "HT", "ID", "JM", "KE", "LR", "UG", "TZ"}


def test_recorded_signature():
    kenya = CCM.recorded_signature("KE")
    assert kenya is not None
    assert kenya.signed == date(2008, 12, 3)
    assert kenya.general_knowledge is True  # GK in the dossier: the checklist must say so
    cyprus = CCM.recorded_signature("CY")
    assert cyprus.signed == date(2009, 9, 23)
    assert cyprus.general_knowledge is False
    assert CCM.recorded_signature("NG") is None  # a party, no longer a mere signatory


def test_recorded_party_and_withdrawal():
    nigeria = CCM.recorded_party("NG")
    assert (nigeria.act, nigeria.deposited, nigeria.entry_into_force) == (
        "ratification",
        date(2023, 2, 28),
        date(2023, 8, 1),
    )
    assert CCM.recorded_party("SS").act == "accession"
    assert CCM.recorded_party("KE") is None
    assert CCM.recorded_withdrawal("LT").effective == date(2025, 3, 6)
    assert CCM.recorded_withdrawal("NG") is None


def test_available_treaties_and_unknown_treaty():
    assert "ccm" in available_treaties()
    with pytest.raises(TreatyError) as info:
        load_treaty("no-such-treaty")
    assert info.value.first.key == "treaty"
    assert "unknown treaty 'no-such-treaty'" in str(info.value)
