"""toolkit.model.profile: schema, file:line errors, cross-checks, defaults, JSON Schema."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest
from conftest import ACCESSION, ALL_FIXTURES, FULL_POWERS, KENYA, PROVISIONAL

from toolkit.errors import ProfileError
from toolkit.model.load import load_profile
from toolkit.model.profile import Profile, profile_json_schema
from toolkit.model.yamlsource import load_yaml

# The base profile of the error table, with its line numbers (they appear in the expected messages).
BASE_LINES = [
    "treaty: ccm",  # 1
    "state:",  # 2
    "  code: KE",  # 3
    "  languages: [en]",  # 4
    "  legal_system: common_law",  # 5
    "signature:",  # 6
    "  date: 2008-12-03",  # 7
    "signatory:",  # 8
    "  name: Jane Wanjiru Doe",  # 9
    "  title: Cabinet Secretary for Foreign and Diaspora Affairs",  # 10
    "  office: minister_for_foreign_affairs",  # 11
    "instrument:",  # 12
    "  place: Nairobi",  # 13
    "  date: 2027-01-15",  # 14
    "declarations:",  # 15
    "  provisional_application: false",  # 16
    "  reservations: []",  # 17
    "mission:",  # 18
    "  name: Permanent Mission of the Republic of Kenya to the United Nations",  # 19
    "  city: New York",  # 20
    "deposit:",  # 21
    "  planned: 2027-02-01",  # 22
]


def base_with(changes: dict[int, str]) -> str:
    """BASE with some lines (1-based) replaced; the number of lines stays the same."""
    lines = list(BASE_LINES)
    for number, text in changes.items():
        lines[number - 1] = text
    return "\n".join(lines) + "\n"


def test_base_profile_is_valid(write_profile):
    profile = load_profile(write_profile(base_with({})))
    assert profile.state.code == "KE"
    assert profile.resolved_act == "ratification"


FIX_FULL_POWERS = "give full_powers_from: {name: …, title: …, office: minister_for_foreign_affairs}"

BAD_PROFILES = [
    pytest.param(
        base_with({10: "  titel: Cabinet Secretary for Foreign and Diaspora Affairs"}),
        ["{path}:10: signatory.titel: unknown key 'titel' — did you mean 'title'?"],
        id="unknown-key-did-you-mean",
    ),
    pytest.param(
        base_with({5: "  legal_sytem: common_law"}),
        [
            "{path}:2: state.legal_system: is required",
            "{path}:5: state.legal_sytem: unknown key 'legal_sytem' — did you mean 'legal_system'?",
        ],
        id="unknown-key-replacing-a-required-one",
    ),
    pytest.param(
        base_with({16: "  provisional_application: maybe"}),
        [
            "{path}:16: declarations.provisional_application: must be true or false"
            " — write true or false, without quotes"
        ],
        id="wrong-type-bool",
    ),
    pytest.param(
        base_with({4: "  languages: en"}),
        ["{path}:4: state.languages: must be a list, such as [en, fr]"],
        id="wrong-type-list",
    ),
    pytest.param(
        base_with({7: "  date: 2008-02-30"}),
        ["{path}:7: signature.date: '2008-02-30' is not a real date (day is out of range for month)"],
        id="impossible-date",
    ),
    pytest.param(
        base_with({3: "  code: XX"}),
        ["{path}:3: state.code: 'XX' is not the ISO 3166-1 code of a State in the UN names table"],
        id="unknown-iso-code",
    ),
    pytest.param(
        base_with({3: "  code: KEY"}),
        [
            "{path}:3: state.code: 'KEY' is not the ISO 3166-1 code of a State in the UN names table; "
            "did you mean KE (Kenya)?"
        ],
        id="unknown-iso-code-with-suggestion",
    ),
    pytest.param(
        base_with({4: "  languages: [de]"}),
        ["{path}:4: state.languages[0]: 'de' is not a language of the toolkit; use one of: en, fr, es, ar, ru, zh, pt"],
        id="unknown-language",
    ),
    pytest.param(
        base_with({6: "act: ratification", 7: "signature: {}"}),
        [
            "{path}:6: act: a State that has not signed the Convention cannot deposit an instrument of ratification "
            "(Art. 16(1)); it accedes (Art. 16(2)) — write act: accession, or give signature.date if the State signed"
        ],
        id="non-signatory-ratifies",
    ),
    pytest.param(
        base_with({1: "act: accession"}),
        [
            "{path}:1: act: a State that signed the Convention joins it by ratification, acceptance or approval, "
            "not accession (Art. 16) — write act: ratification, or remove signature.date if the State never signed"
        ],
        id="signatory-accedes",
    ),
    pytest.param(
        base_with({17: "  reservations: [Article 21 shall not apply]"}),
        [
            "{path}:17: declarations.reservations[0]: the Convention admits no reservations (Art. 19); the depositary "
            "will not accept an instrument that makes one — remove it and leave reservations: []"
        ],
        id="reservation",
    ),
    pytest.param(
        base_with({11: "  office: other"}),
        [
            "{path}:8: signatory.full_powers_from: is required when office is other: only a Head of State, Head of "
            "Government or Minister for Foreign Affairs signs without full powers — " + FIX_FULL_POWERS
        ],
        id="office-other-without-full-powers",
    ),
    pytest.param(
        base_with(
            {
                10: "  full_powers_from: {name: A. Grantor, title: President, office: head_of_state}",
                11: "  office: other",
            }
        ),
        ["{path}:8: signatory.title: is required when office is other — write the signatory's official title"],
        id="office-other-without-title",
    ),
    pytest.param(
        base_with({11: "  office: minister_for_foreign_affairs\n  full_powers_from: {name: A, title: B}"}),
        [
            "{path}:12: signatory.full_powers_from: is only used when office is other, not "
            "minister_for_foreign_affairs — remove full_powers_from, or set office: other"
        ],
        id="full-powers-without-office-other",
    ),
    pytest.param(
        base_with({6: "signature: {}", 7: "act: accession", 14: "  date: 2008-01-01"}),
        [
            "{path}:14: instrument.date: 2008-01-01 is before the Convention was adopted (2008-05-30) "
            "— check the date, or leave it out to fill in by hand"
        ],
        id="instrument-before-adoption",
    ),
    pytest.param(
        base_with({7: "  date: 2008-12-02"}),
        [
            "{path}:7: signature.date: 2008-12-02 is before the Convention opened for signature (2008-12-03, Art. 15) "
            "— check the date of the State's signature"
        ],
        id="signature-before-opening",
    ),
    pytest.param(
        base_with({7: "  date: 2010-08-02"}),
        [
            "{path}:7: signature.date: 2010-08-02 is not before the Convention closed for signature "
            "on its entry into force "
            "(2010-08-01, Art. 15) — a State that did not sign before then accedes: remove signature.date"
        ],
        id="signature-after-closing",
    ),
    pytest.param(
        base_with({7: "  date: 2009-06-01", 14: "  date: 2009-05-01"}),
        [
            "{path}:14: instrument.date: 2009-05-01 is before the State signed the Convention (2009-06-01); "
            "the instrument follows the signature — check both dates"
        ],
        id="instrument-before-signature",
    ),
    pytest.param(
        base_with({22: "  planned: 2027-01-14"}),
        [
            "{path}:22: deposit.planned: 2027-01-14 is before the instrument is signed (2027-01-15) "
            "— the deposit follows the signature of the instrument"
        ],
        id="deposit-before-instrument",
    ),
    pytest.param(
        base_with({13: '  place: "Nai\\u0007robi"'}),
        [
            "{path}:13: instrument.place: contains the control character U+0007 at character 4; "
            "values are single lines of plain text — delete it"
        ],
        id="control-character",
    ),
    pytest.param(
        base_with({13: '  place: "Nai\\u202Erobi"'}),
        [
            "{path}:13: instrument.place: contains the invisible bidirectional control character U+202E "
            "(RIGHT-TO-LEFT OVERRIDE) at character 4; it can make the text read differently from how it looks "
            "— delete it (right-to-left text needs no such character)"
        ],
        id="bidi-override",
    ),
    pytest.param(
        base_with({13: "  place: " + "N" * 301}),
        ["{path}:13: instrument.place: is 301 characters long; at most 300 are allowed"],
        id="value-too-long",
    ),
    pytest.param(
        base_with({9: "  name: Jane: Doe"}),
        [
            "{path}:9: this is not valid YAML: mapping values are not allowed in this context — "
            "check indentation (spaces, "
            "not tabs) and that every `key: value` has a space after the colon"
        ],
        id="malformed-yaml",
    ),
    pytest.param(
        "",
        [
            "{path}:1: must be a YAML mapping with keys such as state:, signatory:, instrument: "
            "— start from `ratkit init PROFILE --state CODE`"
        ],
        id="empty-file",
    ),
    pytest.param(
        "- state\n- signatory\n",
        [
            "{path}:1: must be a YAML mapping with keys such as state:, signatory:, instrument: "
            "— start from `ratkit init PROFILE --state CODE`"
        ],
        id="list-at-top-level",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD_PROFILES)
def test_bad_profile_messages(write_profile, text, expected):
    path = write_profile(text)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert str(info.value).splitlines() == [line.replace("{path}", str(path)) for line in expected]


def test_every_problem_is_reported_at_once(write_profile):
    path = write_profile(
        base_with(
            {
                3: "  code: XX",
                5: "  legal_sytem: common_law",
                13: '  place: "Nai\\u202Erobi"',
                16: "  provisional_application: maybe",
            }
        )
    )
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    located = sorted((p.line, p.key) for p in info.value.problems)
    assert located == [
        (2, "state.legal_system"),
        (3, "state.code"),
        (5, "state.legal_sytem"),
        (13, "instrument.place"),
        (16, "declarations.provisional_application"),
    ]
    assert all(str(p).startswith(f"{path}:") for p in info.value.problems)


def test_every_cross_check_problem_is_reported_at_once(write_profile):
    path = write_profile(
        base_with(
            {
                1: "act: accession",
                11: "  office: other",
                17: "  reservations: [one, two]",
            }
        )
    )
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    keys = [p.key for p in info.value.problems]
    assert sorted(keys) == sorted(
        [
            "act",
            "declarations.reservations[0]",
            "declarations.reservations[1]",
            "signatory.full_powers_from",
        ]
    )


@pytest.mark.parametrize("written", ["15/01/2027", "2027.01.15", "2008-W49-3"])
def test_date_in_wrong_format_says_what_is_right(write_profile, written):
    # regression: a 10-character date such as 15/01/2027 used to get "not a real date (Invalid isoformat string …)"
    path = write_profile(base_with({14: f"  date: {written}"}))
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert str(info.value) == (
        f"{path}:14: instrument.date: '{written}' is not a date written YYYY-MM-DD (for example 2008-12-03)"
    )


def test_deposit_planned_before_adoption_is_refused(write_profile):
    path = write_profile(base_with({14: "  # date left blank", 22: "  planned: 2007-01-01"}))
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.first.key == "deposit.planned"


def test_date_of_wrong_length_says_what_is_right(write_profile):
    path = write_profile(base_with({14: "  date: 2027-1-15"}))
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert str(info.value) == (
        f"{path}:14: instrument.date: '2027-1-15' is not a date written YYYY-MM-DD (for example 2008-12-03)"
    )


def test_markup_characters_are_accepted_as_text(write_profile):
    hostile = "A & B <b>{{ x }}</b>"
    profile = load_profile(write_profile(base_with({13: f"  place: '{hostile}'", 19: f"  name: '{hostile}'"})))
    assert profile.instrument.place.plain == hostile
    assert profile.mission.name.plain == hostile


def test_value_of_300_characters_is_accepted(write_profile):
    profile = load_profile(write_profile(base_with({13: "  place: " + "N" * 300})))
    assert profile.instrument.place.plain == "N" * 300


@pytest.mark.parametrize("code", ["KEN", "ken", "Ke", " KE "])
def test_iso_codes_are_normalized_to_alpha2(write_profile, code):
    profile = load_profile(write_profile(base_with({3: f"  code: '{code}'"})))
    assert profile.state.code == "KE"


def test_norway_code_is_not_false(write_profile):
    text = base_with({3: "  code: NO", 6: "signature: {}", 7: "act: accession"})
    assert load_profile(write_profile(text)).state.code == "NO"


def test_act_defaults_to_ratification_for_a_signatory():
    profile = load_profile(KENYA)
    assert profile.act is None
    assert profile.is_signatory
    assert profile.resolved_act == "ratification"


def test_act_defaults_to_accession_for_a_non_signatory():
    profile = load_profile(ACCESSION)
    assert profile.act is None
    assert not profile.is_signatory
    assert profile.resolved_act == "accession"


@pytest.mark.parametrize("act", ["acceptance", "approval"])
def test_signatory_may_accept_or_approve(write_profile, act):
    profile = load_profile(write_profile(base_with({1: f"act: {act}"})))
    assert profile.resolved_act == act


def test_fixtures_load_with_expected_facts():
    kenya = load_profile(KENYA)
    assert kenya.signature.date.isoformat() == "2008-12-03"
    assert kenya.instrument.date.isoformat() == "2027-01-15"
    assert kenya.deposit.planned.isoformat() == "2027-02-01"
    assert kenya.source == KENYA
    import hashlib

    assert kenya.sha256 == hashlib.sha256(KENYA.read_bytes()).hexdigest()

    full = load_profile(FULL_POWERS)
    assert full.signatory.office == "other"
    assert full.signatory.full_powers_from is not None
    assert full.signatory.full_powers_from.name.plain == "Mary Achieng"

    provisional = load_profile(PROVISIONAL)
    assert provisional.declarations.provisional_application is True
    assert provisional.resolved_act == "accession"


def test_localized_text_per_language(write_profile):
    profile = load_profile(write_profile(base_with({13: "  place: {en: Nairobi, fr: Nairobi (Kenya)}"})))
    assert profile.instrument.place.get("fr") == "Nairobi (Kenya)"
    assert profile.instrument.place.get("en") == "Nairobi"
    assert profile.instrument.place.get("es") is None


def test_localized_text_with_unknown_language_key(write_profile):
    path = write_profile(base_with({13: "  place: {de: Nairobi}"}))
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert str(info.value) == (
        f"{path}:13: instrument.place: has the language key 'de'; language keys are en, fr, es, ar, ru, zh, pt"
    )


def test_missing_file_is_a_profile_error(tmp_path: Path):
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path / "nowhere.yaml")
    assert str(info.value) == (
        f"{tmp_path / 'nowhere.yaml'}: file not found — check the path, or create one with `ratkit init`"
    )


def test_json_schema_describes_the_profile():
    schema = profile_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {
        "treaty",
        "state",
        "signature",
        "act",
        "signatory",
        "instrument",
        "declarations",
        "mission",
        "deposit",
        "implementation",
    } == set(schema["properties"])
    assert set(schema["required"]) == {"state", "signatory", "instrument", "mission"}
    assert schema["additionalProperties"] is False
    state = schema["$defs"]["StateSection"]
    assert state["additionalProperties"] is False
    assert state["properties"]["languages"]["items"]["enum"] == ["en", "fr", "es", "ar", "ru", "zh", "pt"]


@pytest.mark.parametrize("name", sorted(ALL_FIXTURES))
def test_json_schema_accepts_every_fixture(name):
    jsonschema = pytest.importorskip("jsonschema")
    schema = profile_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = load_yaml(ALL_FIXTURES[name]).data
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []


def test_json_schema_rejects_unknown_key(write_profile):
    jsonschema = pytest.importorskip("jsonschema")
    data = load_yaml(write_profile(base_with({10: "  titel: Minister"}))).data
    errors = [e.message for e in jsonschema.Draft202012Validator(profile_json_schema()).iter_errors(data)]
    assert errors == ["Additional properties are not allowed ('titel' was unexpected)"]


def test_profile_is_frozen():
    profile = load_profile(KENYA)
    with pytest.raises(pydantic.ValidationError):
        profile.treaty = "other"  # type: ignore[misc]
    assert isinstance(profile, Profile)


def test_the_examples_schema_file_is_the_current_schema():
    import json
    from pathlib import Path

    from toolkit.model.profile import profile_json_schema

    committed = json.loads((Path(__file__).resolve().parent.parent / "examples" / "profile.schema.json").read_text())
    assert committed == profile_json_schema(), "regenerate it: ratkit schema > examples/profile.schema.json"
