"""Every example profile is valid, checks clean, and every template renders for it in every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.check import check_profile
from toolkit.maintain.templates import check_templates
from toolkit.model.load import load_profile
from toolkit.resources import TemplateSearchPath

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples" / "profiles").glob("*.yaml"))


def test_there_are_examples_for_the_signatories_and_for_acceding_states() -> None:
    profiles = [load_profile(path) for path in EXAMPLES]
    assert len(profiles) >= 8
    acts = {p.resolved_act for p in profiles}
    assert {"ratification", "accession"} <= acts
    assert {p.state.legal_system for p in profiles} >= {"common_law", "civil_law"}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_depositary_would_accept_every_example(path: Path) -> None:
    assert not check_profile(path).refused


def test_every_template_renders_for_every_example_in_every_language() -> None:
    profiles = [load_profile(path) for path in EXAMPLES]
    problems = check_templates(TemplateSearchPath(), profiles)
    assert [str(p) for p in problems] == []
