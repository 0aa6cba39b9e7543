"""The State profile: schema, loading with file:line errors, and cross-checks.

Loading happens in three passes, and every problem of a pass is reported at
once: parse the YAML (syntax, duplicate keys), validate against the schema
(unknown keys, types, impossible dates), then cross-check fields against each
other and against the treaty (a non-signatory cannot ratify, no reservations).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from babel.numbers import get_currency_name
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .facts import Facts, load_facts
from .invalid import invalid
from .names import StateName, find_state, state_name, suggest_codes
from .text import LanguageCode, Localized, LocalizedText, PlainText
from .treaty import Treaty, available_treaties, load_treaty

Office = Literal["head_of_state", "head_of_government", "minister_for_foreign_affairs", "other"]
GrantingOffice = Literal["head_of_state", "head_of_government", "minister_for_foreign_affairs"]
ActName = Literal["ratification", "acceptance", "approval", "accession"]
LegalSystem = Literal["common_law", "civil_law", "mixed"]
ApprovalProcedure = Literal["law", "parliamentary_resolution", "executive_decision"]
Gender = Literal["female", "male", "neutral"]


EARLIEST_DATE = date(1945, 1, 1)  # no treaty act the toolkit drafts is older than the United Nations
LATEST_DATE = date(2199, 12, 31)  # deadlines run decades past a deposit; the calendar ends in 9999
_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = value.strip() if isinstance(value, str) else None
    if text is None or not _DATE_SHAPE.match(text):
        raise invalid("date_format", f"{value!r} is not a date written YYYY-MM-DD (for example 2008-12-03)")
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise invalid("date_unreal", f"{value!r} is not a real date ({exc})") from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise invalid(
            "date_range",
            f"{value!r} is not a date a treaty act can have; give a date between {EARLIEST_DATE.year} and "
            f"{LATEST_DATE.year}",
            first=EARLIEST_DATE.year,
            last=LATEST_DATE.year,
        )
    return day


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StateNames(_Section):
    """A State's names in one language, overriding the UN table."""

    short: PlainText
    formal: PlainText


class StateSection(_Section):
    """Who the State is and how it works."""

    code: str = Field(description="ISO 3166-1 alpha-2 or alpha-3 code, e.g. KE or KEN")
    names: dict[LanguageCode, StateNames] = Field(default_factory=dict)
    languages: list[LanguageCode] = Field(min_length=1, max_length=7)
    legal_system: LegalSystem
    approval: ApprovalProcedure | None = Field(
        default=None,
        description=(
            "How the State approves joining a treaty before the instrument is signed: law (Parliament "
            "passes a law authorizing it), parliamentary_resolution, or executive_decision (the Government "
            "or Cabinet decides). Default: law in a civil-law or mixed system, executive_decision in a "
            "common-law one; the checklist asks to confirm it"
        ),
    )

    @field_validator("code", mode="before")
    @classmethod
    def _known_code(cls, value: Any) -> str:
        if not isinstance(value, str):
            raise invalid("state_code", f"must be an ISO 3166-1 code such as KE or KEN, not {value!r}")
        record = find_state(value)
        if record is None:
            close = suggest_codes(value)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            raise invalid("state_code", f"{value!r} is not the ISO 3166-1 code of a State in the UN names table{hint}")
        return record.iso2

    @field_validator("languages")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        dupes = sorted({lang for lang in value if value.count(lang) > 1})
        if dupes:
            raise invalid("languages_repeated", f"lists {', '.join(dupes)} more than once", languages=", ".join(dupes))
        return value


class SignatureSection(_Section):
    """The State's signature of the treaty; no date means the State never signed."""

    date: IsoDate | None = None


class Grantor(_Section):
    """Who issues full powers: Head of State, Head of Government or Minister for Foreign Affairs."""

    name: LocalizedText = Field(description="The name, or one per script: {en: Jane Doe, ar: جين دو}")
    title: LocalizedText
    office: GrantingOffice | None = None
    gender: Gender | None = Field(default=None, description="For languages whose titles inflect (Ministra, وزيرة)")
    date: IsoDate | None = Field(
        default=None, description="The date the full powers are signed: no later than the instrument's"
    )


