"""Model implementing legislation: Parts by the facts, computed numbering, penalties per locale, templates check."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from conftest import KENYA, docx_text

from toolkit.build import build_packet
from toolkit.cli import main
from toolkit.documents.numbering import Numbering
from toolkit.documents.render import DocumentMetadata, render_docx
from toolkit.errors import TemplateError
from toolkit.lang.language import resolve_language
from toolkit.maintain.templates import check_templates
from toolkit.model.load import load_profile
from toolkit.resources import TemplateSearchPath

ENGLISH = resolve_language("en")

FACTS = ["stockpiles", "contaminated", "retention_for_training", "foreign_military_cooperation", "armed_forces"]
COMMON_LAW_PARTS = {
    "stockpiles": "DESTRUCTION OF STOCKPILES",
    "retention_for_training": "RETENTION AND TRANSFER FOR TRAINING AND DESTRUCTION",
    "contaminated": "CLEARANCE, RISK REDUCTION EDUCATION AND VICTIM ASSISTANCE",
}
SECTIONS = {
    "foreign_military_cooperation": "Military cooperation with States not party to the Convention",
    "armed_forces": "Armed forces",
}


def kenya_with(tmp_path: Path, name: str, **implementation: object) -> Path:
    data = yaml.safe_load(KENYA.read_text(encoding="utf-8"))
    data["signature"]["date"] = "2008-12-03"
    data["instrument"]["date"] = "2027-01-15"
    data["deposit"]["planned"] = "2027-02-01"
    data["implementation"].update(implementation)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def legislation_text(tmp_path: Path, name: str, **implementation: object) -> str:
    out = tmp_path / f"out-{name}"
    build_packet(kenya_with(tmp_path, name, **implementation), "en", out, pdf=False)
    return docx_text(out / "legislation.docx")


@pytest.mark.parametrize("combo", list(itertools.product([False, True], repeat=3)))
def test_parts_appear_exactly_when_the_facts_call_for_them(tmp_path: Path, combo: tuple[bool, ...]) -> None:
    facts = dict(zip(["stockpiles", "contaminated", "retention_for_training"], combo, strict=True))
    text = legislation_text(tmp_path, "x", **facts)
    for fact, heading in COMMON_LAW_PARTS.items():
        assert (heading in text) == facts[fact], (fact, facts)
    parts = re.findall(r"^PART (\d+) — ", text, flags=re.MULTILINE)
    assert parts == [str(i) for i in range(1, len(parts) + 1)], "Parts are numbered in order, without gaps"
    assert len(parts) == 3 + sum(combo)


@pytest.mark.parametrize("fact", ["foreign_military_cooperation", "armed_forces"])
def test_sections_for_cooperation_and_armed_forces(tmp_path: Path, fact: str) -> None:
    assert SECTIONS[fact] in legislation_text(tmp_path, "on", **{fact: True})
    assert SECTIONS[fact] not in legislation_text(tmp_path, "off", **{fact: False})


def test_small_state_model_has_no_optional_part_and_every_reference_resolves(tmp_path: Path) -> None:
    text = legislation_text(tmp_path, "small", **{f: False for f in FACTS})
    sections = [int(n) for n in re.findall(r"^(\d+)\. [A-Z]", text, flags=re.MULTILINE)]
    assert sections == list(range(1, len(sections) + 1))
    titles = dict(re.findall(r"^(\d+)\. ([A-Z][^\n]*)$", text, flags=re.MULTILINE))
    penalties = next(n for n, t in titles.items() if t == "Penalties")
    exceptions = next(n for n, t in titles.items() if t == "Permitted conduct")
    assert f"Subject to section {exceptions}, a person commits an offence" in text
    assert f"liable on conviction to the penalties set out in section {penalties}." in text
    for ref in re.findall(r"sections? (\d+)", text):
        assert ref in titles, f"section {ref} is referred to but does not exist"


def test_with_cooperation_the_offence_is_subject_to_both_sections(tmp_path: Path) -> None:
    text = legislation_text(tmp_path, "coop", foreign_military_cooperation=True, armed_forces=True)
    titles = {t: n for n, t in re.findall(r"^(\d+)\. ([A-Z][^\n]*)$", text, flags=re.MULTILINE)}
    expected = (
        f"Subject to sections {titles['Permitted conduct']} and "
        f"{titles['Military cooperation with States not party to the Convention']}"
    )
    assert expected in text


def test_civil_law_model_numbers_chapters_in_roman_and_articles_in_order(tmp_path: Path) -> None:
    path = kenya_with(tmp_path, "civil", model="civil_law", stockpiles=True)
    build_packet(path, "en", tmp_path / "civil-out", pdf=False)
    text = docx_text(tmp_path / "civil-out" / "legislation.docx")
    chapters = re.findall(r"^CHAPTER ([IVXLC]+) — ", text, flags=re.MULTILINE)
    assert len(chapters) >= 2
    assert chapters == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][: len(chapters)]
    articles = [int(n) for n in re.findall(r"^Article (\d+) — ", text, flags=re.MULTILINE)]
    assert articles == list(range(1, len(articles) + 1))
    prohibited = re.search(r"^Article (\d+) — Prohibited acts", text, flags=re.MULTILINE).group(1)
    assert f"Whoever commits any act prohibited by article {prohibited} shall be punished" in text


def test_penalties_come_from_the_profile(tmp_path: Path) -> None:
    text = legislation_text(tmp_path, "pen", penalties={"imprisonment_years": 7, "fine": 250000, "currency": "KES"})
    assert "imprisonment for a term not exceeding 7 years, or to a fine not exceeding 250,000 Kenyan shillings" in text
    assert "a fine not exceeding 1,250,000 Kenyan shillings" in text  # bodies corporate: five times


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "1,000,000 Kenyan shillings"),
        ("fr", "1\u202f000\u202f000 shillings kényans"),
        ("es", "1.000.000 de chelines kenianos"),  # a round number of millions takes "de"
        ("ru", "1\xa0000\xa0000 кенийских шиллингов"),
        ("zh", "1,000,000肯尼亚先令"),
        ("pt", "1\xa0000\xa0000 xelins quenianos"),
    ],
)
def test_amounts_are_formatted_per_locale(lang: str, expected: str) -> None:
    assert resolve_language(lang).amount(1000000, "KES") == expected


def test_a_reference_to_a_missing_target_is_an_error_naming_it(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph('{{ section("a") }}. First')
    document.add_paragraph('See section {{ ref("nowhere") }}.')
    path = tmp_path / "t.docx"
    document.save(str(path))
    with pytest.raises(TemplateError, match="refers to 'nowhere'"):
        render_docx(path, {}, ENGLISH, DocumentMetadata("t", "s", "a", "en-GB"))
    numbering = Numbering()
    assert numbering.number("section", "x") == "1" and numbering.number("chapter", "y") == "I"


def _broken_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "tpl"
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", folder)
    for name, text in [
        ("ccm/instruments/cover-note.docx", "{{ mission_name "),
        ("ccm/instruments/full-powers.docx", "{{ no_such_value }}"),
        ("ccm/packet/checklist.docx", "{% trans %}A sentence no catalog has.{% endtrans %}"),
    ]:
        document = docx.Document(str(folder / name))
        document.add_paragraph(text)
        document.save(str(folder / name))
    return folder


def test_templates_check_finds_a_broken_tag_an_unknown_value_and_a_missing_translation(tmp_path: Path) -> None:
    folder = _broken_templates(tmp_path)
    problems = [str(p) for p in check_templates(TemplateSearchPath(folder), [load_profile(KENYA)], ["en", "fr"])]
    assert any(p.startswith("ccm/instruments/cover-note.docx: paragraph") and "broken tag" in p for p in problems)
    assert any(p.startswith("ccm/instruments/full-powers.docx: paragraph") and "'no_such_value'" in p for p in problems)
    assert any(
        p.startswith("ccm/packet/checklist.docx: paragraph") and "A sentence no catalog has." in p for p in problems
    )
    result = CliRunner().invoke(
        main, ["templates", "check", "--templates", str(folder), "--profile", str(KENYA), "--lang", "en"]
    )
    assert result.exit_code == 1 and "no_such_value" in result.output


def test_templates_check_passes_on_the_bundled_templates_in_english() -> None:
    result = CliRunner().invoke(main, ["templates", "check", "--profile", str(KENYA), "--lang", "en"])
    assert result.exit_code == 0, result.output


def test_templates_show_prints_paragraphs_with_styles_and_tags() -> None:
    result = CliRunner().invoke(main, ["templates", "show", "ccm/instruments/instrument.docx"])
    assert result.exit_code == 0
    assert "[Title] {% trans %}INSTRUMENT OF RATIFICATION{% endtrans %}" in result.output
