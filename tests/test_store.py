"""The content store: it serves what was stored or nothing; a cached build equals a cold one."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import KENYA

from toolkit.build import build_packet
from toolkit.store import ContentStore, content_key


def test_a_stored_entry_comes_back_whole(tmp_path: Path) -> None:
    store = ContentStore(tmp_path, ".bin")
    store.put("ab" * 32, b"some bytes")
    assert store.get("ab" * 32) == b"some bytes"
    assert store.get("cd" * 32) is None


@pytest.mark.parametrize("damage", ["flip", "truncate", "swap"])
def test_a_damaged_entry_is_dropped_not_served(tmp_path: Path, damage: str) -> None:
    store = ContentStore(tmp_path, ".bin")
    store.put("ab" * 32, b"the right document")
    store.put("cd" * 32, b"another document")
    path = store.path("ab" * 32)
    raw = bytearray(path.read_bytes())
    if damage == "flip":
        raw[-3] ^= 0x01
    elif damage == "truncate":
        raw = raw[: len(raw) // 2]
    else:  # another entry's whole file put in its place (its own digest is valid, for its own key)
        raw = bytearray(store.path("cd" * 32).read_bytes())
    path.write_bytes(bytes(raw))
    assert store.get("ab" * 32) is None
    assert not path.exists()  # dropped, so the caller makes it again


def test_a_check_keeps_what_it_refuses_out(tmp_path: Path) -> None:
    store = ContentStore(tmp_path, ".pdf")
    store.put("ab" * 32, b"%PDF-1.7 truncated", check=lambda data: data.endswith(b"%%EOF"))
    assert store.get("ab" * 32) is None


def test_keys_do_not_run_parts_together() -> None:
    assert content_key("ab", "c") != content_key("a", "bc")


def test_a_cached_build_gives_the_same_bytes_as_a_cold_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATKIT_CACHE_DIR", str(tmp_path / "cache"))
    cold = build_packet(KENYA, "en", tmp_path / "cold", pdf=False, cache=False)
    build_packet(KENYA, "en", tmp_path / "warm", pdf=False)  # fills the store
    warm = build_packet(KENYA, "en", tmp_path / "again", pdf=False)  # served from it
    assert any((tmp_path / "cache" / "docx").rglob("*.docx"))
    assert [(f.path, f.sha256) for f in cold.files] == [(f.path, f.sha256) for f in warm.files]


def test_a_changed_value_is_rendered_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_profile) -> None:
    monkeypatch.setenv("RATKIT_CACHE_DIR", str(tmp_path / "cache"))
    first = build_packet(KENYA, "en", tmp_path / "a", pdf=False)
    changed = write_profile(KENYA.read_text(encoding="utf-8").replace("Nairobi", "Mombasa"))
    second = build_packet(changed, "en", tmp_path / "b", pdf=False)
    digest = {f.path: f.sha256 for f in first.files}
    assert {f.path: f.sha256 for f in second.files}["instrument.docx"] != digest["instrument.docx"]
