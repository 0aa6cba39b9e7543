"""A workshop description (``workshop.yaml``): what `ratkit kits` prints on the index and the front matter.

Everything is optional except the title; the profiles and languages may come from the file or the
command line.  Free text is plain text or one per language, checked like a profile's text: a kit in
a language the description gives no text for is refused, naming the field (never an English title
inside an Arabic agenda).  Problems name the file, the line, the field and the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from ..errors import Problem, ProfileError
from ..model.names import find_state
from ..model.problems import validated
from ..model.profile import IsoDate
from ..model.text import LanguageCode, Localized, LocalizedText, PlainText
from ..model.yamlsource import YamlDocument, load_yaml

WORKSHOP_EXAMPLE = "examples/workshop.yaml"
MAX_DAYS = 10
MAX_SESSIONS = 60
MAX_PARTICIPANTS = 400


def _clock(value: Any) -> time:
    """``"09:30"`` (YAML reads an unquoted 09:30 as text here; 24-hour clock)."""
    if isinstance(value, time):
        return value
    if isinstance(value, int) and not isinstance(value, bool):  # YAML 1.1 reads 9:30 as sexagesimal 570
        value = f"{value // 60:02d}:{value % 60:02d}"
    if not isinstance(value, str) or not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value.strip()):
        raise ValueError(f'{value!r} is not a time of day; write it on the 24-hour clock in quotes, e.g. "09:30"')
    hours, minutes = value.strip().split(":")
    return time(int(hours), int(minutes))


Clock = Annotated[time, BeforeValidator(_clock)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Session(_Section):
    """One session of the agenda."""

    day: int = Field(1, ge=1, le=MAX_DAYS, description="1 for the first day of the workshop")
    start: Clock
    end: Clock
    title: LocalizedText
    speaker: LocalizedText | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Session:
        if self.end <= self.start:
            raise ValueError(f"ends at {self.end:%H:%M}, not after it starts at {self.start:%H:%M}")
        return self


class Participant(_Section):
    """Someone expected in the room: printed on the participant list and the sign-in sheet."""

    name: LocalizedText
    state: str | None = Field(None, description="the State's code (KE) when the participant represents one")
    organisation: LocalizedText | None = None
    function: LocalizedText | None = None

    @field_validator("state")
    @classmethod
    def _known_state(cls, code: str | None) -> str | None:
        if code is None:
            return None
        record = find_state(code)
        if record is None:
            raise ValueError(f"{code!r} is not a State's code; give its ISO code, such as KE or VNM")
        return record.iso2

    @model_validator(mode="after")
    def _represents_someone(self) -> Participant:
        if self.state is None and self.organisation is None:
            raise ValueError("needs state: (a State's code, such as KE) or organisation: (its name)")
        return self


class Workshop(_Section):
    """A workshop's description."""

    title: LocalizedText
    start: IsoDate | None = None
    end: IsoDate | None = None
    venue: LocalizedText | None = None
    organisers: list[LocalizedText] = Field(default_factory=list, max_length=10)
    languages: list[LanguageCode] = Field(default_factory=list)
    profiles: list[PlainText] = Field(default_factory=list, description="paths relative to this file")
    agenda: list[Session] = Field(default_factory=list, max_length=MAX_SESSIONS)
    participants: list[Participant] = Field(default_factory=list, max_length=MAX_PARTICIPANTS)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Workshop:
        if self.end is not None and self.start is None:
            raise ValueError("gives end: without start:; give the first day as start:")
        if self.start and self.end and not 0 <= (self.end - self.start).days < MAX_DAYS:
            raise ValueError(
                f"runs from {self.start} to {self.end}; the end must be on or after the start, "
                f"and a workshop at most {MAX_DAYS} days long"
            )
        last = max((session.day for session in self.agenda), default=1)
        if self.agenda and last > self.days:
            raise ValueError(f"has a session on day {last}, but the workshop has {self.days} day(s) (start:, end:)")
        return self

    @property
    def days(self) -> int:
        """How many days the workshop lasts (1 when no dates are given)."""
        if self.start is None:
            return 1
        return ((self.end or self.start) - self.start).days + 1

    def day(self, number: int) -> date | None:
        """The date of day ``number`` (1-based), when the workshop has dates."""
        if self.start is None:
            return None
        return date.fromordinal(self.start.toordinal() + number - 1)

    def texts(self) -> list[tuple[str, Localized]]:
        """Every free text of the description, with the field it is in."""
        found: list[tuple[str, Localized]] = [("title", self.title)]
        if self.venue is not None:
            found.append(("venue", self.venue))
        found += [(f"organisers.{i}", text) for i, text in enumerate(self.organisers)]
        for i, session in enumerate(self.agenda):
            found.append((f"agenda.{i}.title", session.title))
            if session.speaker is not None:
                found.append((f"agenda.{i}.speaker", session.speaker))
        for i, person in enumerate(self.participants):
            for key in ("organisation", "function"):
                text = getattr(person, key)
                if text is not None:
                    found.append((f"participants.{i}.{key}", text))
        return found


@dataclass(frozen=True)
class WorkshopFile:
    """A workshop description and the file it was read from (its folder anchors the profiles' paths)."""

    workshop: Workshop
    doc: YamlDocument

    @property
    def path(self) -> Path:
        """The workshop.yaml file."""
        return self.doc.path

    def line_of(self, key: str) -> int | None:
        """The line of a dotted field (``agenda.2.title``)."""
        return self.doc.line_of(tuple(int(part) if part.isdigit() else part for part in key.split(".")))

    def profile_paths(self) -> list[Path]:
        """The profiles it lists, relative to its own folder; a missing one is refused with its line
        (a kit printed without a State nobody noticed is worse than no kit)."""
        paths = [(self.path.parent / name) for name in self.workshop.profiles]
        problems = [
            Problem(
                f"lists {name}, which does not exist ({path})",
                self.path,
                self.line_of(f"profiles.{i}"),
                f"profiles.{i}",
                "correct the path (relative to this file), or remove the line",
            )
            for i, (name, path) in enumerate(zip(self.workshop.profiles, paths, strict=True))
            if not path.is_file()
        ]
        if problems:
            raise ProfileError(problems=problems)
        return paths

    def check_languages(self, languages: list[str]) -> None:
        """Refuse a kit language that some text of the description is not given in."""
        problems = []
        for key, text in self.workshop.texts():
            if text.plain is not None:
                continue
            for lang in languages:
                if text.get(lang) is None:
                    given = ", ".join(code for code, _ in text.by_language)
                    problems.append(
                        Problem(
                            f"has no {lang} text (it is given in {given}); the {lang} kit would show another "
                            "language's words",
                            self.path,
                            self.line_of(key),
                            key,
                            f"add {lang}: … to it, or write one text for every language",
                            kind="workshop_text_missing",
                            params={"language": lang},
                        )
                    )
        if problems:
            raise ProfileError(problems=problems)


def load_workshop(path: Path) -> WorkshopFile:
    """Read and validate ``workshop.yaml``; :class:`ProfileError` listing every problem with its line."""
    doc = load_yaml(path)
    keys = "title:, start:, venue:, languages:, profiles:"
    return WorkshopFile(validated(doc, Workshop, keys=keys, start=f"start from {WORKSHOP_EXAMPLE}"), doc)
