"""toolkit.model.yamlsource: strict YAML where YAML surprises people; lines for every key."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.errors import ProfileError
from toolkit.model.yamlsource import MAX_FILE_BYTES, load_yaml, parse_yaml

PATH = Path("profile.yaml")


def parse(text: str):
    return parse_yaml(text, PATH).data


@pytest.mark.parametrize("word", ["NO", "No", "no", "yes", "Yes", "YES", "on", "off", "y", "n", "Y", "N"])
def test_yaml11_booleans_stay_strings(word):
    assert parse(f"code: {word}\n") == {"code": word}


def test_norway_stays_norway():
    data = parse("state:\n  code: NO\n  languages: [en, fr]\n")
    assert data["state"]["code"] == "NO"
    assert isinstance(data["state"]["code"], str)


@pytest.mark.parametrize(("word", "value"), [("true", True), ("false", False), ("True", True), ("FALSE", False)])
def test_true_and_false_are_booleans(word, value):
    assert parse(f"flag: {word}\n")["flag"] is value


@pytest.mark.parametrize("text", ["2008-12-03", "2008-02-30", "2008-12-03T10:00:00", "2008-12-03 10:00:00"])
def test_dates_stay_strings(text):
    value = parse(f"date: {text}\n")["date"]
    assert value == text
    assert type(value) is str


def test_numbers_and_nulls_still_parse():
    assert parse("a: 10\nb: 1.5\nc: null\nd:\n") == {"a": 10, "b": 1.5, "c": None, "d": None}


def test_duplicate_keys_are_refused_with_both_lines():
    text = "state:\n  code: KE\n  languages: [en]\n  code: NO\n"
    with pytest.raises(ProfileError) as info:
        parse_yaml(text, PATH)
    problem = info.value.first
    assert problem.line == 4
    assert problem.key == "state.code"
    assert str(info.value) == (
        "profile.yaml:4: state.code: key 'code' appears twice (first on line 2) "
        "— keep one of them: YAML would silently use the last"
    )


def test_duplicate_top_level_keys_are_refused():
    with pytest.raises(ProfileError) as info:
        parse_yaml("treaty: ccm\nact: ratification\ntreaty: ccm\n", PATH)
    assert info.value.first.line == 3
    assert "first on line 1" in info.value.first.message


def test_same_key_in_different_mappings_is_fine():
    data = parse("signatory:\n  name: A\ninstrument:\n  date: 2027-01-01\nsignature:\n  date: 2008-12-03\n")
    assert data["instrument"]["date"] == "2027-01-01"
    assert data["signature"]["date"] == "2008-12-03"


def anchor_problem(text: str):
    with pytest.raises(ProfileError) as info:
        parse_yaml(text, PATH)
    problem = info.value.first
    assert problem.message.startswith("anchors and aliases")
    assert "not supported in a profile" in problem.message
    assert problem.hint == "write the value out in full"
    return problem


def test_alias_is_refused():
    problem = anchor_problem("mission:\n  city: &c New York\ninstrument:\n  place: *c\n")
    assert problem.line in (2, 4)  # where the anchor or the alias is written
    assert str(problem).startswith(f"profile.yaml:{problem.line}: ")


def test_alias_of_a_mapping_and_merge_key_are_refused():
    problem = anchor_problem("base: &b\n  name: A\nsignatory:\n  <<: *b\n  office: other\n")
    assert problem.line in (1, 4)


def test_anchor_without_alias_is_refused_where_it_is_written():
    problem = anchor_problem("treaty: ccm\nmission:\n  city: &c New York\n")
    assert problem.line == 3


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("state:\n  code: KE\n  name: Jane: Doe\n", 3, "mapping values are not allowed in this context"),
        ("state:\n\tcode: KE\n", 2, "found character that cannot start any token"),
        ('state:\n  code: "KE\n', 3, "found unexpected end of stream"),
    ],
)
def test_malformed_yaml_names_file_and_line(text, line, problem):
    with pytest.raises(ProfileError) as info:
        parse_yaml(text, PATH)
    assert info.value.first.line == line
    assert str(info.value).startswith(f"profile.yaml:{line}: this is not valid YAML: {problem}")


def test_lines_of_keys_and_list_items():
    doc = parse_yaml("treaty: ccm\nstate:\n  code: KE\n  languages:\n    - en\n    - fr\n", PATH)
    assert doc.lines[("treaty",)] == 1
    assert doc.lines[("state",)] == 2
    assert doc.lines[("state", "code")] == 3
    assert doc.lines[("state", "languages", 1)] == 6
    # a location without its own line falls back to its nearest ancestor
    assert doc.line_of(("state", "code", "nested")) == 3
    assert doc.line_of(("signatory", "name")) == 1


def test_file_over_256_kib_is_refused(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * (MAX_FILE_BYTES - 3) + b"\n" + b"a")  # one byte over
    assert path.stat().st_size == MAX_FILE_BYTES + 1 == 256 * 1024 + 1
    with pytest.raises(ProfileError) as info:
        load_yaml(path)
    assert str(info.value) == (
        f"{path}: is more than 262144 bytes; a profile is at most that — a State profile is "
        "a page of YAML; check that this is the right file"
    )


def test_file_of_exactly_256_kib_is_read(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n# " + b"x" * (MAX_FILE_BYTES - 8) + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load_yaml(path).data == {"a": 1}


def test_non_utf8_file_is_refused(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("instrument:\n  place: Brasília\n".encode("latin-1"))
    with pytest.raises(ProfileError) as info:
        load_yaml(path)
    # "í" (0xED in Latin-1) is at offset 25, counting from 0
    assert str(info.value) == f"{path}: is not UTF-8 text (byte 26) — save the file as UTF-8"


def test_utf8_with_bom_is_read(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffplace: Brasília\n".encode())
    assert load_yaml(path).data == {"place": "Brasília"}


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ProfileError, match="file not found"):
        load_yaml(tmp_path / "missing.yaml")
    with pytest.raises(ProfileError) as info:
        load_yaml(tmp_path)
    assert str(info.value) == f"{tmp_path}: is a folder, not a profile file"


def test_empty_and_comment_only_files_have_no_data(tmp_path):
    assert parse("") is None
    assert parse("# only a comment\n") is None
