"""The one owner of paths to templates, locales and bundled data.

In a source checkout the folders ``templates/`` and ``locales/`` sit beside the
package; in an installed wheel they are packaged inside it as
``toolkit/templates`` and ``toolkit/locales``.  A coordinator may put their own
template folder first with ``--templates DIR``; templates missing there fall
back to the bundled ones.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import TemplateError

PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = PACKAGE_DIR.parent


def _bundled(name: str) -> Path:
    inside = PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _SOURCE_ROOT / name


def bundled_templates_dir() -> Path:
    """The folder of templates shipped with the toolkit."""
    return _bundled("templates")


def locales_dir() -> Path:
    """The folder holding ``<lang>/LC_MESSAGES/*.po`` catalogs."""
    return _bundled("locales")


def cache_root() -> Path:
    """Where the toolkit keeps what it can make again: ``$RATKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/ratkit``,
    else ``~/.cache/ratkit`` — converted PDFs (``pdf/``), compiled templates (``templates/``), LibreOffice's
    seed profile and version."""
    explicit = os.environ.get("RATKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ratkit"


def examples_dir() -> Path:
    """The example State profiles (``examples/profiles/*.yaml``) and the profile schema."""
    return _bundled("examples")


def data_dir() -> Path:
    """Reference data shipped inside the package (UN names table)."""
    return PACKAGE_DIR / "model" / "data"


def treaties_dir() -> Path:
    """Treaty fact files (``ccm.yaml``)."""
    return PACKAGE_DIR / "model" / "treaties"


class TemplateSearchPath:
    """Finds a template by relative name, user folder first, bundled last."""

    def __init__(self, user_dir: Path | None = None) -> None:
        self.dirs: list[Path] = []
        if user_dir is not None:
            if not user_dir.is_dir():
                raise TemplateError(
                    "is not a folder",
                    path=user_dir,
                    key="--templates",
                    hint="give a folder laid out like the bundled templates/ (instruments/, packet/, legislation/)",
                )
            self.dirs.append(user_dir.resolve())
        self.dirs.append(bundled_templates_dir())

    def find(self, name: str) -> Path:
        """Return the path of template ``name`` (e.g. ``instruments/instrument.docx``)."""
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise TemplateError(f"template name {name!r} must be relative to a templates folder")
        for folder in self.dirs:
            candidate = folder / name
            if candidate.is_file():
                return candidate
            if candidate.exists() or candidate.is_symlink():  # never pass over the user's own silently
                raise TemplateError(
                    "is not a template file (a folder, a device or a broken link)",
                    path=candidate,
                    key="--templates",
                    hint="put a .docx file there, or remove it to use the bundled template",
                )
        searched = ", ".join(str(d) for d in self.dirs)
        raise TemplateError(f"template {name} not found (searched {searched})", key="template")

    def all_templates(self) -> list[tuple[str, Path]]:
        """Every ``.docx`` template visible on the search path, by relative name."""
        seen: dict[str, Path] = {}
        for folder in self.dirs:
            for path in sorted(folder.rglob("*.docx")):
                rel = path.relative_to(folder).as_posix()
                if not path.name.startswith("~$"):
                    seen.setdefault(rel, path)
        return sorted(seen.items())
