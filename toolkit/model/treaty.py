"""Treaty facts, loaded from ``<id>.yaml`` into a typed model.

Everything specific to one treaty is here as data — titles, places and dates,
article numbers, the entry-into-force rule, the deadlines, the documents its
packet holds — and the sentences that state its rules in words are English
msgids the catalogs translate (``ratkit i18n extract`` reads them).  The
bundled treaties are in ``toolkit/model/treaties/``; a folder given with
``RATKIT_TREATIES`` (or to :func:`load_treaty`) is searched first, so a
second treaty needs only its data file and its templates.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError, model_validator

from ..errors import TreatyError
from ..resources import treaties_dir
from .yamlsource import dotted, load_yaml

Act = str  # "ratification" | "acceptance" | "approval" | "accession"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlaceAndDate(_Strict):
    """A place and a date (adoption, opening for signature)."""

    article: int | None = None
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
    working_languages: list[str]
    practice: dict[str, str]  # what the depositary's practice manual says, by topic: its section
    delivery: str  # msgid: where the signed original goes


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
    rule: str  # msgid: the check's rule, with %(article)s
    declared: str  # msgid: the check's finding when the State declares, with %(article)s


class Declarations(_Strict):
    """Declarations the treaty admits."""

    provisional_application: ProvisionalApplication


class EntryIntoForce(_Strict):
    """The entry-into-force rule."""

    article: int
    general: dt.date
    threshold: int
    threshold_reached: dt.date
    kind: Literal["first_day_of_month", "days_after_deposit"]
    months_after_deposit: int | None = None  # first_day_of_month: the first day of the Nth month after the deposit's
    days_after_deposit: int | None = None  # days_after_deposit: the Nth day after the deposit
    title: str  # msgid: the event in the calendar, with the State's name forms (%(state_for)s…)
    description: str  # msgid: the rule in one or two sentences, with its article
    explanation: str  # msgid: the rule as `ratkit calendar` explains it when no deposit is planned

    @model_validator(mode="after")
    def _rule_has_its_number(self) -> EntryIntoForce:
        needed = "months_after_deposit" if self.kind == "first_day_of_month" else "days_after_deposit"
        if getattr(self, needed) is None:
            raise ValueError(f"kind {self.kind} needs {needed}")
        return self


class Deadline(_Strict):
    """One obligation dated from entry into force."""

    article: str
    days_after_entry_into_force: int | None = None
    years_after_entry_into_force: int | None = None
    months_after_entry_into_force: int | None = None  # a milestone before a deadline (an extension request)
    month: int | None = None  # with ``day``: every year on that date (annual reports)
    day: int | None = None
    when: str | None = None  # a fact of the profile's implementation section that must be true
    reminder_days: int = 30  # how long before it the calendar reminds
    title: str  # msgid
    description: str  # msgid


class Definition(_Strict):
    """One definition of the treaty, as one authentic text words it."""

    paragraph: int
    term: str
    verb: str  # "means", or the word the text uses ("involves,")
    text: str  # the definition after the verb, exactly


class AuthenticDefinitions(_Strict):
    """The treaty's definitions in one language, and where that text was read."""

    source: str
    terms: list[Definition]


class ReportNeed(_Strict):
    """Something only the State can give for one form of the initial report."""

    form: str  # a form's letter, or "cover"
    when: list[str] = []  # shown only if one of these facts of the profile is true (empty: always)
    description: str  # msgid


class Reporting(_Strict):
    """The initial transparency report and the forms the States Parties adopted for it."""

    article: int
    formats: str  # the symbol of the document holding the adopted forms
    forms: list[str]
    needs: list[ReportNeed]


class WithdrawalRule(_Strict):
    """How a State Party withdraws."""

    article: int
    months: int
    note: str  # msgid


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
    noun: str  # how the toolkit's own messages name the treaty ("Convention")
    documents: list[str]  # keys of the document registry this treaty's packet holds
    titles: dict[str, str]
    title_genitive: dict[str, str] = {}
    authentic_languages: list[str]
    authentic_texts_article: int
    adoption: PlaceAndDate
    opened_for_signature: PlaceAndDate
    depositary: Depositary
    untc_reference: str
    acts: Acts
    reservations: Reservations
    declarations: Declarations
    entry_into_force: EntryIntoForce
    deadlines: dict[str, Deadline]
    definitions: dict[str, AuthenticDefinitions] = {}  # by language: only authentic texts, with their source
    reporting: Reporting | None = None  # a treaty without reports to file has none
    withdrawal: WithdrawalRule
    signatories_not_ratified: list[Signature]
    parties_known: list[KnownParty]
    withdrawn: list[Withdrawal]

    _source: Path | None = PrivateAttr(default=None)

    def title(self, lang: str) -> str:
        """The treaty's title in ``lang`` (authentic where the treaty has a text in it)."""
        return self.titles[lang]

    def check_language(self, lang: str) -> None:
        """Raise :class:`TreatyError` unless the data gives the title and places in ``lang``."""
        wanted = {
            "titles": self.titles,
            "adoption.place": self.adoption.place,
            "opened_for_signature.place": self.opened_for_signature.place,
        }
        for key, values in wanted.items():
            if lang not in values:
                raise TreatyError(
                    f"gives no {key} in {lang!r}, so no document can be written in it",
                    path=self._source,
                    key=f"{key}.{lang}",
                    hint="add it to the treaty data (the authentic title where the treaty has a text in that language)",
                )

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


def treaty_folders(extra: Path | None = None) -> list[Path]:
    """Where treaty data files are looked for: ``extra``, then ``$RATKIT_TREATIES``, then the bundled folder."""
    folders = [extra] if extra is not None else []
    env = os.environ.get("RATKIT_TREATIES")
    if env:
        folders.append(Path(env))
    folders.append(treaties_dir())
    return folders


def available_treaties(extra: Path | None = None) -> list[str]:
    """Identifiers of the treaties with a data file."""
    return sorted({p.stem for folder in treaty_folders(extra) if folder.is_dir() for p in folder.glob("*.yaml")})


def treaty_file(treaty_id: str, extra: Path | None = None) -> Path:
    """The data file of ``treaty_id``; :class:`TreatyError` if no folder has one."""
    for folder in treaty_folders(extra):
        path = folder / f"{treaty_id}.yaml"
        if path.is_file():
            return path
    known = ", ".join(available_treaties(extra))
    raise TreatyError(f"unknown treaty {treaty_id!r}", key="treaty", hint=f"use one of: {known}")


def load_treaty(treaty_id: str, extra: Path | None = None) -> Treaty:
    """Load and validate the treaty data for ``treaty_id`` (e.g. ``"ccm"``)."""
    path = treaty_file(treaty_id, extra)
    return _load(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load(path: Path, _mtime_ns: int) -> Treaty:
    """The treaty file, read with the strict reader the profile uses (duplicate keys refused, lines kept)."""
    doc = load_yaml(path)
    try:
        treaty = Treaty.model_validate(doc.data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        raise TreatyError(err["msg"], path=path, line=doc.line_of(loc), key=dotted(loc)) from None
    treaty._source = path
    return treaty
