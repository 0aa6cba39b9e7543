"""Every depositary check, run in the order an official goes through them.

The checks are small functions registered with :func:`~toolkit.rules.check.check`
in the modules imported here; a new check is one more function there.
"""

from __future__ import annotations

from . import delivery_checks, home_checks, instrument_checks
from .check import Check, CheckInput, registered_checks

CHECK_MODULES = (instrument_checks, delivery_checks, home_checks)  # importing them registers their checks


def run_checks(inputs: CheckInput) -> list[Check]:
    """Every depositary check, in the order an official would go through them."""
    return [function(inputs) for function in registered_checks()]
