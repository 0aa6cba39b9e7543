"""toolkit.build: the packet of each fixture profile, as DOCX (pdf=False), with its manifest."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import ACCESSION, ALL_FIXTURES, FULL_POWERS, KENYA, PROVISIONAL, docx_paragraphs, docx_text

from toolkit import BuildResult, build_packet
from toolkit.errors import DepositaryError, LocaleError, ProfileError
from toolkit.resources import bundled_templates_dir

TREATY_TITLE = "Convention on Cluster Munitions"
ADOPTION = "adopted at Dublin on 30 May 2008"
SIGNED_ON_BEHALF = "signed on behalf of the Government of"
ARTICLE_18 = "FURTHER, in accordance with article 18 of the Convention"
WITNESS = "IN WITNESS WHEREOF"


@pytest.fixture(scope="module")
def packets(tmp_path_factory) -> dict[str, BuildResult]:
    """Every fixture built once, without PDF."""
    root = tmp_path_factory.mktemp("packets")
    return {name: build_packet(path, out=root / name, pdf=False) for name, path in ALL_FIXTURES.items()}


def instrument(packets, name: str) -> str:
    return docx_text(packets[name].folder / "instrument.docx")


@pytest.mark.parametrize("name", sorted(ALL_FIXTURES))
def test_instrument_identifies_the_treaty(packets, name):
    text = instrument(packets, name)
    assert TREATY_TITLE in text
    assert ADOPTION in text
    assert "opened for signature at Oslo on 3 December 2008" in text
    assert WITNESS in text


@pytest.mark.parametrize(
    ("name", "formal"),
    [
        ("kenya", "the Republic of Kenya"),
        ("accession", "the People's Democratic Republic of Algeria"),
        ("full_powers", "the Republic of Uganda"),
        ("provisional", "the Federative Republic of Brazil"),
    ],
)
def test_instrument_names_the_state_formally(packets, name, formal):
    assert f"the Government of {formal}" in instrument(packets, name)


def test_signatory_instrument_recites_the_signature(packets):
    paragraphs = docx_paragraphs(packets["kenya"].folder / "instrument.docx")
    assert paragraphs[0] == "INSTRUMENT OF RATIFICATION"
    assert (
        "AND WHEREAS the Convention was signed on behalf of the Government of the Republic of Kenya on 3 December 2008;"
    ) in paragraphs
    assert any(
        p.startswith(
            "NOW THEREFORE I, Jane Wanjiru Doe, Cabinet Secretary for Foreign and Diaspora Affairs, "
            "declare that the Government of the Republic of Kenya, having considered the Convention, "
            "ratifies it"
        )
        for p in paragraphs
    )
    assert "IN WITNESS WHEREOF, I have signed this instrument at Nairobi on 15 January 2027." in paragraphs
    assert paragraphs[-2:] == ["Jane Wanjiru Doe", "Cabinet Secretary for Foreign and Diaspora Affairs"]


@pytest.mark.parametrize("name", ["accession", "provisional"])
def test_accession_instrument_has_no_signature_paragraph(packets, name):
    paragraphs = docx_paragraphs(packets[name].folder / "instrument.docx")
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "INSTRUMENT OF ACCESSION"
    assert SIGNED_ON_BEHALF not in text
    assert "open for accession by any State that has not signed it" in text
    assert "accedes to it" in text
    assert "ratifies" not in text


def test_accession_without_instrument_date_leaves_a_blank(packets):
    paragraphs = docx_paragraphs(packets["accession"].folder / "instrument.docx")
    assert "IN WITNESS WHEREOF, I have signed this instrument at Algiers on ________________________." in paragraphs
    # no title in the profile: the office's title stands in
    assert paragraphs[-2:] == ["Ahmed Example", "Head of State"]
    assert "NOW THEREFORE I, Ahmed Example, Head of State, declare" in "\n".join(paragraphs)


def test_signatory_under_full_powers(packets):
    paragraphs = docx_paragraphs(packets["full_powers"].folder / "instrument.docx")
    assert paragraphs[-2:] == ["John Okello", "Ambassador and Permanent Representative"]


def test_article_18_only_when_chosen(packets):
    text = instrument(packets, "provisional")
    assert (
        f"{ARTICLE_18}, the Government of the Federative Republic of Brazil declares that it will apply article 1 "
        "of the Convention provisionally pending the entry into force of the Convention for the Federative "
        "Republic of Brazil."
    ) in text
    assert "article 18" in docx_text(packets["provisional"].folder / "cover-note.docx")
    for name in ("kenya", "accession", "full_powers"):
        assert "article 18" not in instrument(packets, name), name
        assert "article 18" not in docx_text(packets[name].folder / "cover-note.docx"), name


def test_full_powers_only_when_office_is_other(packets):
    for name, result in packets.items():
        present = (result.folder / "full-powers.docx").exists()
        assert present == (name == "full_powers"), name
        assert ("full-powers.docx" in [f.path for f in result.files]) == present


def test_full_powers_document(packets):
    paragraphs = docx_paragraphs(packets["full_powers"].folder / "full-powers.docx")
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "FULL POWERS"
    assert (
        "I, Mary Achieng, Minister of Foreign Affairs, hereby authorize John Okello, Ambassador and Permanent "
        "Representative, to sign, on behalf of the Government of the Republic of Uganda, the instrument of "
        "ratification in respect of the Convention on Cluster Munitions"
    ) in text
    assert ADOPTION in text
    assert "Done at Kampala" in text
    assert "full powers issued to John Okello by Mary Achieng" in docx_text(
        packets["full_powers"].folder / "cover-note.docx"
    )


def test_cover_note(packets):
    text = docx_text(packets["kenya"].folder / "cover-note.docx")
    assert text.splitlines()[0] == "Permanent Mission of the Republic of Kenya to the United Nations"
    assert "presents its compliments to the Secretary-General of the United Nations" in text
    assert "paragraph 3 of article 16 of the Convention on Cluster Munitions" in text
    assert "instrument of ratification" in text
    assert "signed by Jane Wanjiru Doe, Cabinet Secretary for Foreign and Diaspora Affairs" in text


def test_checklist_lists_the_checks(packets):
    text = docx_text(packets["kenya"].folder / "checklist.docx")
    assert "DEPOSITARY CHECKLIST" in text
    assert "Nothing in the draft would make the depositary refuse it." in text
    assert "will enter into force for the Republic of Kenya on 1 August 2027" in text
    for check in packets["kenya"].checks:
        assert check.rule in text, check.id


@pytest.mark.parametrize("name", sorted(ALL_FIXTURES))
def test_manifest_lists_every_file_with_its_hash(packets, name):
    result = packets[name]
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    on_disk = sorted(p.name for p in result.folder.iterdir() if p.name not in ("manifest.json", "manifest.sha256"))
    assert [entry["path"] for entry in manifest["files"]] == on_disk
    assert not any(name.endswith(".pdf") for name in on_disk)  # pdf=False
    templates = bundled_templates_dir()
    for entry in manifest["files"]:
        data = (result.folder / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), entry["path"]
        if entry["path"].endswith(".docx"):  # every document comes from a template, recorded with its hash
            template_bytes = (templates / entry["template"]).read_bytes()
            assert entry["template_sha256"] == hashlib.sha256(template_bytes).hexdigest(), entry["path"]
        else:
            assert "template" not in entry, entry["path"]


def test_manifest_header(packets):
    manifest = json.loads((packets["kenya"].folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["treaty"] == "ccm"
    assert manifest["state"]["code"] == "KE"
    assert manifest["language"] == "en"
    assert manifest["act"] == "ratification"
    assert manifest["profile"]["sha256"] == hashlib.sha256(KENYA.read_bytes()).hexdigest()
    assert manifest["entry_into_force"] == "2027-08-01"
    assert manifest["draft"] is False
    assert {c["id"] for c in manifest["checks"]} >= {"signatory-authority", "signature-record", "not-already-party"}
    accession = json.loads((packets["accession"].folder / "manifest.json").read_text(encoding="utf-8"))
    assert accession["act"] == "accession"
    assert accession["entry_into_force"] is None


def test_instrument_comes_from_the_instrument_template(packets):
    manifest = json.loads((packets["kenya"].folder / "manifest.json").read_text(encoding="utf-8"))
    templates = {entry["path"]: entry.get("template") for entry in manifest["files"]}
    assert templates["instrument.docx"] == "ccm/instruments/instrument.docx"
    assert templates["cover-note.docx"] == "ccm/instruments/cover-note.docx"


@pytest.mark.parametrize("path", [KENYA, FULL_POWERS, PROVISIONAL], ids=lambda p: p.stem)
def test_two_builds_are_byte_identical(tmp_path, path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = build_packet(path, out=tmp_path / "one", pdf=False)
    second = build_packet(path, out=tmp_path / "two", pdf=False)
    names = sorted(p.name for p in first.folder.iterdir())
    assert names == sorted(p.name for p in second.folder.iterdir())
    assert "manifest.json" in names
    for name in names:
        assert (first.folder / name).read_bytes() == (second.folder / name).read_bytes(), name


def test_no_temporary_folders_are_left(tmp_path):
    build_packet(KENYA, out=tmp_path / "packet", pdf=False)
    build_packet(KENYA, out=tmp_path / "packet", pdf=False, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packet"]


def test_rebuild_without_force_is_refused(tmp_path):
    from toolkit.errors import OutputError

    build_packet(KENYA, out=tmp_path / "packet", pdf=False)
    with pytest.raises(OutputError, match="already holds a packet"):
        build_packet(KENYA, out=tmp_path / "packet", pdf=False)


def never_signed_kenya(write_profile) -> Path:
    text = KENYA.read_text(encoding="utf-8").replace("signature:\n  date: 2008-12-03\n", "")
    assert "signature" not in text
    return write_profile(text, "kenya-unsigned.yaml")


def test_depositary_refusal_raises(tmp_path, write_profile):
    profile = never_signed_kenya(write_profile)
    with pytest.raises(DepositaryError) as info:
        build_packet(profile, out=tmp_path / "packet", pdf=False)
    keys = [p.key for p in info.value.problems]
    assert "signature-record" in keys
    assert "would refuse this instrument" in str(info.value)
    assert not (tmp_path / "packet").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kenya-unsigned.yaml"]


def test_depositary_refusal_keeps_a_previous_packet(tmp_path, write_profile):
    out = tmp_path / "packet"
    build_packet(KENYA, out=out, pdf=False)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(DepositaryError):
        build_packet(never_signed_kenya(write_profile), out=out, pdf=False, force=True)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_draft_builds_despite_a_refusal(tmp_path, write_profile):
    result = build_packet(never_signed_kenya(write_profile), out=tmp_path / "packet", pdf=False, draft=True)
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["draft"] is True
    assert manifest["act"] == "accession"
    statuses = {c["id"]: c["status"] for c in manifest["checks"]}
    assert statuses["signature-record"] == "failed"
    checklist = docx_text(result.folder / "checklist.docx")
    assert "As drafted, the depositary would not accept this instrument." in checklist
    assert "Failed" in checklist


def test_unknown_language_is_refused_before_writing(tmp_path):
    with pytest.raises(LocaleError) as info:
        build_packet(KENYA, lang="de", out=tmp_path / "packet", pdf=False)
    assert info.value.first.key == "--lang"
    assert "en (English)" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_invalid_profile_is_refused_before_writing(tmp_path, write_profile):
    bad = write_profile("state: {code: XX}\n", "bad.yaml")
    with pytest.raises(ProfileError):
        build_packet(bad, out=tmp_path / "packet", pdf=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_default_output_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = build_packet(ACCESSION, pdf=False)
    assert result.folder == Path("packet-DZ-en")
    assert (tmp_path / "packet-DZ-en" / "instrument.docx").is_file()


def test_state_name_override_is_used(tmp_path, kenya_variant):
    names = "  code: KE\n  names:\n    en: {short: Kenya, formal: the Test Republic}\n"
    profile = kenya_variant(("  code: KE\n", names))
    result = build_packet(profile, out=tmp_path / "packet", pdf=False)
    assert "the Government of the Test Republic" in docx_text(result.folder / "instrument.docx")


def test_mission_city_may_be_left_out(tmp_path, write_profile):
    # regression: the default New York used to be a plain str and crashed build_context
    text = ACCESSION.read_text(encoding="utf-8").replace("  city: New York\n", "")
    assert "city" not in text
    result = build_packet(write_profile(text), out=tmp_path / "packet", pdf=False)
    assert "New York, ________________________" in docx_text(result.folder / "cover-note.docx")
