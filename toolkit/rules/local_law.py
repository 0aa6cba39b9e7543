"""The local institutions a model law names: the State's own, or its legal tradition's usual ones.

A court, a prosecuting authority and an enacting formula differ from State to State (Jamaica's
Supreme Court, Cyprus's Attorney-General, Angola's «A Assembleia Nacional aprova, por mandato do
povo…»).  The profile may give each; otherwise the model law uses the usual words of its tradition
and the checklist asks to confirm them (:mod:`toolkit.rules.home_checks`).
"""

from __future__ import annotations

from ..lang.language import Language
from ..model.resolve import ResolvedText


def local_institutions(model: str, language: Language, text: ResolvedText) -> dict[str, tuple[str, bool]]:
    """The court, the prosecuting authority and the enacting formula the model law names, by profile key,
    each with whether the profile gave it: the profile's words, else the usual ones of the model's
    tradition (which the checklist asks to confirm)."""
    _ = language.gettext
    if model == "common_law":
        defaults = {
            "implementation.court": _("the High Court"),
            "implementation.prosecutor": _("the Director of Public Prosecutions"),
            "implementation.enacting_formula": _("ENACTED by Parliament as follows:"),
        }
    else:
        defaults = {
            "implementation.court": _("the criminal courts"),
            "implementation.prosecutor": _("the public prosecutor"),
            "implementation.enacting_formula": _(
                "Parliament has adopted, and the Head of State promulgates, the following law:"
            ),
        }
    given = {
        "implementation.court": text.court,
        "implementation.prosecutor": text.prosecutor,
        "implementation.enacting_formula": text.enacting_formula,
    }
    local: dict[str, tuple[str, bool]] = {}
    for key, default in defaults.items():
        resolved = given[key]
        local[key] = (resolved.text, True) if resolved is not None else (default, False)
    return local


__all__ = ["local_institutions"]
