"""What a depositary check is, what it reads, and the registry that keeps them in order.

A check is a small function registered with :func:`check`: it reads the
profile, the treaty data, the packet's language and the notes on profile text
used in another language (:class:`CheckInput`) and returns a :class:`Check`
that is ``passed``, ``failed`` or ``manual`` (to be done or confirmed by
hand).  A failed blocking check means the depositary would not accept the
instrument as drafted.  Checks do no I/O; their words are in the packet's
language, like every other text of the packet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ..lang.language import Language
from ..model.profile import Profile
from ..model.treaty import Treaty

Status = Literal["passed", "failed", "manual"]


@dataclass(frozen=True)
class Check:
    """One thing the depositary checks, and how this instrument fares."""

    id: str
    rule: str
    source: str
    status: Status
    detail: str
    fix: str = ""
    blocking: bool = True

    @property
    def refuses(self) -> bool:
        """Whether this check would make the depositary refuse the instrument."""
        return self.status == "failed" and self.blocking


@dataclass
class TextNote:
    """A piece of profile text used in a language it was not written for."""

    field: str
    lang: str
    used: str


@dataclass
class CheckInput:
    """Everything a check reads, with the citations it writes in the packet's language."""

    profile: Profile
    treaty: Treaty
    language: Language
    text_notes: list[TextNote] = field(default_factory=list)

    def _(self, message: str) -> str:
        return self.language.gettext(message)

    def day(self, value: date) -> str:
        """A date as the packet writes it."""
        return self.language.long_date(value)

    def join(self, items: list[str]) -> str:
        """A list as the packet's language writes one."""
        return self.language.join(items)

    def practice(self, topic: str) -> str:
        """The section of the depositary's practice manual on ``topic`` (from the treaty data)."""
        section = self.treaty.depositary.practice[topic]
        return self._("UN Treaty Handbook (2012), section %(section)s") % {"section": section}

    def article(self, number: object) -> str:
        """ "Convention, article N" in the packet's language."""
        return self._("Convention, article %(article)s") % {"article": self.language.article(number)}

    def untc(self) -> str:
        """The treaty's page in the UN Treaty Collection."""
        return self._("UN Treaty Collection, %(reference)s") % {"reference": self.treaty.untc_reference}

    def office_titles(self) -> dict[str, str]:
        """The generic title of each office in the packet's language."""
        return office_titles(self.language.gettext)


def office_titles(_: Callable[[str], str]) -> dict[str, str]:
    """The generic title of each office, in the language of ``_`` (a gettext function)."""
    return {
        "head_of_state": _("Head of State"),
        "head_of_government": _("Head of Government"),
        "minister_for_foreign_affairs": _("Minister for Foreign Affairs"),
    }


CheckFunction = Callable[[CheckInput], Check]
_REGISTRY: list[tuple[int, CheckFunction]] = []


def check(order: int) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check; ``order`` places it in the order an official goes through them."""

    def register(function: CheckFunction) -> CheckFunction:
        _REGISTRY.append((order, function))
        _REGISTRY.sort(key=lambda item: item[0])
        return function

    return register


def registered_checks() -> list[CheckFunction]:
    """Every check registered so far, in order (:mod:`toolkit.rules.depositary` imports them all)."""
    return [function for _order, function in _REGISTRY]
