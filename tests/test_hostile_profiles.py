"""Hostile profiles: each is refused by `ratkit check` and `ratkit build --no-pdf`, run as real processes.

Every case must give exit code 1 within 10 s, a message of one line per problem that names the file
(and the line, where the toolkit can know it), never a traceback, and nothing written: the --out
folder does not exist afterwards and the working folder stays empty.

The corpus is generated at test time from one valid base profile (a Kenya ratification whose free
text fields are double-quoted, so that YAML escapes can put any character in them): every free text
field × every class of bad character, every bad character on the signatory's name, raw bytes the
YAML reader sees, encodings, sizes, nesting, YAML features the loader refuses, far dates, wrong
types, unknown keys.  Big inputs are generated, never committed.

Markup typed in a profile is the opposite case: it is accepted and must come out literally, whole,
in every document where the field appears (``test_markup_comes_out_literally_in_every_document``).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import docx_text

from toolkit import build_packet
from toolkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 10.0  # seconds, for each process
MAX_LINES = 20  # "one line per problem": a flood of thousands of lines is not a message

# A valid profile; every free text field is double-quoted on a line of its own (YAML escapes work in it).
BASE = """\
treaty: ccm
state:
  code: KE
  languages: [en]
  legal_system: common_law
signature:
  date: 2008-12-03
signatory:
  name: "Jane Wanjiru Doe"
  gender: female
  title: "Cabinet Secretary for Foreign and Diaspora Affairs"
  office: minister_for_foreign_affairs
instrument:
  place: "Nairobi"
  date: 2027-01-15
declarations:
  provisional_application: false
  reservations: []
mission:
  name: "Permanent Mission of the Republic of Kenya to the United Nations"
  city: "New York"
deposit:
  planned: 2027-02-01
implementation:
  stockpiles: false
  contaminated: false
  armed_forces: true
  foreign_military_cooperation: true
  penalties: {imprisonment_years: 10, fine: 1000000, currency: KES}
  competent_authority: "Ministry of Defence"