class Signatory(_Section):
    """The person who signs the instrument."""

    name: LocalizedText = Field(description="The name, or one per script: {en: Jane Doe, ar: جين دو}")
    gender: Gender | None = Field(default=None, description="For languages whose titles inflect (Ministra, وزيرة)")
    title: LocalizedText | None = None
    office: Office
    full_powers_from: Grantor | None = None


class InstrumentSection(_Section):
    """Where and when the instrument is signed (no date: a blank to fill by hand)."""

    place: LocalizedText
    date: IsoDate | None = None


class DeclarationsSection(_Section):
    """Declarations made with the instrument."""

    provisional_application: StrictBool = False
    reservations: list[Any] = Field(default_factory=list)

    @field_validator("reservations", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value


class Mission(_Section):
    """The State's Permanent Mission that transmits the instrument."""

    name: LocalizedText
    city: LocalizedText = Field(default_factory=lambda: Localized(by_language=(("en", "New York"),)))


class DepositSection(_Section):
    """The planned date of deposit, for the calendar."""

    planned: IsoDate | None = None


class Penalties(_Section):
    """Maximum penalties for the implementing legislation."""

    imprisonment_years: int = Field(ge=1, le=99, strict=True)
    fine: Annotated[
        Decimal,
        WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": 1e15}),  # the same in every pydantic
    ] = Field(gt=0, le=Decimal("1e15"))
    currency: str

    @field_validator("fine", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise invalid("number_format", f"must be a number without quotes or currency sign, not {value!r}")
        return value

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        code = value.strip().upper()
        if len(code) != 3 or get_currency_name(code, locale="en") == code:
            raise invalid("currency_code", f"{value!r} is not an ISO 4217 currency code (e.g. KES, EUR, USD)")
        return code


class Implementation(_Section):
    """Facts that shape the model implementing legislation (Art. 9).

    The yes/no facts below are declared, with their questions, in ``templates/<treaty>/facts.yaml``
    (:mod:`toolkit.model.facts`), which may declare more: a declared fact not named here is kept as
    given (pydantic's extra) and checked against its declaration by the loader; any other key is
    refused there, named with its line.
    """

    model_config = ConfigDict(extra="allow", frozen=True)

    stockpiles: StrictBool = False
    contaminated: StrictBool = False
    retention_for_training: StrictBool = False
    armed_forces: StrictBool = True
    foreign_military_cooperation: StrictBool = False
    penalties: Penalties | None = None
    competent_authority: LocalizedText | None = None
    court: LocalizedText | None = Field(
        default=None,
        description="The court that tries these offences, as the model law names it (default: the High Court "
        "in the common-law model, the criminal courts in the civil-law one)",
    )
    prosecutor: LocalizedText | None = Field(
        default=None,
        description="Whose consent a prosecution needs in the common-law model (default: the Director of Public "
        "Prosecutions; the Attorney-General where that office prosecutes)",
    )
    enacting_formula: LocalizedText | None = Field(
        default=None,
        description="The words that enact the law, as the State's laws begin (default: ENACTED by Parliament "
        "as follows: / Parliament has adopted, and the Head of State promulgates, the following law:)",
    )
    commencement: IsoDate | None = Field(
        default=None,
        description="The day the law comes into force, when the State fixes one; default: the deposit with an "
        "Art. 18 declaration, otherwise the Convention's entry into force for the State",
    )
    model: Literal["common_law", "civil_law"] | None = Field(
        default=None, description="Model law to draft from; default: from state.legal_system (mixed: by language)"
    )


class Profile(_Section):
    """A State profile: everything the toolkit needs to draft the packet."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Ratification Toolkit State profile")

    treaty: str = "ccm"
    state: StateSection
    signature: SignatureSection = Field(default_factory=SignatureSection)
    act: ActName | None = None
    signatory: Signatory
    instrument: InstrumentSection
    declarations: DeclarationsSection = Field(default_factory=DeclarationsSection)
    mission: Mission
    deposit: DepositSection = Field(default_factory=DepositSection)
    implementation: Implementation = Field(default_factory=Implementation)

    _source: Path | None = PrivateAttr(default=None)
    _sha256: str = PrivateAttr(default="")
    _treaties: Path | None = PrivateAttr(default=None)
    _facts: Facts | None = PrivateAttr(default=None)

    @model_validator(mode="before")
    @classmethod
    def _empty_sections(cls, data: Any) -> Any:
        """`deposit:` with only commented-out keys under it is YAML null: read it as an empty section."""
        if isinstance(data, dict):
            optional = ("signature", "declarations", "deposit", "implementation")
            data = {key: ({} if key in optional and value is None else value) for key, value in data.items()}
        return data

    @field_validator("treaty")
    @classmethod
    def _known_treaty(cls, value: str, info: ValidationInfo) -> str:
        folder = (info.context or {}).get("treaties")
        if value not in available_treaties(folder):
            raise ValueError(
                f"{value!r} is not a treaty the toolkit knows; use one of: {', '.join(available_treaties(folder))}"
            )
        return value

    @property
    def source(self) -> Path | None:
        """The file the profile was read from."""
        return self._source

    @property
    def sha256(self) -> str:
        """SHA-256 of the profile file's bytes."""
        return self._sha256

    @property
    def is_signatory(self) -> bool:
        """Whether the State signed the treaty."""
        return self.signature.date is not None

    @property
    def resolved_act(self) -> str:
        """The act: as given, else ratification for a signatory and accession otherwise."""
        if self.act is not None:
            return self.act
        return "ratification" if self.is_signatory else "accession"

    @property
    def default_language(self) -> str:
        """The first working language."""
        return self.state.languages[0]

    def state_name(self, lang: str) -> StateName:
        """The State's name in ``lang``: the profile's override, else the UN table (CLDR where it has none)."""
        override = self.state.names.get(lang)
        if override is not None:
            return StateName(override.short, override.formal, "profile")
        record = find_state(self.state.code)
        assert record is not None  # validated on load
        return state_name(record, lang)

    @property
    def approval_procedure(self) -> str:
        """How the State approves joining: as given (state.approval), else its legal system's usual way."""
        if self.state.approval is not None:
            return self.state.approval
        return "executive_decision" if self.state.legal_system == "common_law" else "law"

    @property
    def legislation_model(self) -> str:
        """common_law or civil_law: as given, else the legal system's (a mixed system by its first language)."""
        if self.implementation.model is not None:
            return self.implementation.model
        if self.state.legal_system != "mixed":
            return self.state.legal_system
        return "common_law" if self.default_language == "en" else "civil_law"

    def attach_origin(self, source: Path, sha256: str, treaties: Path | None, facts: Facts | None = None) -> None:
        """Record where the profile was read from, and the facts it was checked against (the loader
        does, once it has passed every check)."""
        self._source, self._sha256, self._treaties = source, sha256, treaties
        self._facts = facts if facts is not None else load_facts(self.treaty)

    @property
    def declared_facts(self) -> Facts:
        """The facts declared for this profile's treaty (those it was loaded with)."""
        if self._facts is None:
            self._facts = load_facts(self.treaty)
        return self._facts

    def _given_facts(self) -> dict[str, Any]:
        return {**(self.implementation.model_extra or {}), **self.implementation.model_dump(exclude_unset=True)}

    def fact_given(self, name: str) -> bool:
        """Whether the profile states ``name`` under ``implementation:`` (rather than leaving its default)."""
        return name in self._given_facts()

    def fact_values(self) -> dict[str, Any]:
        """Every fact's value: the yes/no fields the toolkit's own rules read (a deadline applies when one is
        true), then every declared fact, as the profile gives it, else its declared default."""
        given = self._given_facts()
        values: dict[str, Any] = {
            name: value
            for name, value in self.implementation
            if name in Implementation.model_fields and isinstance(value, bool)
        }
        for name, fact in self.declared_facts.items():
            if name in given:
                values[name] = given[name]
            elif name in Implementation.model_fields:
                values[name] = getattr(self.implementation, name)
            else:
                values[name] = fact.default
        return values

    def treaty_data(self) -> Treaty:
        """The treaty this profile is about."""
        return load_treaty(self.treaty, self._treaties)


def profile_json_schema(facts: Facts | None = None) -> dict[str, Any]:
    """The JSON Schema of a profile, for editors and `ratkit schema`: the declared facts (default: the
    bundled ones of the CCM) are the only keys ``implementation:`` takes besides its own fields."""
    schema = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    implementation = schema["$defs"]["Implementation"]
    for name, fact in (facts if facts is not None else load_facts("ccm")).items():
        implementation["properties"].setdefault(name, {}).update(fact.json_schema())
    implementation["additionalProperties"] = False
    return schema


__all__ = ["Profile", "profile_json_schema"]
