"""A value error that says what kind of problem it is, for interfaces in other languages.

Validators raise :func:`invalid` instead of a bare ``ValueError``: pydantic keeps the
kind and the values (its documented ``PydanticCustomError``), and the loader passes
them on in :class:`~toolkit.errors.Problem` so that the interview can say the same
thing in the officer's language.  The English message is unchanged.
"""

from __future__ import annotations

from pydantic_core import PydanticCustomError


def invalid(kind: str, message: str, **params: object) -> PydanticCustomError:
    """The error to raise: ``kind`` names the problem, ``params`` are its values (kept as text)."""
    context = {name: str(value) for name, value in params.items()}
    context["message"] = message
    return PydanticCustomError(kind, "{message}", context)
