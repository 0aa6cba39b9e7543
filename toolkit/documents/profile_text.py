"""Profile text resolved for one language: the text given for it, else what the toolkit knows.

Every piece of free text from the profile (a title, a place, a mission, an
authority) is a string or a mapping per language.  For the packet's language
the resolver takes the text written for it, else a plain string when the
packet is in the profile's first language, else what the toolkit really knows
in that language (a fallback the caller gives) — and records every text used
in a language it was not written for, so that the checklist can say so.
"""

from __future__ import annotations

from ..lang.language import Language
from ..model.profile import Profile
from ..model.text import Localized
from ..rules.check import TextNote


class ProfileText:
    """Resolves a profile's text for one language and keeps notes of what did not fit."""

    def __init__(self, profile: Profile, language: Language, preferred: list[str]) -> None:
        self.profile = profile
        self.language = language
        self.preferred = preferred  # where the language has no text: these first (the depositary's languages)
        self.notes: list[TextNote] = []

    def text(self, value: Localized, field_name: str, fallback: str | None = None) -> str:
        """The text of ``value`` for the language (see the module's docstring)."""
        lang = self.language.code
        exact = value.get(lang)
        if exact is not None:
            return exact
        if value.plain is not None and lang == self.profile.default_language:
            return value.plain
        given = value.any([*self.preferred, *self.profile.state.languages])
        if fallback is not None:
            self.notes.append(TextNote(field_name, lang, f"{fallback} ← {given}"))
            return fallback
        self.notes.append(TextNote(field_name, lang, given))
        return given

    def note(self, field_name: str, used: str) -> None:
        """Record a text used in the documents that is not in the packet's language's own source."""
        self.notes.append(TextNote(field_name, self.language.code, used))
