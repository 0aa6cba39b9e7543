"""TemplateSearchPath: the coordinator's folder first, the bundled templates for the rest, nothing outside."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.errors import TemplateError
from toolkit.resources import TemplateSearchPath, bundled_templates_dir

INSTRUMENT = "ccm/instruments/instrument.docx"
COVER_NOTE = "ccm/instruments/cover-note.docx"


def put(folder: Path, name: str, content: bytes = b"user template") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    put(folder, INSTRUMENT)
    put(folder, "ccm/extra/annex.docx")
    put(folder, "ccm/instruments/~$instrument.docx")  # Word's lock file while the template is open
    put(folder, "ccm/instruments/notes.txt")
    return folder


def test_the_bundled_folder_holds_the_templates() -> None:
    bundled = bundled_templates_dir()
    assert (bundled / INSTRUMENT).is_file()
    assert (bundled / COVER_NOTE).is_file()


def test_without_a_user_folder_the_bundled_template_is_found() -> None:
    found = TemplateSearchPath().find(INSTRUMENT)
    assert found.samefile(bundled_templates_dir() / INSTRUMENT)


def test_a_user_template_comes_first(user_dir: Path) -> None:
    found = TemplateSearchPath(user_dir).find(INSTRUMENT)
    assert found.read_bytes() == b"user template"
    assert found.samefile(user_dir / INSTRUMENT)


def test_a_template_the_user_lacks_comes_from_the_bundle(user_dir: Path) -> None:
    found = TemplateSearchPath(user_dir).find(COVER_NOTE)
    assert found.samefile(bundled_templates_dir() / COVER_NOTE)


def test_a_template_nowhere_is_an_error_naming_it(user_dir: Path) -> None:
    with pytest.raises(TemplateError) as error:
        TemplateSearchPath(user_dir).find("ccm/instruments/missing.docx")
    assert "ccm/instruments/missing.docx" in str(error.value)


def test_a_folder_is_not_a_template(user_dir: Path) -> None:
    with pytest.raises(TemplateError):
        TemplateSearchPath(user_dir).find("ccm/instruments")


@pytest.mark.parametrize(
    "name",
    ["../mine/ccm/instruments/instrument.docx", "ccm/../../mine/ccm/instruments/instrument.docx", "ccm/../ccm/x.docx"],
)
def test_names_that_climb_out_are_refused(user_dir: Path, name: str) -> None:
    sub = user_dir / "sub"
    sub.mkdir()
    (user_dir / "ccm" / "x.docx").write_bytes(b"reachable")
    with pytest.raises(TemplateError) as error:
        TemplateSearchPath(sub).find(name)
    assert "relative" in str(error.value)


def test_absolute_names_are_refused(user_dir: Path) -> None:
    target = user_dir / INSTRUMENT
    assert target.is_file()
    with pytest.raises(TemplateError):
        TemplateSearchPath(user_dir).find(str(target))
    with pytest.raises(TemplateError):
        TemplateSearchPath().find(str(bundled_templates_dir() / INSTRUMENT))


def test_all_templates_lists_user_and_bundled_templates_user_first(user_dir: Path) -> None:
    listed = dict(TemplateSearchPath(user_dir).all_templates())
    assert listed[INSTRUMENT].samefile(user_dir / INSTRUMENT)  # the user's, not the bundled one
    assert listed[COVER_NOTE].samefile(bundled_templates_dir() / COVER_NOTE)
    assert listed["ccm/extra/annex.docx"].samefile(user_dir / "ccm/extra/annex.docx")
    assert "ccm/instruments/~$instrument.docx" not in listed
    assert not any(name.endswith(".txt") for name in listed)
    bundled = {path.relative_to(bundled_templates_dir()).as_posix() for path in bundled_templates_dir().rglob("*.docx")}
    assert set(listed) == bundled | {"ccm/extra/annex.docx"}


def test_all_templates_is_sorted_by_name(user_dir: Path) -> None:
    names = [name for name, _ in TemplateSearchPath(user_dir).all_templates()]
    assert names == sorted(names)
    assert len(names) == len(set(names))


def test_a_templates_option_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    not_a_folder = put(tmp_path, "templates.docx")
    with pytest.raises(TemplateError) as error:
        TemplateSearchPath(not_a_folder)
    assert error.value.first.key == "--templates"
    assert "is not a folder" in str(error.value)


def test_a_templates_option_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as error:
        TemplateSearchPath(tmp_path / "nowhere")
    assert error.value.first.key == "--templates"


@pytest.mark.parametrize("kind", ["folder", "device", "broken-link"])
def test_a_user_template_that_is_not_a_file_is_an_error_not_the_bundled_one(tmp_path: Path, kind: str) -> None:
    """A folder, /dev/zero or a dangling link where the user's template should be: never passed over silently."""
    folder = tmp_path / "mine"
    path = folder / COVER_NOTE
    path.parent.mkdir(parents=True)
    if kind == "folder":
        path.mkdir()
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.symlink_to(tmp_path / "nowhere.docx")
    with pytest.raises(TemplateError) as error:
        TemplateSearchPath(folder).find(COVER_NOTE)
    assert error.value.first.path == path and "not a template file" in str(error.value)
