"""One error hierarchy for everything a user can cause.

Every error the toolkit raises on purpose derives from :class:`ToolkitError`.
The CLI catches that one class and prints ``str(error)``; anything else is a
bug and deserves its traceback.  No click here: the library is usable without
the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located as precisely as we can."""

    message: str
    path: Path | str | None = None
    line: int | None = None
    key: str | None = None
    hint: str | None = None
    #: What kind of problem, for interfaces that say it in the user's language
    #: (e.g. ``missing``, ``text_too_long``, ``signature_before_opening``);
    #: ``params`` are its values as text (dates ISO).  ``message`` stays the English wording.
    kind: str | None = None
    params: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        key = f"{self.key}: " if self.key else ""
        hint = f" — {self.hint}" if self.hint else ""
        return f"{where}{key}{self.message}{hint}"


MAX_SHOWN = 19  # problems printed at once: a file with 10,000 wrong keys gets a message, not a flood


class ToolkitError(Exception):
    """Base class: the user's input is wrong (exit code 1), never a bug.

    Carries one or more :class:`Problem` so that every mistake in a file can be
    reported in one pass.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        key: str | None = None,
        hint: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        if problems is None:
            problems = [Problem(message or "", path, line, key, hint)]
        self.problems = problems
        shown = [str(p) for p in problems[:MAX_SHOWN]]
        if len(problems) > MAX_SHOWN:
            more = len(problems) - MAX_SHOWN
            shown.append(str(Problem(f"… and {more:,} more problems like these", problems[0].path)))
        super().__init__("\n".join(shown))

    @property
    def first(self) -> Problem:
        """The first problem, for callers that want one location."""
        return self.problems[0]


class ProfileError(ToolkitError):
    """Raised when a State profile cannot be read or is invalid."""


class TreatyError(ToolkitError):
    """Raised when treaty data is missing or malformed."""


class TemplateError(ToolkitError):
    """Raised when a DOCX template is missing, broken or uses an unknown value."""


class LocaleError(ToolkitError):
    """Raised when a language is not supported or its catalog is broken."""


class OutputError(ToolkitError):
    """Raised when the output folder exists, cannot be written, or fails verification."""


class ConversionError(ToolkitError):
    """Raised when LibreOffice is missing or a conversion fails."""


class DepositaryError(ToolkitError):
    """Raised when the depositary would refuse the instrument and no --draft was asked."""
