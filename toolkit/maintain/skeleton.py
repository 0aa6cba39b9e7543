"""A commented profile skeleton for `ratkit init`, prefilled with what the toolkit knows of the State.

For a State code it fills in: the State's working languages among the toolkit's
(CLDR's official languages of the territory, English when none is one of them),
the signature the treaty data records, the Permanent Mission's usual name in
each working language (from the UN names), the currency of the penalties
example.  The legal system is asked for — no sourced table gives it — or left
for `ratkit check` to ask, with the choices explained.
"""

from __future__ import annotations

from pathlib import Path

from babel.languages import get_official_languages
from babel.numbers import get_territory_currencies

from ..errors import OutputError, ProfileError
from ..lang.catalog import document_languages
from ..lang.language import resolve_language
from ..lang.languages import SOURCE_LANGUAGE
from ..model.facts import Facts, load_facts
from ..model.names import find_state, state_name, suggest_codes
from ..model.resolve import mission_name_of
from ..model.treaty import load_treaty

LEGAL_SYSTEMS = {
    "common_law": "laws made by Parliament in Acts, with Parts and sections (the English tradition)",
    "civil_law": "laws in articles and chapters, often with a penal code (the French, Spanish, Portuguese tradition)",
    "mixed": "both traditions: the model law follows the packet's language",
}

_SKELETON = """\
# State profile for the Ratification Toolkit — edit, then run:
#   ratkit check {filename}      (what the depositary will check)
#   ratkit build {filename}      (the packet of documents)
# Text that appears in documents may be one text (in the first working language) or one per
# language: {{en: …, fr: …}}. A document in a language the profile gives no text for is not ready.
# Editors that read JSON Schema: `ratkit schema > profile.schema.json`, then keep the next line.
# yaml-language-server: $schema=profile.schema.json
treaty: ccm
state:
  code: {code}                  # ISO 3166-1 code ({short})
  # names:                      # only to override the UN names, per language:
  #   en: {{short: {short}, formal: {formal}}}
  languages: {languages}{languages_note}
  legal_system: {legal_system}{legal_note}
  # approval: law               # how the State approves joining before signing: law (Parliament passes a law)
                                # | parliamentary_resolution | executive_decision (the Government decides);
                                # default: law, or executive_decision in a common-law system — to confirm
signature:
{signature_block}
# act: ratification             # ratification | acceptance | approval | accession;
                                # default: ratification for a signatory, accession otherwise
signatory:                      # who signs the instrument
  name:                         # full name; per script if it has one: {{en: …, ar: …}}
  # gender: female              # female | male | neutral: the form of a title in languages that inflect it
  # title: {{en: …, fr: …}}      # the exact title in each working language, where it differs from the office's
  office: minister_for_foreign_affairs  # head_of_state | head_of_government |
                                        # minister_for_foreign_affairs | other
  # full_powers_from:           # only when office is other: who grants full powers
  #   name: …
  #   title: Minister for Foreign Affairs
  #   office: minister_for_foreign_affairs
instrument:
  place:                        # where the instrument is signed, e.g. the capital ({{en: …, fr: …}} if it differs)
  # date: 2027-01-15            # leave out to get a blank to fill in by hand
declarations:
  provisional_application: false   # Art. 18: apply Article 1 before entry into force
  reservations: []                 # the Convention admits none (Art. 19)
mission:
  name:{mission_name}
  city: New York
deposit:
  # planned: 2027-02-01         # for the calendar of deadlines
implementation:                 # facts that shape the model legislation (Art. 9)
{facts_block}
  # penalties: {{imprisonment_years: 10, fine: 1000000, currency: {currency}}}
  # competent_authority: {{en: Ministry of Defence}}   # in each working language
  # court: {{en: the Supreme Court}}          # the court that tries the offences; default: the High Court
  #                                          # (common law), the criminal courts (civil law) — to confirm
  # prosecutor: {{en: the Attorney-General}}  # whose consent a prosecution needs (common law);
  #                                          # default: the Director of Public Prosecutions
  # enacting_formula: {{en: "BE IT ENACTED by Parliament as follows:"}}   # as the State's laws begin
  # commencement: 2027-06-01                 # the law's day; default: the deposit with an Art. 18
  #                                          # declaration, otherwise entry into force for the State
"""


