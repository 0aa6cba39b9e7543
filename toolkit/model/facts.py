"""The facts a State profile may state under ``implementation:``, declared as data beside the templates.

``templates/<treaty>/facts.yaml`` declares each fact the templates read: its type, its default, the
plain-language question and help the interview and ``ratkit init`` show (English msgids of the
``interface`` catalog, translated like every other word of the interview), the documents that use
it and the article or law it follows.  A coordinator adds a fact — and the Part of the model law
that depends on it — by editing that file and a DOCX, not Python: the profile's schema, its
validation, ``ratkit init``, the interview, the templates' values and ``templates check`` all read
the same declaration.  A ``--templates`` folder may declare more facts in its own
``<treaty>/facts.yaml`` (or redeclare one).

Some facts are also read by the toolkit's own rules (stockpiles and contamination set deadlines):
those are fields of :class:`~toolkit.model.profile.Implementation` too, and their declaration must
agree with the field (a yes/no fact with the same default).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import TemplateError
from ..resources import bundled_templates_dir
from .problems import validated
from .yamlsource import load_yaml

FACTS_FILE = "facts.yaml"
_NAME = re.compile(r"^[a-z][a-z0-9_]{1,40}$")
FactType = Literal["yes_no", "number"]


class FactDeclaration(BaseModel):
    """One fact: how it is asked, what it defaults to, who reads it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: FactType
    default: bool | int
    question: str = Field(min_length=3, description="English; translated in the interface catalogs")
    help: str = ""
    used_by: list[str] = Field(default_factory=list, description="the documents whose templates read it")
    source: str = Field("", description="the article of the treaty, or the national law, the fact follows")
    minimum: int | None = None
    maximum: int | None = None

    @model_validator(mode="after")
    def _default_fits(self) -> FactDeclaration:
        if self.type == "yes_no" and not isinstance(self.default, bool):
            raise ValueError(f"a yes_no fact has true or false as its default, not {self.default!r}")
        if self.type == "number" and (isinstance(self.default, bool) or not isinstance(self.default, int)):
            raise ValueError(f"a number fact has a whole number as its default, not {self.default!r}")
        return self

    def check_value(self, value: Any) -> str | None:
        """Why ``value`` is not a value of this fact (None when it is)."""
        if self.type == "yes_no":
            return None if isinstance(value, bool) else f"must be true or false, not {value!r}"
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number, not {value!r}"
        if self.minimum is not None and value < self.minimum:
            return f"must be at least {self.minimum}, not {value}"
        if self.maximum is not None and value > self.maximum:
            return f"must be at most {self.maximum}, not {value}"
        return None

    def json_schema(self) -> dict[str, Any]:
        """The fact as a JSON Schema property (for `ratkit schema` and editors)."""
        schema: dict[str, Any] = {"type": "boolean" if self.type == "yes_no" else "integer", "default": self.default}
        schema["description"] = " ".join(part for part in (self.question, self.help) if part)
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


class _FactsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    facts: dict[str, FactDeclaration]

    @field_validator("facts")
    @classmethod
    def _names(cls, facts: dict[str, FactDeclaration]) -> dict[str, FactDeclaration]:
        for name in facts:
            if not _NAME.match(name):
                raise ValueError(
                    f"{name!r} cannot name a fact: lower-case letters, digits and _, starting with a letter"
                )
        return facts


Facts = dict[str, FactDeclaration]


def facts_files(treaty: str, templates: Path | None = None) -> list[Path]:
    """The declaration files of ``treaty``: the bundled one, then the ``--templates`` folder's."""
    files = [bundled_templates_dir() / treaty / FACTS_FILE]
    if templates is not None and (templates / treaty / FACTS_FILE).is_file():
        files.append(templates / treaty / FACTS_FILE)
    return [path for path in files if path.is_file()]


def load_facts(treaty: str, templates: Path | None = None) -> Facts:
    """Every fact declared for ``treaty``, the ``--templates`` folder's over the bundled ones."""
    files = tuple(facts_files(treaty, templates))
    return dict(_load(files, tuple(_stamp(path) for path in files)))


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


@lru_cache(maxsize=16)
def _load(files: tuple[Path, ...], _stamps: tuple[tuple[int, int], ...]) -> tuple[tuple[str, FactDeclaration], ...]:
    merged: Facts = {}
    for path in files:
        merged.update(_read(path))
    return tuple(merged.items())


def _read(path: Path) -> Facts:
    start = "see docs/MAINTAINING.md, “Add a fact”"
    return validated(load_yaml(path), _FactsFile, keys="facts:", start=start, error=TemplateError).facts


__all__ = ["FACTS_FILE", "FactDeclaration", "Facts", "facts_files", "load_facts"]
