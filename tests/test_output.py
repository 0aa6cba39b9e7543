"""toolkit.output: the packet folder appears whole or not at all; the manifest verifies it."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from pathlib import Path

import pytest

from toolkit.errors import OutputError
from toolkit.files import sha256_file, write_atomic
from toolkit.manifest import MANIFEST, MANIFEST_DIGEST, read_manifest, verify_packet, write_file, write_manifest
from toolkit.output import check_target, staging_folder


def make_packet(out: Path, files: dict[str, bytes]) -> None:
    """A packet folder written the way build does it."""
    with staging_folder(out) as staging:
        written = [write_file(staging, name, data, "instruments/x.docx", "0" * 64) for name, data in files.items()]
        write_manifest(staging, {"state": {"code": "KE"}}, written)


def test_new_folder_is_accepted(tmp_path):
    check_target(tmp_path / "packet", force=False)  # no error: nothing is there yet


def test_missing_parent_is_refused(tmp_path):
    with pytest.raises(OutputError) as info:
        check_target(tmp_path / "nowhere" / "packet", force=True)
    assert str(info.value) == (
        f"{tmp_path / 'nowhere'}: --out: the parent folder does not exist — create it first, or choose another --out"
    )


def test_existing_folder_is_refused_without_force(tmp_path):
    out = tmp_path / "packet"
    make_packet(out, {"a.docx": b"A"})
    with pytest.raises(OutputError) as info:
        check_target(out, force=False)
    assert (
        str(info.value) == f"{out}: --out: already holds a packet — use --force to replace it, or choose another --out"
    )
    assert (out / "a.docx").read_bytes() == b"A"


def test_existing_packet_is_replaced_with_force(tmp_path):
    out = tmp_path / "packet"
    make_packet(out, {"old.docx": b"old"})
    check_target(out, force=True)
    make_packet(out, {"new.docx": b"new"})
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, MANIFEST_DIGEST, "new.docx"]
    assert (out / "new.docx").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packet"]  # no .tmp or .old left beside it


def test_empty_existing_folder_may_be_used_with_force(tmp_path):
    out = tmp_path / "packet"
    out.mkdir()
    check_target(out, force=True)


def test_folder_that_is_not_a_packet_is_refused_even_with_force(tmp_path):
    out = tmp_path / "home"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"years of work")
    with pytest.raises(OutputError) as info:
        check_target(out, force=True)
    assert str(info.value) == (
        f"{out}: --out: exists and is not a packet folder (it has no manifest.json); "
        "refusing to replace it — choose an empty or new folder for --out"
    )
    assert (out / "thesis.docx").read_bytes() == b"years of work"


def test_a_file_in_the_way_is_refused(tmp_path):
    out = tmp_path / "packet"
    out.write_text("not a folder")
    with pytest.raises(OutputError, match="exists and is not a folder"):
        check_target(out, force=True)


def test_symlink_is_refused(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / MANIFEST).write_text("{}")
    link = tmp_path / "link"
    link.symlink_to(real)
    with pytest.raises(OutputError, match="exists and is not a folder"):
        check_target(link, force=True)


def test_failure_while_staging_leaves_nothing_behind(tmp_path):
    out = tmp_path / "packet"
    with pytest.raises(RuntimeError, match="converter died"):
        with staging_folder(out) as staging:
            (staging / "instrument.docx").write_bytes(b"half")
            raise RuntimeError("converter died")
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_failure_while_replacing_keeps_the_old_packet(tmp_path):
    out = tmp_path / "packet"
    make_packet(out, {"old.docx": b"old"})
    with pytest.raises(KeyboardInterrupt):
        with staging_folder(out) as staging:
            (staging / "new.docx").write_bytes(b"new")
            raise KeyboardInterrupt
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, MANIFEST_DIGEST, "old.docx"]
    assert verify_packet(out) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packet"]


def test_staging_happens_beside_the_target(tmp_path):
    out = tmp_path / "packet"
    with staging_folder(out) as staging:
        assert staging.parent == tmp_path
        assert staging.name.startswith(".packet.")
        assert not out.exists()  # nothing that looks complete while writing
    assert out.is_dir()


def test_manifest_lists_files_sorted_with_hashes(tmp_path):
    out = tmp_path / "packet"
    make_packet(out, {"b.docx": b"B", "a.docx": b"A"})
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["state"] == {"code": "KE"}
    assert [f["path"] for f in manifest["files"]] == ["a.docx", "b.docx"]
    assert manifest["files"][0] == {
        "path": "a.docx",
        "sha256": hashlib.sha256(b"A").hexdigest(),
        "template": "instruments/x.docx",
        "template_sha256": "0" * 64,
    }
    assert sha256_file(out / "b.docx") == hashlib.sha256(b"B").hexdigest()


def test_verify_finds_nothing_wrong_in_a_fresh_packet(tmp_path):
    out = tmp_path / "packet"
    make_packet(out, {"a.docx": b"A", "b.docx": b"B"})
    assert verify_packet(out) == []


def test_verify_finds_a_changed_and_a_missing_file(tmp_path):
    out = tmp_path / "packet"
    make_packet(out, {"a.docx": b"A", "b.docx": b"B", "c.docx": b"C"})
    (out / "a.docx").write_bytes(b"A, edited")
    (out / "c.docx").unlink()
    problems = verify_packet(out)
    assert [str(p) for p in problems] == [
        f"{out / 'a.docx'}: has changed since the packet was built (SHA-256 differs)",
        f"{out / 'c.docx'}: is missing",
    ]


def test_verify_refuses_paths_outside_the_packet(tmp_path):
    out = tmp_path / "packet"
    make_packet(out, {"a.docx": b"A"})
    (tmp_path / "secret").write_bytes(b"S")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"].append({"path": "../secret", "sha256": hashlib.sha256(b"S").hexdigest()})
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    problems = verify_packet(out)
    messages = [problem.message for problem in problems]
    assert "the manifest names a path outside the packet" in messages
    assert "has changed since the packet was built (SHA-256 differs)" in messages  # the manifest itself


def test_verify_without_manifest(tmp_path):
    with pytest.raises(OutputError) as info:
        verify_packet(tmp_path)
    assert str(info.value) == f"{tmp_path}: has no manifest.json; it is not a packet folder"


def test_verify_with_unreadable_manifest(tmp_path):
    (tmp_path / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(OutputError, match="manifest.json cannot be read"):
        verify_packet(tmp_path)


@pytest.mark.parametrize(
    "entry", [{"path": "a.docx"}, "a.docx", {"sha256": "0" * 64}], ids=["no-sha256", "not-a-mapping", "no-path"]
)
def test_verify_with_malformed_manifest_entry_is_reported(tmp_path, entry):
    # regression: such an entry used to escape as KeyError/TypeError (a traceback from `ratkit verify`)
    out = tmp_path / "packet"
    make_packet(out, {"a.docx": b"A"})
    (out / MANIFEST).write_text(json.dumps({"files": [entry]}), encoding="utf-8")
    try:
        problems = verify_packet(out)
    except OutputError as exc:
        assert "manifest.json" in str(exc)
    else:
        assert len(problems) == 1
        assert str(problems[0]).startswith(f"{out / MANIFEST}: files[0]: ")


def test_verify_with_files_not_a_list(tmp_path):
    (tmp_path / MANIFEST).write_text(json.dumps({"files": "a.docx"}), encoding="utf-8")
    with pytest.raises(OutputError, match="manifest.json"):
        verify_packet(tmp_path)


def test_force_refuses_to_destroy_files_edited_or_added_since_the_build(tmp_path):
    out = tmp_path / "packet"
    make_packet(out, {"cover-note.docx": b"A", "instrument.docx": b"B"})
    check_target(out, force=True)  # untouched: replaceable
    (out / "cover-note.docx").write_bytes(b"edited by the legal adviser")
    (out / "signed-scan.pdf").write_bytes(b"%PDF")
    with pytest.raises(OutputError) as info:
        check_target(out, force=True)
    message = str(info.value)
    assert "holds work that --force would destroy" in message
    assert "cover-note.docx (edited)" in message and "signed-scan.pdf (added)" in message
    assert (out / "signed-scan.pdf").exists()


def test_an_empty_existing_folder_is_filled_without_force(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    check_target(out, force=False)


def test_an_unwritable_output_folder_is_an_error_not_a_traceback(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("toolkit.output.tempfile.mkdtemp", refuse)
    with pytest.raises(OutputError, match="cannot be written: Permission denied"):
        with staging_folder(tmp_path / "packet"):
            pass


def test_verify_names_a_folder_that_does_not_exist(tmp_path):
    with pytest.raises(OutputError, match="does not exist or is not a folder"):
        verify_packet(tmp_path / "nowhere")


def test_write_atomic_replaces_a_file_whole_with_mode_644_whatever_the_umask(tmp_path):
    target = tmp_path / "index.pdf"
    target.write_bytes(b"old")
    old_umask = os.umask(0o077)
    try:
        assert write_atomic(target, b"new", fsync=True) == target
    finally:
        os.umask(old_umask)
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["index.pdf"]


def test_write_atomic_leaves_the_old_file_and_no_temporary_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "index.pdf"
    target.write_bytes(b"old")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("toolkit.output.os.replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["index.pdf"]


def test_read_manifest_gives_a_typed_manifest(tmp_path):
    out = tmp_path / "packet"
    header = {
        "state": {"code": "KE", "name": "Kenya"},
        "language": "en",
        "act": "ratification",
        "deposit_planned": "2027-02-01",
        "checks": [{"id": "signature-record", "status": "passed", "blocking": True}],
        "added_by_a_later_toolkit": {"ignored": True},
    }
    with staging_folder(out) as staging:
        write_manifest(staging, header, [write_file(staging, "a.docx", b"A", "instruments/x.docx", "0" * 64)])
    manifest = read_manifest(out)
    assert manifest.state is not None and (manifest.state.code, manifest.state.name) == ("KE", "Kenya")
    assert (manifest.language, manifest.act, manifest.deposit_planned) == ("en", "ratification", date(2027, 2, 1))
    assert manifest.checks[0].blocking is True and manifest.draft is False and manifest.treaty is None
    assert [(f.path, f.sha256, f.template) for f in manifest.files] == [
        ("a.docx", hashlib.sha256(b"A").hexdigest(), "instruments/x.docx")
    ]


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("{not json", "Invalid JSON"),
        ('{"files": "a.docx"}', "files: Input should be a valid array"),
        ('{"files": [{"path": "a.docx"}]}', "files[0].sha256: Field required"),
        ('{"files": [], "deposit_planned": "2027-13-01"}', "deposit_planned: Input should be a valid date"),
        ('{"name": "a web app", "icons": []}', "files: Field required"),
    ],
)
def test_read_manifest_names_the_file_and_what_is_wrong(tmp_path, text, detail):
    (tmp_path / MANIFEST).write_text(text, encoding="utf-8")
    with pytest.raises(OutputError) as info:
        read_manifest(tmp_path)
    assert str(info.value).startswith(f"{tmp_path / MANIFEST}: manifest.json cannot be read: ")
    assert detail in str(info.value)


def test_read_manifest_of_a_folder_without_one(tmp_path):
    with pytest.raises(OutputError, match="has no manifest.json; it is not a packet folder"):
        read_manifest(tmp_path)


def test_write_manifest_refuses_a_header_it_could_not_read_back(tmp_path):
    with pytest.raises(ValueError, match="draft"):
        write_manifest(tmp_path, {"draft": "yes"}, [])
    assert not (tmp_path / MANIFEST).exists()


def test_verify_fails_on_a_file_the_manifest_does_not_list_and_on_an_edited_manifest(tmp_path):
    out = tmp_path / "packet"
    make_packet(out, {"instrument.docx": b"I"})
    assert verify_packet(out) == []
    (out / "extra.docx").write_bytes(b"slipped in")
    assert [p.message for p in verify_packet(out)] == ["is not part of the packet (the manifest does not list it)"]
    (out / "extra.docx").unlink()
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["state"]["code"] = "UG"  # the manifest's own fields, edited
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert [p.path.name for p in verify_packet(out)] == [MANIFEST]
    manifest["files"] = []
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert "lists no file: it is not the manifest of a packet" in [p.message for p in verify_packet(out)]


def test_two_builds_cannot_write_one_folder_at_once(tmp_path):
    out = tmp_path / "packet"
    first = check_target(out, force=False)
    with pytest.raises(OutputError, match="another build is writing this folder right now"):
        check_target(out, force=False)
    first.release()
    check_target(out, force=False).release()


def test_a_folder_that_appears_during_the_build_is_not_replaced(tmp_path):
    out = tmp_path / "packet"
    target = check_target(out, force=False)
    with pytest.raises(OutputError, match="appeared while the packet was being built"):
        with staging_folder(target) as staging:
            write_manifest(staging, {"state": {"code": "KE"}}, [write_file(staging, "a.docx", b"A")])
            out.mkdir()
            (out / "mine.txt").write_text("the user's")
    assert (out / "mine.txt").read_text() == "the user's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packet"]  # no staging folder left


def test_a_file_added_during_a_forced_build_is_never_deleted(tmp_path):
    out = tmp_path / "packet"
    make_packet(out, {"old.docx": b"old"})
    target = check_target(out, force=True)
    with pytest.raises(OutputError, match="holds work that --force would destroy"):
        with staging_folder(target) as staging:
            write_manifest(staging, {"state": {"code": "KE"}}, [write_file(staging, "new.docx", b"new")])
            (out / "notes.txt").write_text("added while the build ran")
    assert (out / "notes.txt").exists() and (out / "old.docx").exists()


def test_leftovers_of_a_killed_build_are_removed_by_the_next(tmp_path):
    out = tmp_path / "packet"
    (tmp_path / ".packet.abc123.tmp").mkdir()  # as a kill -9 in the middle of writing leaves it
    (tmp_path / ".packet.def456.old").mkdir()
    check_target(out, force=False).release()
    assert sorted(p.name for p in tmp_path.iterdir()) == []