"""

# Every free text field of the base, by its key, with the exact text that holds its value.
FIELDS = {
    "signatory.name": '"Jane Wanjiru Doe"',
    "signatory.title": '"Cabinet Secretary for Foreign and Diaspora Affairs"',
    "instrument.place": '"Nairobi"',
    "mission.name": '"Permanent Mission of the Republic of Kenya to the United Nations"',
    "mission.city": '"New York"',
    "implementation.competent_authority": '"Ministry of Defence"',
}

# Bad characters, by class, each written as a YAML double-quoted escape (so the file itself is clean UTF-8).
# A class's members are spread over the fields (field i gets member i mod n); members left over go on the name.
BAD_CHARACTERS: dict[str, list[tuple[str, str]]] = {
    "lone-surrogate": [("D800", r"\ud800"), ("DFFF", r"\uDFFF")],
    "noncharacter": [
        ("FFFE", r"\uFFFE"),
        ("FFFF", r"\uFFFF"),
        ("FDD0", r"\uFDD0"),
        ("1FFFE", r"\U0001FFFE"),
        ("0378-unassigned", r"\u0378"),
    ],
    "private-use": [("E000", r"\uE000"), ("F8FF", r"\uF8FF"), ("F0001", r"\U000F0001")],
    "format": [
        ("200B-zero-width-space", r"\u200B"),
        ("00AD-soft-hyphen", r"\u00AD"),
        ("200E-lrm", r"\u200E"),
        ("200F-rlm", r"\u200F"),
        ("061C-alm", r"\u061C"),
        ("2060-word-joiner", r"\u2060"),
        ("FEFF-zwnbsp", r"\uFEFF"),
        ("E0041-tag", r"\U000E0041"),
    ],
    "emoji": [
        ("1F600", r"\U0001F600"),
        ("1F1F0-flag", r"\U0001F1F0\U0001F1EA"),
        ("2764-heart", r"\u2764"),
        ("FE0F-variation-selector", r"A\uFE0F"),
        ("231A-watch", r"\u231A"),  # Emoji_Presentation=Yes: shown as an emoji by default
        ("23F0-alarm-clock", r"\u23F0"),  # likewise
    ],
    "control": [
        ("07-bell", r"\a"),
        ("1B-escape", r"\e"),
        ("7F-delete", r"\x7F"),
        ("2028-line-separator", r"\L"),  # a line break, in a value that must be one line
        ("0A-newline", r"\n"),
        ("09-tab", r"\t"),
        ("85-next-line", r"\N"),
        ("2029-paragraph-separator", r"\P"),
    ],
    "bidi": [
        ("202E-rlo", r"\u202E"),
        ("202D-lro", r"\u202D"),
        ("202A-lre", r"\u202A"),
        ("202B-rle", r"\u202B"),
        ("2066-lri", r"\u2066"),
        ("2067-rli", r"\u2067"),
        ("2068-fsi", r"\u2068"),
        ("202C-pdf", r"\u202C"),
        ("2069-pdi", r"\u2069"),
    ],
}

# Values that are wrong as a whole (not one character in otherwise good text).
BAD_VALUES: dict[str, list[tuple[str, str]]] = {
    "invisible-only": [
        ("AD-A0-200B", r"\u00AD\u00A0\u200B"),
        ("nbsp", r"\u00A0\u00A0"),
        ("hangul-filler-3164", r"\u3164"),  # a letter (Lo) that prints as nothing
        ("braille-blank-2800", r"\u2800"),  # a symbol (So) that prints as nothing
        ("empty", ""),
        ("ideographic-space", r"\u3000"),
    ],
    "too-long": [("301", "x" * 301), ("301-arabic", "ب" * 301), ("2000", "Wanjiru " * 250)],
}


@dataclass(frozen=True)
class Case:
    """One hostile profile: its bytes (or a path to read), and the line the message must name (if known)."""

    id: str
    content: bytes | None = None
    path: str | None = None  # a path to pass as is (/dev/zero), instead of content
    line: int | None = None
    single: bool = True  # exactly one problem (one line); False: several lines, each naming the file


def _line_of(text: str, marker: str) -> int:
    assert text.count(marker) == 1, marker
    return text[: text.index(marker)].count("\n") + 1


def _replace(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once"
    return text.replace(old, new)


def _case(case_id: str, old: str, new: str, *, line: int | None = 0, single: bool = True) -> Case:
    """The base with ``old`` replaced by ``new``; the line (0: the line where ``old`` was; None: not checked)."""
    text = _replace(old, new)
    return Case(case_id, text.encode("utf-8"), line=_line_of(BASE, old) if line == 0 else line, single=single)


def _field_cases() -> list[Case]:
    cases = []
    used: set[tuple[str, str]] = set()
    for index, (field, marker) in enumerate(FIELDS.items()):  # every free text field × every class
        for klass, members in {**BAD_CHARACTERS, **BAD_VALUES}.items():
            name, escape = members[index % len(members)]
            value = f"Wanjiru {escape} Exampleton" if klass in BAD_CHARACTERS else escape
            cases.append(_case(f"{field}-{klass}-{name}", marker, f'"{value}"'))
            used.add((klass, name))
    marker = FIELDS["signatory.name"]
    for klass, members in {**BAD_CHARACTERS, **BAD_VALUES}.items():  # the members no field got
        for name, escape in members:
            if (klass, name) not in used:
                value = f"Wanjiru {escape} Exampleton" if klass in BAD_CHARACTERS else escape
                cases.append(_case(f"signatory.name-{klass}-{name}", marker, f'"{value}"'))
    title = FIELDS["signatory.title"]  # per language
    cases.append(_case("title-per-language-bidi", title, r'{en: "Cabinet \u202E Secretary"}'))
    cases.append(_case("title-per-language-empty-mapping", title, "{}"))
    cases.append(_case("title-per-language-unknown-language", title, '{xx: "Cabinet Secretary"}'))
    for name, value in {  # typed raw into the file: the YAML reader sees them first
        "raw-rlo": "Jane \u202e Doe",
        "raw-zwsp": "Jane\u200bDoe",
        "raw-fffe": "Jane \ufffe Doe",
        "raw-control-01": "Jane \x01 Doe",
    }.items():
        cases.append(_case(f"signatory.name-{name}", marker, value))
    return cases


def _base_bytes(old: str, new: bytes) -> bytes:
    data = BASE.encode("utf-8")
    assert data.count(old.encode()) == 1
    return data.replace(old.encode(), new)


def _nested_block(levels: int, indent: int) -> bytes:
    return ("".join(" " * (indent * i) + "a:\n" for i in range(levels)) + " " * (indent * levels) + "b\n").encode()


def _structural_cases() -> list[Case]:
    rng = random.Random(20240607)
    hex5000 = "0x" + "f" * 5000
    mission = BASE[BASE.index("mission:") : BASE.index("deposit:")]
    return [
        # bytes the reader must refuse
        Case("nul-byte", _base_bytes("Nairobi", b"Nai\0robi"), line=_line_of(BASE, "Nairobi")),
        Case("utf16-le-bom", b"\xff\xfe" + BASE.encode("utf-16-le")),
        Case("utf16-be-bom", b"\xfe\xff" + BASE.encode("utf-16-be")),
        Case("utf16-le-no-bom", BASE.encode("utf-16-le")),
        Case("utf16-be-no-bom", BASE.encode("utf-16-be")),
        Case("binary-junk", rng.randbytes(8192)),
        Case("binary-junk-high-bytes", bytes(rng.randrange(0x80, 0x100) for _ in range(8192))),
        Case("utf8-encoded-surrogate", _base_bytes("Nairobi", b"Nai\xed\xa0\x80robi")),
        # sizes
        Case("over-256-KiB", (BASE + "# " + "x" * (256 * 1024) + "\n").encode()),
        Case("dev-zero", path="/dev/zero"),
        # numbers
        Case("int-5000-digits", _base_bytes("imprisonment_years: 10", b"imprisonment_years: " + b"9" * 5000)),
        _case("int-5000-hex-digits-years", "imprisonment_years: 10", "imprisonment_years: " + hex5000),
        _case("int-5000-hex-digits-fine", "fine: 1000000", "fine: " + hex5000),
        _case("int-5000-hex-digits-office", "office: minister_for_foreign_affairs", "office: " + hex5000),
        # nesting
        Case("flow-1000", ("[" * 1000 + "]" * 1000).encode(), line=1),
        Case("flow-32000", ("[" * 32000 + "]" * 32000).encode(), line=1),
        Case("flow-100000", ("[" * 100000 + "]" * 100000).encode(), line=1),
        Case("flow-mapping-1000", ("{a: " * 1000 + "1" + "}" * 1000).encode(), line=1),
        _case("flow-100000-in-a-value", "treaty: ccm", "treaty: " + "[" * 100000 + "]" * 100000),
        _case(
            "flow-100000-after-a-hash",
            "treaty: ccm",
            "treaty: ccm\nx: [a#b, " + "[" * 10**5 + "]" * (10**5 + 1),
            line=2,
        ),
        Case("block-300-levels", _nested_block(300, 2)),
        Case("block-700-levels-1-space", _nested_block(700, 1)),
        Case("block-sequence-1000", ("- " * 1000 + "x\n").encode(), line=1),
        # YAML features a profile refuses
        _case("merge-key", "  gender: female", "  gender: female\n  <<: {office: other}", line=11),
        _case("merge-key-with-anchor", "treaty: ccm", "x: &a {b: 1}\ny:\n  <<: *a\ntreaty: ccm", line=1),
        Case(
            "anchor-and-alias",
            _replace('"New York"', "*place", _replace('"Nairobi"', '&place "Nairobi"')).encode(),
            line=_line_of(BASE, '"Nairobi"'),
        ),
        _case(
            "billion-laughs",
            "treaty: ccm",
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ntreaty: ccm",
            line=1,
        ),
        _case("duplicate-key", "treaty: ccm", "treaty: ccm\ntreaty: ccm", line=2),
        _case("duplicate-nested-key", "  gender: female", "  gender: female\n  gender: male", line=11),
        _case("python-tag", "treaty: ccm", 'treaty: !!python/object/apply:os.system ["echo pwned"]'),
        _case("multiple-documents", "treaty: ccm", "treaty: ccm\n---\ntreaty: ccm", line=2),
        # dates far out
        _case("date-9999-12-31", "date: 2027-01-15", "date: 9999-12-31"),
        _case("date-0001-01-01", "date: 2027-01-15", "date: 0001-01-01"),
        _case("date-1900-01-01", "date: 2008-12-03", "date: 1900-01-01"),
        _case("deposit-9999-12-31", "planned: 2027-02-01", "planned: 9999-12-31"),
        _case("date-2027-02-30", "date: 2027-01-15", "date: 2027-02-30"),
        # wrong types
        _case("type-code-int", "code: KE", "code: 404"),
        _case("type-languages-string", "languages: [en]", "languages: en"),
        _case("type-office-bool", "office: minister_for_foreign_affairs", "office: true"),
        _case("type-years-string", "imprisonment_years: 10", 'imprisonment_years: "10"'),
        _case("type-fine-nan", "fine: 1000000", "fine: .nan"),
        _case("type-name-list", '"Jane Wanjiru Doe"', "[Jane, Doe]"),
        Case("type-mission-list", _replace(mission, "mission: []\n").encode(), line=_line_of(BASE, "mission:")),
        Case(
            "wrong-types-everywhere",
            b"treaty: [ccm]\nstate:\n  code: 123\n  languages: en\n  legal_system: [x]\nsignature: '2008'\n"
            b"signatory:\n  name: [a]\n  gender: 5\n  office: true\ninstrument: 5\n"
            b"declarations:\n  provisional_application: 'yes'\n  reservations: none\nmission: []\n"
            b"deposit:\n  planned: true\nimplementation:\n  stockpiles: 'false'\n"
            b"  penalties: {imprisonment_years: '10', fine: '1000', currency: 5}\n",
            line=1,
            single=False,
        ),
        # keys
        _case("unknown-key", "treaty: ccm", "treaty: ccm\nsignatry: x", line=2),
        _case("unknown-nested-key", "  gender: female", "  gender: female\n  nmae: x", line=11),
        Case("10000-keys", "".join(f"k{i}: {i}\n" for i in range(10000)).encode(), single=False),
        Case(
            "10000-unknown-keys-in-state",
            _replace("  code: KE\n", "  code: KE\n" + "".join(f"  k{i}: {i}\n" for i in range(10000))).encode(),
            single=False,
        ),
        # not a mapping
        Case("empty-file", b""),
        Case("whitespace-only", b"  \n\n   \n"),
        Case("comment-only", b"# a profile\n"),
        Case("null", b"null\n"),
        Case("list-at-top-level", b"- state: KE\n- signatory: Jane\n"),
        Case("list-of-the-base", ("- " + BASE.replace("\n", "\n  ")).encode()),
    ]


CASES = _field_cases() + _structural_cases()


def test_the_corpus_is_big_and_distinct() -> None:
    assert len(CASES) >= 80
    assert len({c.id for c in CASES}) == len(CASES)
    contents = [c.content for c in CASES if c.content is not None]
    assert len(set(contents)) == len(contents)


@dataclass
class Run:
    """One finished process (returncode None: still running after the timeout, and killed)."""

    returncode: int | None
    stdout: str
    stderr: str
    seconds: float


def run_together(commands: list[list[str]], cwd: Path, timeout: float = TIMEOUT) -> list[Run]:
    """Start ``python -m toolkit COMMAND`` for every command at once; wait for each at most ``timeout``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    started = time.monotonic()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "toolkit", *command],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
        )
        for command in commands
    ]
    runs = []
    for process in processes:
        try:
            out, err = process.communicate(timeout=max(0.1, timeout - (time.monotonic() - started)))
            runs.append(Run(process.returncode, out, err, time.monotonic() - started))
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            runs.append(Run(None, out, err, time.monotonic() - started))
    return runs


