"""Ratification Toolkit: a State profile in, the packet to join the Convention on Cluster Munitions out.

The public API is small: load and check a profile, build a packet, verify one.
Names are imported on first use, so that ``ratkit check`` does not pay for
the PDF and DOCX libraries a build needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:  # the names below, for type checkers and editors
    from .build import BuildOptions, BuildResult, build_packet  # noqa: F401
    from .errors import (  # noqa: F401
        ConversionError,
        DepositaryError,
        LocaleError,
        OutputError,
        ProfileError,
        TemplateError,
        ToolkitError,
        TreatyError,
    )
    from .model.load import load_profile  # noqa: F401
    from .model.profile import Profile  # noqa: F401

_WHERE = {
    "build_packet": "build",
    "BuildOptions": "build",
    "BuildResult": "build",
    "load_profile": "model.load",
    "Profile": "model.profile",
    "ToolkitError": "errors",
    "ProfileError": "errors",
    "TreatyError": "errors",
    "TemplateError": "errors",
    "LocaleError": "errors",
    "OutputError": "errors",
    "ConversionError": "errors",
    "DepositaryError": "errors",
}

__all__ = ["__version__", *_WHERE]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
