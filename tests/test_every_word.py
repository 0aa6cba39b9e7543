"""Every word in the packet's language: every example profile, every language, every document read as text.

In Arabic, Russian and Chinese documents no word in Latin letters except the names of the people who sign,
acronyms and identifiers (a profile key, a file name, an e-mail address), the letters of subparagraphs
as UN texts cite them ("(a)", "a)"), the toolkit's own name as a source, and — on the checklist, which
reports on the profile — the profile's own text quoted as evidence; in French, Spanish and Portuguese
documents no English word.  The English courtesy translation is English by design.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from toolkit.build import build_packet
from toolkit.lang.detect import foreign_words
from toolkit.lang.languages import language_spec
from toolkit.model.load import load_profile

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "profiles").glob("*.yaml"))
IDENTIFIER = re.compile(r"[._@/\\-]|^[A-Z0-9]{2,}$")  # signatory.title, instrument-translation, treaty@un.org, CCM
NOT_PROSE = [
    re.compile(r"\S+@\S+"),  # e-mail addresses
    re.compile(r"\b\w+(?:[._]\w+)+\b"),  # profile keys and file names: signatory.title, full_powers_from
    re.compile(r"\b\w+: \{\w+: …\}"),  # the YAML a fix shows: title: {ar: …}
    re.compile(r"\(?\b[a-z]\)"),  # subparagraph letters: (a), a)
    re.compile(r"\(?\b[ivx]{1,4}\)"),  # and their roman numerals: (ii), iv)
    re.compile(r"Ratification Toolkit"),  # the toolkit's name, as the source of its own checks
]
QUOTED = re.compile(r"“[^”]*”|«[^»]*»")  # the profile's text, quoted as evidence on the checklist
FORM_LETTER = re.compile(
    r"(?<![A-Za-z])[A-J](?![A-Za-z])"
)  # the report's Forms A–J, lettered as the States Parties' formats


def document_text(path: Path) -> str:
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return re.sub("[\u2066-\u2069]", "", "\n".join(lines))  # the isolates around Latin words in Arabic


def names_of(path: Path) -> list[str]:
    profile = load_profile(path)
    people = [profile.signatory.name]
    if profile.signatory.full_powers_from is not None:
        people.append(profile.signatory.full_powers_from.name)
    return [text for person in people for text in [*(t for _l, t in person.by_language), person.plain] if text]


@pytest.mark.parametrize("lang", ["fr", "es", "pt", "ar", "ru", "zh"])
@pytest.mark.parametrize("profile", EXAMPLES, ids=lambda p: p.stem)
def test_every_word_of_every_document_is_in_the_packets_language(profile: Path, lang: str, tmp_path: Path) -> None:
    spec = language_spec(lang)
    assert spec is not None
    result = build_packet(profile, lang, tmp_path / "packet", pdf=False)
    allowed = names_of(profile)
    found: dict[str, list[str]] = {}
    for written in result.files:
        if not written.path.endswith(".docx") or written.path.startswith("instrument-translation"):
            continue
        text = document_text(tmp_path / "packet" / written.path)
        for pattern in NOT_PROSE:
            text = pattern.sub(" ", text)
        if written.path.startswith("checklist"):
            text = QUOTED.sub(" ", text)
        if written.path.startswith("art7-report"):
            text = FORM_LETTER.sub(" ", text)
        words = foreign_words(text, spec, allowed)
        words = [w for w in words if not IDENTIFIER.search(w)]
        if words:
            found[written.path] = sorted(set(words))
    assert not found, f"{profile.stem} in {lang}: words in another language: {found}"


@pytest.mark.parametrize("lang", ["fr", "es", "pt", "ar", "ru", "zh"])
def test_every_word_of_the_kit_documents_is_in_the_kits_language(lang: str, tmp_path: Path) -> None:
    """The index, agenda, sign-in sheet, participants and every State's brief of a workshop kit."""
    from toolkit.kits.runner import build_kits
    from toolkit.kits.workshop import load_workshop

    spec = language_spec(lang)
    assert spec is not None
    workshop = load_workshop(ROOT / "examples" / "workshop.yaml")
    profiles = [*workshop.profile_paths(), ROOT / "examples" / "profiles" / "viet-nam.yaml"]
    build_kits(profiles, [lang], tmp_path, jobs=1, pdf=False, workshop=workshop)
    allowed = [name for profile in profiles for name in names_of(profile)]
    found: dict[str, list[str]] = {}
    documents = sorted((tmp_path / lang).rglob("*.docx"))
    assert len(documents) == 5 + len(profiles)  # index, agenda, sign-in for each of 2 days, participants, briefs
    for path in documents:
        text = re.sub(r"\b[A-Z]{2}/[a-z]{2}\b", " ", document_text(path))  # the index's folders: KE/ar
        for pattern in NOT_PROSE:
            text = pattern.sub(" ", text)
        words = [w for w in foreign_words(text, spec, allowed) if not IDENTIFIER.search(w)]
        if words:
            found[path.relative_to(tmp_path).as_posix()] = sorted(set(words))
    assert not found, f"the {lang} kit: words in another language: {found}"