def assert_refused(run: Run, shown: str, case: Case, what: str) -> None:
    """Exit 1 in time, no traceback, one line per problem, each naming the file (and the line, if known)."""
    assert run.returncode is not None, f"{what}: still running after {TIMEOUT:.0f} s"
    assert "Traceback" not in run.stderr, f"{what}: traceback\n{run.stderr[-3000:]}"
    assert run.returncode == 1, (
        f"{what}: exit {run.returncode}\nstdout: {run.stdout[-500:]}\nstderr: {run.stderr[-500:]}"
    )
    lines = run.stderr.strip().splitlines()
    assert lines, f"{what}: exit 1 without a message"
    assert len(lines) <= MAX_LINES, f"{what}: {len(lines)} lines of messages; first: {lines[0][:200]}"
    if case.single:
        assert len(lines) == 1, f"{what}: {len(lines)} lines for one problem:\n" + "\n".join(lines[:5])
    for line in lines:
        assert line.startswith(f"error: {shown}"), f"{what}: a message that does not name the file: {line[:300]}"
    if case.line is not None:
        assert lines[0].startswith(f"error: {shown}:{case.line}:"), f"{what}: expected line {case.line}: {lines[0]}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_profile_is_refused(case: Case, tmp_path: Path) -> None:
    if case.path is not None:
        profile = Path(case.path)
    else:
        assert case.content is not None
        profile = tmp_path / "profiles" / "hostile.yaml"
        profile.parent.mkdir()
        profile.write_bytes(case.content)
    work = tmp_path / "work"
    work.mkdir()
    out = work / "out"
    check, build = run_together([["check", str(profile)], ["build", str(profile), "--no-pdf", "--out", str(out)]], work)
    assert_refused(check, str(profile), case, "ratkit check")
    assert_refused(build, str(profile), case, "ratkit build --no-pdf")
    assert "built" not in build.stdout
    assert not out.exists(), "ratkit build wrote the --out folder for a refused profile"
    assert list(work.iterdir()) == [], f"something was written: {list(work.iterdir())}"


