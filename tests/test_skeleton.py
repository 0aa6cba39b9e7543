"""write_skeleton: a YAML profile prefilled from the UN names table that loads once its blanks are filled."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from toolkit.errors import OutputError, ProfileError
from toolkit.maintain.skeleton import write_skeleton
from toolkit.model.load import load_profile


def read(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def fill(path: Path, **extra: Any) -> Path:
    """Fill the blanks a user must fill (who signs, where), plus ``extra`` top-level section values."""
    data = read(path)
    assert data["signatory"]["name"] is None
    assert data["instrument"]["place"] is None
    data["signatory"]["name"] = "Jane Doe"
    data["instrument"]["place"] = "The Capital"
    for section, values in extra.items():
        data[section].update(values)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


HAITI_MISSION = "Mission permanente de la République d'Haïti auprès de l'Organisation des Nations Unies"


@pytest.mark.parametrize(
    ("code", "iso2", "signed", "languages", "mission", "currency"),
    [
        (
            "KE",
            "KE",
            date(2008, 12, 3),
            ["en"],
            "Permanent Mission of the Republic of Kenya to the United Nations",
            "KES",
        ),
        ("HT", "HT", date(2009, 10, 28), ["fr"], HAITI_MISSION, "HTG"),  # French, not English: Haiti's language
        ("hti", "HT", date(2009, 10, 28), ["fr"], HAITI_MISSION, "HTG"),
    ],
)
def test_a_signatory_skeleton_is_prefilled_and_loads_once_filled(
    tmp_path: Path, code: str, iso2: str, signed: date, languages: list[str], mission: str, currency: str
) -> None:
    path = write_skeleton(tmp_path / "state.yaml", code, legal_system="civil_law")
    assert path == tmp_path / "state.yaml"
    text = path.read_text(encoding="utf-8")
    assert "ratkit check state.yaml" in text
    assert f"currency: {currency}" in text  # in the commented penalties example
    data = read(path)
    assert data["treaty"] == "ccm"
    assert data["state"]["code"] == iso2
    assert data["signature"]["date"] == signed  # as the treaty data records the signature
    assert data["mission"]["name"] == mission
    assert data["state"]["languages"] == languages
    assert data["state"]["legal_system"] == "civil_law"

    with pytest.raises(ProfileError) as unfilled:
        load_profile(path)
    assert {problem.key for problem in unfilled.value.problems} >= {"signatory.name", "instrument.place"}

    profile = load_profile(fill(path))
    assert profile.state.code == iso2
    assert profile.signature.date == signed
    assert profile.resolved_act == "ratification"
    assert profile.signatory.name.plain == "Jane Doe"


def test_a_state_with_two_working_languages_gets_its_mission_in_both(tmp_path: Path) -> None:
    data = read(write_skeleton(tmp_path / "ma.yaml", "MA"))
    assert data["state"]["languages"] == ["ar", "fr"]
    assert data["mission"]["name"] == {
        "ar": "البعثة الدائمة للمملكة المغربية لدى الأمم المتحدة",
        "fr": "Mission permanente du Royaume du Maroc auprès de l'Organisation des Nations Unies",
    }
    assert data["state"]["legal_system"] is None  # no sourced table: left to the official, with the choices
    text = (tmp_path / "ma.yaml").read_text(encoding="utf-8")
    assert "common_law —" in text and "civil_law —" in text and "mixed —" in text


def test_a_skeleton_without_a_state_loads_once_every_blank_is_filled(tmp_path: Path) -> None:
    path = write_skeleton(tmp_path / "blank.yaml", None)
    data = read(path)
    assert data["state"]["code"] == ""
    assert data["mission"]["name"] is None
    assert data["signature"] is None  # only the commented example date
    with pytest.raises(ProfileError):
        load_profile(path)

    fill(
        path,
        state={"code": "DZ", "legal_system": "civil_law"},
        mission={"name": "Permanent Mission of the People's Democratic Republic of Algeria to the United Nations"},
    )
    profile = load_profile(path)
    assert profile.state.code == "DZ"
    assert profile.signature.date is None
    assert profile.resolved_act == "accession"  # Algeria never signed: it accedes (Art. 16(2))


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputError) as refused:
        write_skeleton(path, "KE")
    assert "already exists" in str(refused.value)
    assert "--force" in str(refused.value)
    assert path.read_text(encoding="utf-8") == "mine\n"

    write_skeleton(path, "KE", force=True)
    assert read(path)["state"]["code"] == "KE"


def test_a_missing_folder_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_skeleton(tmp_path / "nowhere" / "x.yaml", "KE")
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(("code", "suggested"), [("Kenia", "KE"), ("Haiti", "HT")])
def test_an_unknown_code_is_a_profile_error_with_a_suggestion(tmp_path: Path, code: str, suggested: str) -> None:
    path = tmp_path / "x.yaml"
    with pytest.raises(ProfileError) as error:
        write_skeleton(path, code)
    problem = error.value.first
    assert problem.key == "--state"
    assert repr(code) in problem.message
    assert problem.hint is not None and problem.hint.startswith("did you mean")
    assert suggested in problem.hint
    assert not path.exists()


def test_an_unknown_code_with_nothing_close_still_says_what_to_give(tmp_path: Path) -> None:
    with pytest.raises(ProfileError) as error:
        write_skeleton(tmp_path / "x.yaml", "QQQQQQ")
    assert error.value.first.hint is not None
    assert "ISO 3166-1" in error.value.first.hint