def facts_block(facts: Facts) -> str:
    """One line per declared fact: its default, and the question it answers as a comment."""
    lines = []
    for name, fact in facts.items():
        value = str(fact.default).lower() if isinstance(fact.default, bool) else str(fact.default)
        entry = f"  {name}: {value}"
        padded = f"{entry:<32}" if len(entry) < 32 else entry + "  "
        lines.append(f"{padded}# {fact.question}" + (f" ({fact.source})" if fact.source else ""))
    return "\n".join(lines)


def working_languages(iso2: str) -> list[str]:
    """The State's official languages (CLDR) among those the toolkit writes, in CLDR's order; else English."""
    available = document_languages()
    found = [lang for lang in get_official_languages(iso2, de_facto=True) if lang in available]
    return found or [SOURCE_LANGUAGE]


def write_skeleton(
    path: Path,
    code: str | None,
    force: bool = False,
    legal_system: str | None = None,
    templates: Path | None = None,
) -> Path:
    """Write a commented profile skeleton to ``path``; refuse to overwrite unless ``force``.

    The implementation facts are those declared in ``<treaty>/facts.yaml`` (and in ``templates``'),
    each with its default and its question."""
    if path.exists() and not force:
        raise OutputError("already exists", path=path, hint="choose another file name, or add --force to overwrite it")
    if not path.parent.is_dir():
        raise OutputError("the folder does not exist", path=path.parent, hint="create it first")
    values = {
        "filename": path.name,
        "code": '""',
        "short": "fill in, e.g. KE for Kenya",
        "formal": "the Republic of Kenya",
        "languages": "[en]",
        "languages_note": "               # working languages, first = default packet language (en fr es ar ru zh pt)",
        "legal_system": legal_system or "",
        "legal_note": _legal_note(legal_system),
        "currency": "KES",
        "mission_name": "                         # e.g. Permanent Mission of … to the United Nations",
        "signature_block": "  # date: 2008-12-03            # the date the State signed; leave out if it never signed",
        "facts_block": facts_block(load_facts("ccm", templates)),
    }
    if code is not None:
        values.update(_state_values(code))
    try:
        path.write_text(_SKELETON.format(**values), encoding="utf-8")
    except OSError as exc:
        raise OutputError(
            f"cannot be written: {exc.strerror}", path=path, hint="choose a folder you can write to"
        ) from None
    return path


def _legal_note(legal_system: str | None) -> str:
    if legal_system:
        return ""
    lines = [f"\n{'':32}#   {name} — {meaning}" for name, meaning in LEGAL_SYSTEMS.items()]
    return "                  # to fill in, one of:" + "".join(lines)


def _state_values(code: str) -> dict[str, str]:
    record = find_state(code)
    if record is None:
        close = suggest_codes(code)
        hint = f"did you mean {' or '.join(close)}?" if close else "use an ISO 3166-1 code such as KE or KEN"
        raise ProfileError(
            f"{code!r} is not the ISO 3166-1 code of a State in the UN names table", key="--state", hint=hint
        )
    name = state_name(record, "en")
    languages = working_languages(record.iso2)
    missions = {}
    for lang in languages:
        local = state_name(record, lang)
        missions[lang] = mission_name_of(local.short, local.formal, resolve_language(lang))
    values = {
        "code": record.iso2,
        "short": name.short,
        "formal": name.formal,
        "languages": "[" + ", ".join(languages) + "]",
        "languages_note": "  # the State's official languages among the toolkit's (CLDR); first = default",
    }
    if len(languages) == 1:
        values["mission_name"] = " " + missions[languages[0]]
    else:
        values["mission_name"] = "".join(f"\n    {lang}: {text}" for lang, text in missions.items())
    currencies = get_territory_currencies(record.iso2)
    if currencies:
        values["currency"] = currencies[0]
    recorded = load_treaty("ccm").recorded_signature(record.iso2)
    if recorded is not None:
        values["signature_block"] = (
            f"  date: {recorded.signed.isoformat()}          "
            "# as the treaty data records it; check it in the UN Treaty Collection"
        )
    return values