def test_the_base_profile_is_accepted(tmp_path: Path) -> None:
    """The control: the profile every hostile case is made from passes both commands."""
    profile = tmp_path / "base.yaml"
    profile.write_text(BASE, encoding="utf-8")
    out = tmp_path / "out"
    check, build = run_together(
        [["check", str(profile)], ["build", str(profile), "--no-pdf", "--out", str(out)]], tmp_path
    )
    assert check.returncode == 0, check.stderr
    assert build.returncode == 0, build.stderr
    assert (out / "instrument.docx").is_file()


def test_a_profile_that_is_a_folder_or_missing_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    for profile in (folder, tmp_path / "missing.yaml"):
        work = tmp_path / f"work-{profile.name}"
        work.mkdir()
        check, build = run_together(
            [["check", str(profile)], ["build", str(profile), "--no-pdf", "--out", str(work / "out")]], work
        )
        case = Case(profile.name)
        assert_refused(check, str(profile), case, "ratkit check")
        assert_refused(build, str(profile), case, "ratkit build --no-pdf")
        assert list(work.iterdir()) == []


# --- markup and template syntax typed in a profile: accepted, and printed literally ------------------------------

MARKUP = "& <b>bold</b> {{ x }} {% if %} ]]> <w:t>t</w:t> &amp; %(x)s %s"


