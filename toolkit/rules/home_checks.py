"""What the packet assumed about the State's own law and procedures, for the official to confirm.

Not a depositary check: the model law names a court, a prosecuting authority and an enacting formula,
the approval papers follow a procedure, and the offences sit in a law or in the Penal Code.  Where the
profile does not say, the packet uses the usual choice of the State's legal tradition, and this check
lists each one so that it is confirmed, not discovered in Parliament.
"""

from __future__ import annotations

from .check import Check, CheckInput, check
from .local_law import local_institutions

PENAL_CODE_FACT = "offences_in_penal_code"


@check(140)
def home_procedures(c: CheckInput) -> Check:
    """The local institutions and procedures the papers assume are the State's own."""
    _ = c.language.gettext
    profile = c.profile
    rule = _("The papers name the State's own courts, prosecuting authority, enacting formula and approval procedure")
    assumed: list[str] = []
    if profile.state.approval is None:
        assumed.append("state.approval")
    if profile.implementation.penalties is not None:
        local = local_institutions(profile.legislation_model, c.language, c.text)
        assumed += [key for key, (_text, given) in local.items() if not given]
        if PENAL_CODE_FACT in profile.declared_facts and not profile.fact_given(PENAL_CODE_FACT):
            assumed.append(f"implementation.{PENAL_CODE_FACT}")
    if not assumed:
        return Check("home-procedures", rule, c.toolkit(), "passed", _("The profile gives each of them."), own=True)
    return Check(
        "home-procedures",
        rule,
        c.toolkit(),
        "manual",
        _("The usual choice of the State's legal tradition is used, to confirm, for: %(fields)s.")
        % {"fields": c.join(assumed)},
        _("Confirm each against the State's law and give it in the profile."),
        blocking=False,
        field=assumed[0],
        own=True,
    )
