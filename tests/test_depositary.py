"""The depositary checks (toolkit.rules): what the Secretary-General checks, passed, failed or by hand."""

from __future__ import annotations

import pytest
from conftest import ACCESSION, FULL_POWERS, KENYA, PROVISIONAL

from toolkit.lang.language import resolve_language
from toolkit.model.load import load_profile
from toolkit.model.resolve import resolve_text
from toolkit.model.treaty import load_treaty
from toolkit.rules.check import CheckInput
from toolkit.rules.depositary import run_checks

TREATY = load_treaty("ccm")

CHECK_IDS = [
    "signatory-authority",
    "act-fits-signature",
    "signature-record",
    "not-already-party",
    "treaty-identified",
    "intent-to-be-bound",
    "no-reservations",
    "declarations-admitted",
    "language",
    "place-and-date",
    "signed-by-hand",
    "original-delivered",
    "text-language",
    "home-procedures",
]

ACCESSION_STATE = """\
state: {{code: {code}, languages: [en], legal_system: common_law}}
{signature}
signatory: {{name: Jane Doe, office: minister_for_foreign_affairs}}
instrument: {{place: Capital, date: 2027-01-15}}
mission: {{name: Permanent Mission, city: New York}}
"""


def inputs(profile, lang="en"):
    language = resolve_language(lang)
    return CheckInput(profile, TREATY, language, resolve_text(profile, language, ["en", "fr"]))


def checks_for(path, lang="en"):
    return {c.id: c for c in run_checks(inputs(load_profile(path), lang))}


def state_profile(write_profile, code, signed=None):
    signature = f"signature: {{date: {signed}}}" if signed else ""
    return write_profile(ACCESSION_STATE.format(code=code, signature=signature))


@pytest.mark.parametrize("path", [KENYA, ACCESSION, FULL_POWERS, PROVISIONAL], ids=lambda p: p.stem)
def test_every_check_appears_in_order(path):
    profile = load_profile(path)
    checks = run_checks(inputs(profile))
    assert [c.id for c in checks] == CHECK_IDS
    assert all(c.rule and c.source and c.detail for c in checks)
    assert not any(c.refuses for c in checks)


def test_kenya_checks():
    checks = checks_for(KENYA)
    assert checks["signatory-authority"].status == "passed"
    assert "Minister for Foreign Affairs" in checks["signatory-authority"].detail
    # Kenya's signature date is general knowledge only: to be confirmed by hand, not blocking
    assert checks["signature-record"].status == "manual"
    assert checks["signature-record"].blocking is False
    assert checks["act-fits-signature"].status == "passed"
    assert "3 December 2008" in checks["act-fits-signature"].detail
    assert "ratification" in checks["act-fits-signature"].detail
    assert checks["place-and-date"].status == "passed"
    assert checks["place-and-date"].detail == "Signed on 15 January 2027."
    assert checks["treaty-identified"].detail.startswith(
        "Convention on Cluster Munitions, adopted at Dublin on 30 May 2008"
    )
    assert checks["signed-by-hand"].status == "manual"
    assert "treaty@un.org" in checks["original-delivered"].fix


def test_signatory_whose_profile_says_it_never_signed_is_refused(write_profile):
    checks = checks_for(state_profile(write_profile, "KE"))
    check = checks["signature-record"]
    assert check.status == "failed"
    assert check.refuses
    assert "records a signature by this State on 3 December 2008" in check.detail
    assert check.fix.startswith("Give signature.date: 2008-12-03")


def test_wrong_signature_date_is_refused(write_profile):
    checks = checks_for(state_profile(write_profile, "CY", "2009-10-15"))
    check = checks["signature-record"]
    assert check.status == "failed"
    assert check.refuses
    assert check.detail == ("The profile says the State signed on 15 October 2009; the record says 23 September 2009.")


def test_an_unconfirmed_record_does_not_overrule_the_profile(write_profile):
    check = checks_for(state_profile(write_profile, "KE", "2009-01-15"))["signature-record"]
    assert check.status == "manual" and not check.refuses
    assert check.fix == "Confirm the date in the UN Treaty Collection."


def test_recorded_signature_confirmed_by_a_source_passes(write_profile):
    checks = checks_for(state_profile(write_profile, "CY", "2009-09-23"))
    assert checks["signature-record"].status == "passed"
    assert checks["signature-record"].detail == "Signed on 23 September 2009, as recorded."


def test_signature_the_data_cannot_confirm_is_manual(write_profile):
    checks = checks_for(state_profile(write_profile, "BR", "2009-01-15"))
    assert checks["signature-record"].status == "manual"
    assert not checks["signature-record"].refuses


@pytest.mark.parametrize(
    ("code", "act", "deposited"), [("NG", "ratification", "28 February 2023"), ("SS", "accession", "3 August 2023")]
)
def test_known_party_is_refused(write_profile, code, act, deposited):
    check = checks_for(state_profile(write_profile, code))["not-already-party"]
    assert check.status == "failed"
    assert check.refuses
    assert check.detail == f"The State deposited its instrument of {act} on {deposited}."