def _profile_with(values: dict[str, str], tmp_path: Path, name: str) -> Path:
    text = BASE
    for field, value in values.items():
        text = _replace(FIELDS[field], json.dumps(value, ensure_ascii=False), text)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _documents(folder: Path) -> dict[str, str]:
    return {path.name: docx_text(path) for path in sorted(folder.glob("*.docx"))}


def test_markup_comes_out_literally_in_every_document(tmp_path: Path) -> None:
    """No text may be dropped silently: each field's markup value appears whole wherever the field appears."""
    plain = {field: f"Zq{field.replace('.', 'Zq')}" for field in FIELDS}  # found nowhere else in a packet
    marked = {field: f"{field.split('.')[-1]} {MARKUP} {field}" for field in FIELDS}
    plain_build = build_packet(_profile_with(plain, tmp_path, "plain.yaml"), out=tmp_path / "plain", pdf=False)
    marked_profile = _profile_with(marked, tmp_path, "marked.yaml")
    check = CliRunner().invoke(main, ["check", str(marked_profile)])
    assert check.exit_code == 0, check.output
    marked_build = build_packet(marked_profile, out=tmp_path / "marked", pdf=False)
    before, after = _documents(plain_build.folder), _documents(marked_build.folder)
    assert before.keys() == after.keys()
    for field in FIELDS:
        where = [name for name, text in before.items() if plain[field] in text]
        assert where, f"{field}: the plain value appears in no document"
        for name in where:
            assert marked[field] in after[name], f"{field}: {marked[field]!r} is not whole in {name}"
        assert any(marked[field] in text for text in after.values()), f"{field}: dropped from every document"
    every = "\n".join(after.values())
    assert "<b>bold</b>" in every and "{{ x }}" in every and "]]>" in every and "<w:t>t</w:t>" in every


def test_markup_in_a_per_language_title_and_at_the_length_limit(tmp_path: Path) -> None:
    text = _replace(FIELDS["signatory.title"], json.dumps({"en": "Title " + MARKUP}, ensure_ascii=False))
    text = _replace(FIELDS["instrument.place"], json.dumps("P" * 299 + "&"), text)
    profile = tmp_path / "profile.yaml"
    profile.write_text(text, encoding="utf-8")
    result = build_packet(profile, out=tmp_path / "out", pdf=False)
    instrument = docx_text(result.folder / "instrument.docx")
    assert "Title " + MARKUP in instrument
    assert "P" * 299 + "&" in instrument
