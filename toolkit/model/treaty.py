"""Treaty facts, loaded from ``toolkit/treaties/<id>.yaml`` into a typed model."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import TreatyError
from ..resources import treaties_dir
from .yamlsource import dotted, load_yaml

Act = str  # "ratification" | "acceptance" | "approval" | "accession"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlaceAndDate(_Strict):
    """A place and a date (adoption, opening for signature)."""

    date: dt.date
    place: dict[str, str]
    place_in: dict[str, str] = {}
    closed: dt.date | None = None


class Depositary(_Strict):
    """Who keeps the treaty and receives instruments."""

    article: int
    office: dict[str, str]
    address: str
    email: str


class Acts(_Strict):
    """Which acts signatories and other States deposit."""

    article: int
    signatory: list[Act]
    non_signatory: list[Act]


class Reservations(_Strict):
    """Whether reservations are allowed."""

    allowed: bool
    article: int


class ProvisionalApplication(_Strict):
    """Which articles a State may apply before entry into force."""

    article: int
    applies: list[int]


class Declarations(_Strict):
    """Declarations the treaty admits."""

    provisional_application: ProvisionalApplication


class EntryIntoForce(_Strict):
    """The entry-into-force rule."""

    article: int
    general: dt.date
    threshold: int
    threshold_reached: dt.date
    months_after_deposit: int


class Deadline(_Strict):
    """One obligation dated from entry into force."""

    article: str
    days_after_entry_into_force: int | None = None
    years_after_entry_into_force: int | None = None
    month: int | None = None
    day: int | None = None
    months: int | None = None
    when: str | None = None


class Signature(_Strict):
    """A recorded signature."""

    code: str
    signed: dt.date
    general_knowledge: bool = False


class KnownParty(_Strict):
    """A recorded deposit."""

    code: str
    act: Act
    deposited: dt.date
    entry_into_force: dt.date | None = None


class Withdrawal(_Strict):
    """A recorded withdrawal."""

    code: str
    effective: dt.date


class Treaty(_Strict):
    """Everything the toolkit knows about one treaty."""

    id: str
    short_name: str
    titles: dict[str, str]
    title_genitive: dict[str, str] = {}
    authentic_languages: list[str]
    adoption: PlaceAndDate
    opened_for_signature: PlaceAndDate
    depositary: Depositary
    untc_reference: str
    acts: Acts
    reservations: Reservations
    declarations: Declarations
    entry_into_force: EntryIntoForce
    deadlines: dict[str, Deadline]
    signatories_not_ratified: list[Signature]
    parties_known: list[KnownParty]
    withdrawn: list[Withdrawal]

    def title(self, lang: str) -> str:
        """The treaty's title in ``lang`` (authentic where the treaty has a text in it)."""
        return self.titles[lang]

    def title_is_authentic(self, lang: str) -> bool:
        """Whether the title in ``lang`` comes from an authentic text."""
        return lang in self.authentic_languages

    def recorded_signature(self, iso2: str) -> Signature | None:
        """The signature the treaty data records for a State that has not yet ratified."""
        return next((s for s in self.signatories_not_ratified if s.code == iso2), None)

    def recorded_party(self, iso2: str) -> KnownParty | None:
        """A deposit the treaty data records for this State, if any."""
        return next((p for p in self.parties_known if p.code == iso2), None)

    def recorded_withdrawal(self, iso2: str) -> Withdrawal | None:
        """A withdrawal the treaty data records for this State, if any."""
        return next((w for w in self.withdrawn if w.code == iso2), None)


def available_treaties() -> list[str]:
    """Identifiers of the treaties with a data file."""
    return sorted(p.stem for p in treaties_dir().glob("*.yaml"))


@lru_cache(maxsize=8)
def load_treaty(treaty_id: str) -> Treaty:
    """Load and validate the treaty data for ``treaty_id`` (e.g. ``"ccm"``)."""
    known = available_treaties()
    if treaty_id not in known:
        raise TreatyError(f"unknown treaty {treaty_id!r}", key="treaty", hint=f"use one of: {', '.join(known)}")
    path = treaties_dir() / f"{treaty_id}.yaml"
    doc = load_yaml(path)
    try:
        return Treaty.model_validate(doc.data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        raise TreatyError(err["msg"], path=path, line=doc.line_of(loc), key=dotted(loc)) from None
