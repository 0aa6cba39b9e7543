"""The interview's answers ↔ profiles: nothing of a profile is lost on the way through the form."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from toolkit.model.load import load_profile
from toolkit.model.profile import Profile
from toolkit.serve.answers import defaults, form_languages, from_profile, name_groups, prefill, profile_yaml

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples" / "profiles").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_profile_through_the_form_is_the_same_profile(example: Path, tmp_path: Path) -> None:
    """Upload, then download the answers: every field the same, also those no question asks
    (mission.city, act, state.names) and texts in languages the packet does not use."""
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    resumed = tmp_path / "profile.yaml"
    resumed.write_text(profile_yaml(from_profile(data)), encoding="utf-8")
    back, original = load_profile(resumed), load_profile(example)
    # the form answers every declared fact, so a fact the example leaves to its default comes back said
    assert back.fact_values() == original.fact_values()
    facts = set(original.declared_facts)

    def dump(profile: Profile) -> dict[str, object]:
        data = profile.model_dump()
        data["implementation"] = {k: v for k, v in data["implementation"].items() if k not in facts}
        return data

    assert dump(back) == dump(original)


def test_prefill_replaces_the_default_languages_and_fills_empty_mission_names() -> None:
    """What a fresh page posts (English ticked, empty Mission names) gives way to what is known of Haiti."""
    posted = {**defaults(), "state.code": "HT", "state.languages": ["en"], "state.language": "en"}
    posted["mission.name.en"] = ""
    answers = prefill("HT", posted)
    assert answers["state.languages"] == ["fr"] and answers["state.language"] == "fr"
    assert "Haïti" in str(answers["mission.name.fr"]) and "Haiti" in str(answers["mission.name.en"])
    assert answers["signature.date"] == "2009-10-28"
    assert answers["signatory.office"] == "minister_for_foreign_affairs"
    typed = prefill("HT", {**posted, "mission.name.fr": "Mission permanente d'Haïti"})
    assert typed["mission.name.fr"] == "Mission permanente d'Haïti"  # what the officer wrote stays


def test_a_packet_with_a_courtesy_translation_asks_for_english_and_a_latin_name() -> None:
    arabic = {"state.code": "EG", "state.languages": ["ar"], "state.language": "ar"}
    assert form_languages(arabic) == ["ar", "en"]
    assert name_groups(arabic) == [("ar", ["ar"]), ("en", ["en"])]
    french = {"state.code": "HT", "state.languages": ["fr", "es"], "state.language": "fr"}
    assert form_languages(french) == ["fr", "es"]  # French is a working language of the depositary
    assert name_groups(french) == [("fr", ["fr", "es"])]  # one name in Latin letters serves both
