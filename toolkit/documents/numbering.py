"""Parts, sections, chapters and articles numbered in document order, never typed.

A template says ``{{ section("offences") }}`` where a section begins and
``{{ ref("offences") }}`` where it refers to it.  The template is rendered twice:
the first pass numbers whatever the profile's facts keep (Parts that drop out
take no number), the second fills every reference.  A reference to a section
the law does not contain is an error naming it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import TemplateError
from ..lang.formats import legal_number
from ..lang.languages import LanguageSpec, language_spec


@dataclass
class Numbering:
    """Numbers handed out in order; ``final`` holds a first pass's numbers for references."""

    final: dict[str, tuple[str, str]] | None = None  # key -> (kind, number as written)
    assigned: dict[str, tuple[str, str]] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    used: bool = False
    language: LanguageSpec | None = None  # how numbers are written (None: digits and roman chapters, English)

    def number(self, kind: str, key: str) -> str:
        """The next number of ``kind`` (part, section, chapter, article), recorded under ``key``."""
        self.used = True
        if key in self.assigned:
            raise TemplateError(f"{kind} {key!r} is numbered twice", key=key, hint="each key names one place")
        self.counters[kind] = self.counters.get(kind, 0) + 1
        count = self.counters[kind]
        spec = self.language or language_spec("en")
        assert spec is not None
        written = legal_number(kind, count, spec)
        self.assigned[key] = (kind, written)  # references cite the number alone
        return spec.numbers.headings.get(kind, "{number}").format(number=written)

    def ref(self, key: str) -> str:
        """The number of the part, section, chapter or article ``key`` (resolved on the second pass)."""
        self.used = True
        if self.final is None:
            return "0"
        if key not in self.final:
            raise TemplateError(
                f"refers to {key!r}, which this State's text does not contain",
                key=key,
                hint="guard the reference with the same condition as its target, or point it elsewhere",
            )
        return self.final[key][1]

    def functions(self) -> dict[str, object]:
        """The template functions: part, section, chapter, article, ref."""
        return {
            "part": lambda key: self.number("part", key),
            "section": lambda key: self.number("section", key),
            "chapter": lambda key: self.number("chapter", key),
            "article": lambda key: self.number("article", key),
            "ref": self.ref,
        }
