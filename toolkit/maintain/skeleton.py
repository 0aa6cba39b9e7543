"""A commented profile skeleton for `ratkit init`, prefilled from the UN names table."""

from __future__ import annotations

from pathlib import Path

from babel.numbers import get_territory_currencies

from ..errors import OutputError, ProfileError
from ..model.names import find_state, state_name, suggest_codes
from ..model.treaty import load_treaty

_SKELETON = """\
# State profile for the Ratification Toolkit — edit, then run:
#   ratkit check {filename}      (what the depositary will check)
#   ratkit build {filename}      (the packet of documents)
# Editors that read JSON Schema: `ratkit schema > profile.schema.json`, then keep the next line.
# yaml-language-server: $schema=profile.schema.json
treaty: ccm
state:
  code: {code}                  # ISO 3166-1 code ({short})
  # names:                      # only to override the UN names, per language:
  #   en: {{short: {short}, formal: {formal}}}
  languages: [en]               # working languages, first = default packet language (en fr es ar ru zh pt)
  legal_system: {legal_system}        # common_law | civil_law | mixed
signature:
{signature_block}
# act: ratification             # ratification | acceptance | approval | accession;
                                # default: ratification for a signatory, accession otherwise
signatory:                      # who signs the instrument
  name:                         # full name of the person who signs
  title: Minister for Foreign Affairs   # text, or {{en: …, fr: …}} per language
  office: minister_for_foreign_affairs  # head_of_state | head_of_government |
                                        # minister_for_foreign_affairs | other
  # full_powers_from:           # only when office is other: who grants full powers
  #   name: …
  #   title: Minister for Foreign Affairs
  #   office: minister_for_foreign_affairs
instrument:
  place:                        # where the instrument is signed, e.g. the capital
  # date: 2027-01-15            # leave out to get a blank to fill in by hand
declarations:
  provisional_application: false   # Art. 18: apply Article 1 before entry into force
  reservations: []                 # the Convention admits none (Art. 19)
mission:
  name: {mission_name}
  city: New York
deposit:
  # planned: 2027-02-01         # for the calendar of deadlines
implementation:                 # facts that shape the model legislation (Art. 9)
  stockpiles: false             # the State holds cluster munitions
  contaminated: false           # land contaminated by cluster munition remnants
  retention_for_training: false # keeps some for training (Art. 3(6))
  armed_forces: true
  foreign_military_cooperation: false   # joint operations with States not party (Art. 21)
  # penalties: {{imprisonment_years: 10, fine: 1000000, currency: {currency}}}
  # competent_authority: Ministry of Defence
"""


def write_skeleton(path: Path, code: str | None, force: bool = False) -> Path:
    """Write a commented profile skeleton to ``path``; refuse to overwrite unless ``force``."""
    if path.exists() and not force:
        raise OutputError("already exists", path=path, hint="choose another file name, or add --force to overwrite it")
    if not path.parent.is_dir():
        raise OutputError("the folder does not exist", path=path.parent, hint="create it first")
    values = {
        "filename": path.name,
        "code": "KE",
        "short": "the State",
        "formal": "…",
        "legal_system": "common_law",
        "currency": "KES",
        "mission_name": "",
        "signature_block": "  # date: 2008-12-03            # the date the State signed; leave out if it never signed",
    }
    if code is None:
        values.update(code='""', short="fill in, e.g. KE for Kenya", formal="the Republic of Kenya")
    else:
        record = find_state(code)
        if record is None:
            close = suggest_codes(code)
            hint = f"did you mean {' or '.join(close)}?" if close else "use an ISO 3166-1 code such as KE or KEN"
            raise ProfileError(
                f"{code!r} is not the ISO 3166-1 code of a State in the UN names table", key="--state", hint=hint
            )
        name = state_name(record, "en")
        values.update(
            code=record.iso2,
            short=name.short,
            formal=name.formal,
            mission_name=f"Permanent Mission of {name.formal} to the United Nations",
        )
        currencies = get_territory_currencies(record.iso2)
        if currencies:
            values["currency"] = currencies[0]
        recorded = load_treaty("ccm").recorded_signature(record.iso2)
        if recorded is not None:
            values["signature_block"] = (
                f"  date: {recorded.signed.isoformat()}          "
                "# as the treaty data records it; check it in the UN Treaty Collection"
            )
    try:
        path.write_text(_SKELETON.format(**values), encoding="utf-8")
    except OSError as exc:
        raise OutputError(
            f"cannot be written: {exc.strerror}", path=path, hint="choose a folder you can write to"
        ) from None
    return path
