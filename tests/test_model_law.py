"""The model law a drafter would accept: definitions as the authentic text words them, commencement,
transfers, clearance operators, Art. 21, local institutions, the Penal Code variant — read in the built DOCX."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import docx_paragraphs

from toolkit.build import build_packet
from toolkit.model.treaty import load_treaty

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "examples" / "profiles"
TREATY = load_treaty("ccm")


def law(profile: Path, out: Path, lang: str = "en") -> list[str]:
    build_packet(profile, lang, out, pdf=False)
    return docx_paragraphs(out / "legislation.docx")


def paragraph(text: list[str], start: str) -> str:
    found = [p for p in text if p.startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


def test_every_definition_of_article_2_the_common_law_model_uses_is_the_authentic_english(tmp_path: Path) -> None:
    text = law(PROFILES / "jamaica.yaml", tmp_path / "jm")
    table = TREATY.definitions["en"].terms
    defined = {m.group(1) for p in text for m in [re.match(r"“([^”]+)” (?:means|involves)", p)] if m}
    own = {"competent authority", "Convention", "excluded munition", "Minister"}  # the Act's own terms
    assert defined - own == {d.term for d in table if d.term != "mine"} | {"mine"}  # every Art. 2 term, no other
    for definition in table:
        body = paragraph(text, f"“{definition.term}” {definition.verb}")
        assert f"“{definition.term}” {definition.verb} {definition.text}" in body, definition.paragraph
    excluded = paragraph(text, "“excluded munition” means")
    assert "a mine" not in excluded  # mines are outside the Act by art. 1(3), not an excluded munition
    assert "This Act does not apply to mines." in text


def test_an_article_18_declarant_commences_its_law_on_deposit(tmp_path: Path) -> None:
    jamaica = law(PROFILES / "jamaica.yaml", tmp_path / "jm")
    assert any(
        "comes into force on the day on which Jamaica deposits its instrument of ratification" in p
        and "or, if later, on the day after its publication in the Gazette; no act done before that day is an offence"
        in p
        for p in jamaica
    )
    kenya = law(PROFILES / "kenya.yaml", tmp_path / "ke")  # no declaration: on entry into force
    assert any("comes into force on the day on which the Convention enters into force" in p for p in kenya)
    viet_nam = law(PROFILES / "viet-nam.yaml", tmp_path / "vn")  # civil law
    assert any(
        "enters into force on the day on which the Socialist Republic of Viet Nam deposits its instrument of accession"
        in p
        for p in viet_nam
    )


def test_a_given_commencement_date_is_the_laws(kenya_variant: Callable[..., Path], tmp_path: Path) -> None:
    profile = kenya_variant(("  penalties:", "  commencement: 2027-06-01\n  penalties:"))
    assert "(2) This Act comes into force on 1 June 2027." in law(profile, tmp_path / "ke")


def test_transfers_are_the_states_and_only_to_a_state_party(tmp_path: Path) -> None:
    cyprus = law(PROFILES / "cyprus.yaml", tmp_path / "cy")
    transfer = paragraph(cyprus, "(3) The competent authority, or the armed forces with its written approval")
    assert "to another State Party to the Convention for the purpose of its destruction" in transfer
    assert not any(p.startswith("(2) A person does not commit an offence") and "transferring" in p for p in cyprus)
    thailand = law(PROFILES / "thailand.yaml", tmp_path / "th")
    permitted = paragraph(thailand, "The following are not prohibited:")
    assert (
        "(c) their transfer by the competent authority, or by the armed forces with its written authorization, "
        "to another State Party" in permitted
    )


def test_clearance_operators_and_finders_are_not_offenders(tmp_path: Path) -> None:
    viet_nam = law(PROFILES / "viet-nam.yaml", tmp_path / "vn")
    permitted = paragraph(viet_nam, "The following are not prohibited:")
    assert "clearance operators accredited by it" in permitted
    assert "(b) their possession by a person who finds them" in permitted
    angola = law(PROFILES / "angola.yaml", tmp_path / "ao", lang="en")
    assert "clearance operators accredited by it" in paragraph(angola, "The following are not prohibited:")


def test_the_information_offence_rests_on_a_power_and_a_duty(tmp_path: Path) -> None:
    text = law(PROFILES / "viet-nam.yaml", tmp_path / "vn")
    power = [
        i for i, p in enumerate(text) if p.startswith("The competent authority may require any natural or legal person")
    ]
    assert power and text[power[0] - 1].endswith("— Information")
    article = text[power[0] - 1].split()[1]
    offence = paragraph(text, "Whoever, without a legitimate reason, fails to provide the information")
    assert f"required under article {article}" in offence
    assert "imprisonment of up to 2 years" in offence  # a fifth of the 12 years of the main offence


def test_article_21_is_a_derogation_in_accordance_with_international_law(tmp_path: Path) -> None:
    kenya = law(PROFILES / "kenya.yaml", tmp_path / "ke")
    cooperation = paragraph(kenya, "(1) A member of the armed forces")
    assert "by reason only of engaging, in accordance with international law, in military cooperation" in cooperation
    assert "(article 21, paragraph 3, of the Convention)" in cooperation
    request = paragraph(kenya, "(4) A person who, in the course of such cooperation or operations, in or outside")
    assert "in or outside the territory of the Republic of Kenya" in request  # reaches requests made abroad
    assert "commits an offence and is liable on conviction to imprisonment for a term not exceeding 10 years" in request


def test_local_institutions_come_from_the_profile_and_defaults_are_to_confirm(
    kenya_variant: Callable[..., Path], tmp_path: Path
) -> None:
    default = law(PROFILES / "kenya.yaml", tmp_path / "ke")
    assert (
        "(1) Jurisdiction to try an offence under this Act, wherever it was committed, lies with the High Court."
        in default
    )
    assert "ENACTED by Parliament as follows:" in default
    own = kenya_variant(
        (
            "  penalties:",
            "  court: the Supreme Court\n  prosecutor: the Attorney-General\n"
            '  enacting_formula: "BE IT ENACTED by the Parliament of Kenya as follows:"\n  penalties:',
        )
    )
    text = law(own, tmp_path / "own")
    assert (
        "(1) Jurisdiction to try an offence under this Act, wherever it was committed, lies with the Supreme Court."
        in text
    )
    assert (
        "(2) No prosecution for an offence under this Act may be instituted without the written consent of "
        "the Attorney-General." in text
    )
    assert "BE IT ENACTED by the Parliament of Kenya as follows:" in text


def test_the_penal_code_variant_inserts_the_offences_in_the_code(
    kenya_variant: Callable[..., Path], tmp_path: Path
) -> None:
    civil = kenya_variant(
        ("legal_system: common_law", "legal_system: civil_law"),
        ("  penalties:", "  offences_in_penal_code: true\n  penalties:"),
    )
    text = law(civil, tmp_path / "cv")
    assert any(p.endswith("— Insertion in the Penal Code") for p in text)
    assert any(p.startswith("The articles of this chapter are inserted in the Penal Code") for p in text)
    plain = law(PROFILES / "thailand.yaml", tmp_path / "th")
    assert not any("Penal Code" in p for p in plain)
    viet_nam = law(PROFILES / "viet-nam.yaml", tmp_path / "vn")  # Penal Code 2015, art. 2: the example sets it
    assert any(p.startswith("The articles of this chapter are inserted in the Penal Code") for p in viet_nam)


def test_a_state_with_victims_but_no_contamination_gets_the_victim_assistance_part(
    kenya_variant: Callable[..., Path], tmp_path: Path
) -> None:
    text = law(kenya_variant(("  penalties:", "  victims: true\n  penalties:")), tmp_path / "ke")
    assert any(p.endswith("— VICTIM ASSISTANCE") for p in text)
    assert not any("Clearance and destruction of cluster munition remnants" in p for p in text)
    duties = paragraph(text, "(1) The Government shall assess the needs of cluster munition victims")
    assert "take steps to mobilize national and international resources" in duties  # art. 5(2)(d)
    assert not any(p.endswith("— VICTIM ASSISTANCE") for p in law(PROFILES / "kenya.yaml", tmp_path / "plain"))


def test_clearance_covers_remnants_that_arise_after_entry_into_force(tmp_path: Path) -> None:
    viet_nam = law(PROFILES / "viet-nam.yaml", tmp_path / "vn")
    clearance = paragraph(viet_nam, "The competent authority shall clear and destroy, or ensure the clearance")
    assert "within ten years of the end of the active hostilities during which they became remnants" in clearance
    assert "at least nine months before the meeting that is to decide on it" in clearance  # art. 4(6)
