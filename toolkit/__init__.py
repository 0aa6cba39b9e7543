"""Ratification Toolkit: a State profile in, the packet to join the Convention on Cluster Munitions out.

The public API is small: load and check a profile, build a packet, verify one.
"""

from __future__ import annotations

from ._version import __version__
from .build import BuildResult, build_packet  # noqa: E402
from .errors import (  # noqa: E402
    ConversionError,
    DepositaryError,
    LocaleError,
    OutputError,
    ProfileError,
    TemplateError,
    ToolkitError,
    TreatyError,
)
from .model.profile import Profile, load_profile  # noqa: E402

__all__ = [
    "__version__",
    "build_packet",
    "BuildResult",
    "load_profile",
    "Profile",
    "ToolkitError",
    "ProfileError",
    "TreatyError",
    "TemplateError",
    "LocaleError",
    "OutputError",
    "ConversionError",
    "DepositaryError",
]
