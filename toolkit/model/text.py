"""Free text typed by users: one line of plain text, or one per language.

Values end up inside legal documents, so they are checked before anything is
rendered, and every character must reach the document as it is: no control
characters; no bidirectional override/embedding/isolate characters (they can make
a text read differently from how it looks); no invisible format characters
(zero-width spaces, soft hyphens, direction marks) that would print as nothing;
no lone surrogates, noncharacters or private-use characters (an XML parser drops
them, and the rest of the document with them); no emoji or other pictographs the
document faces cannot show; no absurd lengths.  Markup characters (``&``, ``<``)
and template syntax (``{{ }}``) are allowed and rendered literally.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..lang.languages import language_codes
from .invalid import invalid

MAX_TEXT_LENGTH = 300

_BIDI_CONTROLS = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}


def check_plain_text(value: Any, max_length: int = MAX_TEXT_LENGTH) -> str:
    """Return ``value`` stripped, or raise ValueError saying what is wrong and how to fix it."""
    if value is None:
        raise invalid("text_empty", "is empty; write the text, or remove the key if it is optional")
    if not isinstance(value, str):
        kind = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else f"{value!r}"
        raise invalid("text_not_text", f"must be text, not {kind} (put it in quotes if it is meant as text)")
    text = value.strip()
    if not text:
        raise invalid("text_empty", "is empty; write the text, or remove the key if it is optional")
    if len(text) > max_length:
        raise invalid(
            "text_too_long",
            f"is {len(text)} characters long; at most {max_length} are allowed",
            length=len(text),
            max=max_length,
        )
    for position, char in enumerate(text, start=1):
        problem = _unprintable(char)
        if problem:
            raise invalid(
                "text_unprintable",
                f"contains {problem} U+{ord(char):04X} at character {position}; it would not print as typed "
                "— delete it or retype the text",
                code=f"{ord(char):04X}",
                position=position,
            )
        if char in _BIDI_CONTROLS:
            raise invalid(
                "text_bidi_control",
                f"contains the invisible bidirectional control character U+{ord(char):04X} "
                f"({_BIDI_CONTROLS[char]}) at character {position}; it can make the text read "
                "differently from how it looks — delete it (right-to-left text needs no such character)",
                code=f"{ord(char):04X}",
                position=position,
            )
        if unicodedata.category(char) == "Cc":
            raise invalid(
                "text_control",
                f"contains the control character U+{ord(char):04X} at character {position}; "
                "values are single lines of plain text — delete it",
                code=f"{ord(char):04X}",
                position=position,
            )
    return text


_PICTOGRAPHS = (
    (0x1F000, 0x1FAFF),
    (0x2600, 0x27BF),
    (0x2B00, 0x2BFF),
    (0xFE00, 0xFE0F),
    (0x1F1E6, 0x1F1FF),
    (0x231A, 0x231B),  # watch, hourglass: emoji by default
    (0x23E9, 0x23F3),
    (0x25FD, 0x25FE),
)
#: Letters and symbols that print as a blank: a name made of them is no name.
_BLANKS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _unprintable(char: str) -> str:
    """What kind of character ``char`` is, if it cannot stand in a legal document as typed ("" if it can)."""
    code = ord(char)
    category = unicodedata.category(char)
    if category == "Cs":
        return "a lone surrogate (half of a character)"
    if category == "Co":
        return "a private-use character"
    if category == "Cn" or (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
        return "an unassigned character or noncharacter"
    if category in ("Zl", "Zp"):
        return "a line or paragraph separator (a value is one line)"
    if char in _BLANKS:
        return "a character that prints as a blank"
    if category == "Cf" and char not in _BIDI_CONTROLS:
        return "an invisible format character (a zero-width space, soft hyphen or direction mark)"
    if any(low <= code <= high for low, high in _PICTOGRAPHS):
        return "a pictograph or emoji, which the document faces cannot show,"
    return ""


@dataclass(frozen=True)
class Localized:
    """Text given once for all languages, or per language."""

    plain: str | None = None
    by_language: tuple[tuple[str, str], ...] = ()

    def get(self, lang: str) -> str | None:
        """The text written for ``lang``; None if only other languages are given."""
        return dict(self.by_language).get(lang)

    def any(self, preferred: list[str] | tuple[str, ...] = ()) -> str:
        """Some text: the plain one, else the first of ``preferred`` given, else the first given."""
        if self.plain is not None:
            return self.plain
        given = dict(self.by_language)
        for lang in preferred:
            if lang in given:
                return given[lang]
        return self.by_language[0][1]

    def to_data(self) -> str | dict[str, str]:
        """Back to the YAML shape."""
        return self.plain if self.plain is not None else dict(self.by_language)


def _to_localized(value: Any) -> Localized:
    if isinstance(value, Localized):
        return value
    if isinstance(value, dict):
        if not value:
            raise ValueError("is an empty mapping; give the text, or one entry per language such as {en: …, fr: …}")
        pairs = []
        for lang, text in value.items():
            if lang not in language_codes():
                raise ValueError(f"has the language key {lang!r}; language keys are {', '.join(language_codes())}")
            try:
                pairs.append((lang, check_plain_text(text)))
            except PydanticCustomError as exc:
                context = dict(exc.context or {})
                message = f"[{lang}] {context.pop('message', exc.message())}"
                raise invalid(exc.type, message, language=lang, **context) from None
        return Localized(by_language=tuple(pairs))
    return Localized(plain=check_plain_text(value))


_TEXT_SCHEMA = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_LENGTH}

PlainText = Annotated[
    str,
    PlainValidator(check_plain_text),
    WithJsonSchema(_TEXT_SCHEMA),
]

LocalizedText = Annotated[
    Localized,
    PlainValidator(_to_localized),
    PlainSerializer(lambda v: v.to_data()),
    WithJsonSchema(
        {
            "anyOf": [
                _TEXT_SCHEMA,
                {
                    "type": "object",
                    "propertyNames": {"enum": list(language_codes())},
                    "additionalProperties": _TEXT_SCHEMA,
                    "minProperties": 1,
                },
            ],
            "description": "Plain text, or a mapping with one text per language ({en: …, fr: …}).",
        }
    ),
]


def check_language_code(value: Any) -> str:
    """``value`` if it is the code of a language of the toolkit's table, else ValueError naming them."""
    if not isinstance(value, str) or value not in language_codes():
        raise ValueError(f"{value!r} is not a language of the toolkit; use one of: {', '.join(language_codes())}")
    return value


LanguageCode = Annotated[
    str,
    PlainValidator(check_language_code),
    WithJsonSchema({"type": "string", "enum": list(language_codes())}),
]
