"""What `ratkit serve` was told, carried to each of its server processes (through the environment)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

SETTINGS_VARIABLE = "RATKIT_SERVE_SETTINGS"


@dataclass(frozen=True)
class ServeSettings:
    """What `ratkit serve` was told, handed to each of its server processes."""

    templates: Path | None = None
    locales: Path | None = None
    builds: int = 2

    def to_json(self) -> str:
        """The settings as the environment carries them."""
        return json.dumps({"templates": _text(self.templates), "locales": _text(self.locales), "builds": self.builds})

    @classmethod
    def from_json(cls, text: str) -> ServeSettings:
        """The settings back from :meth:`to_json`."""
        data = json.loads(text)
        folder = {key: Path(data[key]) if data.get(key) else None for key in ("templates", "locales")}
        return cls(folder["templates"], folder["locales"], int(data.get("builds", 2)))


def settings_from_environment() -> ServeSettings:
    """The settings of this server process (the defaults outside `ratkit serve`)."""
    return ServeSettings.from_json(os.environ.get(SETTINGS_VARIABLE, "{}"))


def _text(path: Path | None) -> str | None:
    return str(path.resolve()) if path is not None else None
