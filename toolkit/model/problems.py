"""Pydantic's validation errors as Problems a person can act on: file, line, key, fix."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import Problem, ProfileError, ToolkitError
from .yamlsource import YamlDocument, dotted

Model = TypeVar("Model", bound=BaseModel)

_FRIENDLY = {
    "missing": ("is required", None),
    "bool_type": ("must be true or false", "write true or false, without quotes"),
    "int_type": ("must be a whole number", None),
    "list_type": ("must be a list, such as [en, fr]", None),
    "dict_type": ("must be a mapping of keys and values", None),
    "model_type": ("must be a mapping of keys and values", None),
}


def dedupe(errors: list[Any]) -> list[Any]:
    """One error per location: pydantic reports a union's failure once per branch."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for err in errors:
        key = tuple(err["loc"])
        if key not in seen:
            seen.add(key)
            out.append(err)
    return out


def to_problem(err: Any, doc: YamlDocument, root: type[BaseModel]) -> Problem:
    """One pydantic error as a Problem with file, line, key, a fix, and its kind for other languages."""
    loc = tuple(err["loc"])
    kind = err["type"]
    line = doc.line_of(loc)
    context = {name: str(value) for name, value in err.get("ctx", {}).items() if name != "error"}
    message, hint = _english(err, kind, loc, root)
    return Problem(message, doc.path, line, dotted(loc), hint, kind=kind, params=context)


def _english(err: Any, kind: str, loc: tuple[Any, ...], root: type[BaseModel]) -> tuple[str, str | None]:
    if kind == "extra_forbidden":
        return f"unknown key {loc[-1]!r}", _did_you_mean(loc, root)
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"{_shown(err['input'])} is not allowed", f"use one of: {expected}"
    if kind in _BOUNDS:
        limit = next(iter(err.get("ctx", {}).values()), "")
        return f"must be {_BOUNDS[kind]} {limit}, not {_shown(err['input'], quoted=False)}", None
    if kind in _FRIENDLY:
        return _FRIENDLY[kind]
    return err["msg"].removeprefix("Value error, "), None


def _shown(value: Any, quoted: bool = True) -> str:
    """``value`` as a message quotes it: short, and never an error of its own (a 5,000-digit number)."""
    try:
        text = repr(value) if quoted else str(value)
    except ValueError:
        return "a number thousands of digits long"
    return text if len(text) <= 60 else text[:57] + "…"


_BOUNDS = {
    "greater_than_equal": "at least",
    "greater_than": "more than",
    "less_than_equal": "at most",
    "less_than": "less than",
}


def _did_you_mean(loc: tuple[Any, ...], root: type[BaseModel]) -> str:
    model: Any = root
    for part in loc[:-1]:
        field = model.model_fields.get(part) if isinstance(part, str) and hasattr(model, "model_fields") else None
        if field is None:
            return "remove it, or check its spelling"
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        model = next((a for a in (annotation, *args) if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if model is None:
            return "remove it, or check its spelling"
    close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"known keys here: {', '.join(model.model_fields)}"


def validated(
    doc: YamlDocument,
    model: type[Model],
    *,
    keys: str,
    start: str,
    error: type[ToolkitError] = ProfileError,
    context: dict[str, Any] | None = None,
) -> Model:
    """A YAML file's data as ``model``: a mapping (else one problem naming the ``keys`` it takes and where to
    ``start`` from), or every validation problem at once, each with its line, key and fix."""
    if not isinstance(doc.data, dict):
        raise error(f"must be a YAML mapping with keys such as {keys}", path=doc.path, line=1, hint=start)
    try:
        return model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        raise error(problems=[to_problem(err, doc, model) for err in dedupe(exc.errors())]) from None
