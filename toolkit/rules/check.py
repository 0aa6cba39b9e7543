"""What a depositary check is, what it reads, and the registry that keeps them in order.

A check is a small function registered with :func:`check`: it reads the
profile, the treaty data, the packet's language and the profile's words
resolved in it (:class:`CheckInput`) and returns a :class:`Check`
that is ``passed``, ``failed`` or ``manual`` (to be done or confirmed by
hand).  A failed blocking check means the depositary would not accept the
instrument as drafted.  Checks do no I/O; their words are in the packet's
language, like every other text of the packet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..lang.language import Language
from ..model.profile import Profile
from ..model.resolve import ResolvedText, office_titles
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
    field: str = ""  # the profile key to change when it does not pass, where one is to blame (mission.name)
    own: bool = False  # a check the toolkit makes of its own documents, not one the depositary makes

    @property
    def refuses(self) -> bool:
        """Whether this check would make the depositary refuse the instrument."""
        return self.status == "failed" and self.blocking


@dataclass
class CheckInput:
    """Everything a check reads, with the citations it writes in the packet's language."""

    profile: Profile
    treaty: Treaty
    language: Language
    text: ResolvedText  # the profile's words in the packet's language
    translation_text: ResolvedText | None = None  # and in the courtesy translation's, when there is one

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

    def toolkit(self) -> str:
        """The source of a check the toolkit makes of its own documents (not one the depositary makes)."""
        return self._("Ratification Toolkit: a check of the documents, not one the depositary makes")

    def untc(self) -> str:
        """The treaty's page in the UN Treaty Collection."""
        return self._("UN Treaty Collection, %(reference)s") % {"reference": self._(self.treaty.untc_reference)}

    def office_titles(self, gender: str | None = None) -> dict[str, str]:
        """The title of each office in the packet's language (the feminine forms for a woman)."""
        return office_titles(self.language, gender)


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