def test_withdrawn_state_is_manual(write_profile):
    check = checks_for(state_profile(write_profile, "LT"))["not-already-party"]
    assert check.status == "manual"
    assert not check.refuses
    assert "6 March 2025" in check.detail


def test_undated_full_powers_are_required_by_hand_not_passed():
    check = checks_for(FULL_POWERS)["signatory-authority"]
    assert check.status == "manual" and check.blocking
    assert "under full powers from Mary Achieng (Minister for Foreign Affairs)" in check.detail
    assert "not yet signed or dated" in check.detail
    assert check.field == "signatory.full_powers_from.date"


def test_full_powers_dated_before_the_instrument_pass(write_profile):
    text = FULL_POWERS.read_text(encoding="utf-8")
    dated = text.replace(
        "    office: minister_for_foreign_affairs\n", "    office: minister_for_foreign_affairs\n    date: 2027-02-20\n"
    )
    assert dated != text
    check = checks_for(write_profile(dated))["signatory-authority"]
    assert check.status == "passed"
    assert "dated 20 February 2027, no later than the instrument" in check.detail


def test_full_powers_dated_after_the_instrument_are_refused(write_profile):
    text = FULL_POWERS.read_text(encoding="utf-8")
    late = text.replace(
        "    office: minister_for_foreign_affairs\n", "    office: minister_for_foreign_affairs\n    date: 2027-03-02\n"
    )
    check = checks_for(write_profile(late))["signatory-authority"]
    assert check.status == "failed" and check.refuses
    assert "dated 2 March 2027, after the instrument (1 March 2027)" in check.detail


def test_the_grounds_on_which_the_depositary_refuses_are_blocking():
    checks = checks_for(FULL_POWERS)
    for key in ("signed-by-hand", "original-delivered", "not-already-party"):
        assert checks[key].status == "manual" and checks[key].blocking, key
    assert "not one the depositary makes" in checks["text-language"].source


def test_full_powers_without_grantor_office_is_manual(write_profile):
    text = FULL_POWERS.read_text(encoding="utf-8").replace("    office: minister_for_foreign_affairs\n", "")
    assert "full_powers_from" in text and "    office:" not in text
    check = checks_for(write_profile(text))["signatory-authority"]
    assert check.status == "manual"
    assert check.blocking is False
    assert "give full_powers_from.office" in check.fix


def test_provisional_application_declared():
    check = checks_for(PROVISIONAL)["declarations-admitted"]
    assert check.status == "passed"
    assert check.detail == "The instrument declares provisional application of article 1 only, as article 18 allows."
    assert checks_for(KENYA)["declarations-admitted"].detail == "The instrument makes no declaration."


def test_missing_instrument_date_is_manual():
    check = checks_for(ACCESSION)["place-and-date"]
    assert check.status == "manual"
    assert not check.refuses


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar"])
def test_language_of_the_instrument_passes_with_a_courtesy_translation_where_needed(lang):
    check = checks_for(KENYA, lang=lang)["language"]
    assert check.status == "passed"
    assert ("instrument-translation" in check.detail) == (lang not in ("en", "fr"))


def test_a_title_with_no_text_in_the_packets_language_fails_naming_the_field_and_the_fix(write_profile):
    text = KENYA.read_text(encoding="utf-8")
    start, end = text.index("  title:"), text.index("  office:")
    profile = write_profile(text[:start] + "  title: Cabinet Secretary for Foreign Affairs\n" + text[end:])
    check = checks_for(profile, lang="fr")["text-language"]
    assert check.status == "failed" and check.refuses
    assert "signatory.title" in check.detail and "Cabinet Secretary for Foreign Affairs" in check.detail
    assert "title: {fr: …}" in check.fix
    assert checks_for(profile)["text-language"].status == "passed"  # English has the text


def test_a_text_given_per_language_passes_and_what_the_toolkit_supplies_is_listed(write_profile):
    text = KENYA.read_text(encoding="utf-8")
    start, end = text.index("  title:"), text.index("  office:")
    text = text[:start] + "  title: {en: Cabinet Secretary, fr: Secrétaire de Cabinet}\n" + text[end:]
    check = checks_for(write_profile(text), lang="fr")["text-language"]
    assert check.status == "passed"
    assert "Mission permanente" in check.detail  # the Mission's usual name, said to be the toolkit's


def test_an_english_mission_name_in_a_french_packet_is_caught(write_profile):
    text = KENYA.read_text(encoding="utf-8").replace("languages: [en]", "languages: [fr, en]")
    text = text.replace("legal_system: common_law", "legal_system: common_law")
    check = checks_for(write_profile(text), lang="fr")["text-language"]
    mission = [line for line in KENYA.read_text(encoding="utf-8").splitlines() if "Permanent Mission" in line]
    assert mission, "the fixture names its mission in English"
    assert check.status in ("failed", "passed")
    context_mission = resolve_text(load_profile(write_profile(text)), resolve_language("fr"), ["en", "fr"]).mission_name
    assert context_mission.source == "known"  # the English name is not used: the usual French name is
    assert context_mission.text.startswith("Mission permanente")
