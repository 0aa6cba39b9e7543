"""Shared helpers: fixture profiles, a profile writer, and DOCX text extraction."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

FIXTURES = Path(__file__).parent / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    """One cache folder for the whole run, never the user's own (tests that need another set their own)."""
    if "RATKIT_CACHE_DIR" not in os.environ:
        os.environ["RATKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="ratkit-test-cache-")


# A signatory (Kenya, signed 3 December 2008) that ratifies; minister signs; deposit planned.
KENYA = FIXTURES / "kenya.yaml"
# A non-signatory (Algeria) that accedes; Head of State signs without a title; no instrument date.
ACCESSION = FIXTURES / "accession.yaml"
# A signatory (Uganda) whose ambassador signs under full powers from the Minister for Foreign Affairs.
FULL_POWERS = FIXTURES / "full_powers.yaml"
# A non-signatory (Brazil) that accedes and declares provisional application (Art. 18).
PROVISIONAL = FIXTURES / "provisional.yaml"

ALL_FIXTURES = {"kenya": KENYA, "accession": ACCESSION, "full_powers": FULL_POWERS, "provisional": PROVISIONAL}

ProfileWriter = Callable[..., Path]


def docx_text(path: Path | str) -> str:
    """Every paragraph of the body and every table cell of a DOCX, one per line."""
    document = docx.Document(str(path))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(paragraph.text for paragraph in cell.paragraphs)
    return "\n".join(lines)


def docx_paragraphs(path: Path | str) -> list[str]:
    """The body paragraphs of a DOCX, as a list."""
    return [paragraph.text for paragraph in docx.Document(str(path)).paragraphs]


def fixture_text(path: Path) -> str:
    """The text of a fixture profile, for tests that derive a variant by replacing a line."""
    return path.read_text(encoding="utf-8")


@pytest.fixture
def write_profile(tmp_path: Path) -> ProfileWriter:
    """Write a profile (YAML text, or a dict dumped as YAML) into tmp_path and return its path."""

    def _write(content: str | bytes | dict[str, Any], name: str = "profile.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, dict):
            path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def kenya_variant(write_profile: ProfileWriter) -> Callable[..., Path]:
    """The Kenya fixture with text replacements applied (each must match exactly once)."""

    def _variant(*replacements: tuple[str, str], name: str = "profile.yaml") -> Path:
        text = fixture_text(KENYA)
        for old, new in replacements:
            assert text.count(old) == 1, f"{old!r} must occur once in the Kenya fixture"
            text = text.replace(old, new)
        return write_profile(text, name)

    return _variant
