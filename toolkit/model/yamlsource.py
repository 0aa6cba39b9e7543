"""Read a YAML file into plain data plus the line of every key.

The profile is typed by people, so the reader is strict where YAML is
surprising: ``NO`` (Norway's code) stays a string instead of becoming false,
dates stay strings for the schema to parse (an impossible date is then a clear
schema error, not a crash), duplicate keys and anchors are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ProfileError

MAX_FILE_BYTES = 256 * 1024

Loc = tuple[str | int, ...]


class _StrictResolver(yaml.resolver.Resolver):
    """YAML 1.2-like scalars: only true/false are booleans, no implicit timestamps."""


_StrictResolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _PureStrictLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _StrictResolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _StrictResolver.__init__(self)


if yaml.__with_libyaml__:  # libyaml's parser (C): ten times faster, the same nodes and marks
    from yaml.cyaml import CParser  # type: ignore[attr-defined]  # the stubs do not declare it

    class _CStrictLoader(CParser, yaml.constructor.SafeConstructor, _StrictResolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _StrictResolver.__init__(self)

    _StrictLoader: type = _CStrictLoader
else:
    _StrictLoader = _PureStrictLoader


@dataclass
class YamlDocument:
    """Plain data read from a file, with the line (1-based) of each key."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int | None:
        """The line of ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), None)


def load_yaml(path: Path) -> YamlDocument:
    """Read ``path``; raise :class:`ProfileError` naming the line of any syntax error."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # never more: /dev/zero or a sparse file is refused at once
    except FileNotFoundError:
        raise ProfileError(
            "file not found", path=path, hint="check the path, or create one with `ratkit init`"
        ) from None
    except IsADirectoryError:
        raise ProfileError("is a folder, not a profile file", path=path) from None
    except OSError as exc:
        raise ProfileError(f"cannot be read: {exc.strerror}", path=path) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ProfileError(
            f"is more than {MAX_FILE_BYTES} bytes; a profile is at most that",
            path=path,
            hint="a State profile is a page of YAML; check that this is the right file",
        )
    _refuse_binary(raw, path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProfileError(
            f"is not UTF-8 text (byte {exc.start + 1})", path=path, hint="save the file as UTF-8"
        ) from None
    return parse_yaml(text, path)


def _refuse_binary(raw: bytes, path: Path) -> None:
    """A profile is UTF-8 text: say plainly when it is UTF-16 or not text at all."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 3 and (raw[1:2] == b"\0" or raw[0:1] == b"\0")):
        raise ProfileError(
            "is saved as UTF-16, not UTF-8", path=path, hint='save the file again as UTF-8 ("UTF-8" in the editor)'
        )
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        raise ProfileError("contains a NUL byte: it is not a text file", path=path, line=line, hint="check the file")


MAX_NESTING = 20  # a profile nests four levels deep; anything past this is not a profile


def _refuse_deep_nesting(text: str, path: Path) -> None:
    """Refuse absurd nesting before any parser sees it (a parser's time and stack grow with the depth).

    One pass over the text, outside quotes: flow brackets ([{) and block indentation both count.
    """
    depth = deepest = 0
    quote = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" -")
        indent = (len(line) - len(stripped)) // 2
        if stripped and not stripped.startswith("#") and indent > MAX_NESTING:
            deepest = indent
        for char in line:
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "#":
                break
            elif char in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif char in "]}":
                depth = max(0, depth - 1)
        quote = ""  # a quote does not run over a line in a profile
        if deepest > MAX_NESTING:
            raise ProfileError(
                f"nests values more than {MAX_NESTING} levels deep",
                path=path,
                line=number,
                hint="a State profile nests a few levels at most; check that this is the right file",
            )


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse YAML ``text`` that came from ``path`` (used for messages)."""
    _refuse_deep_nesting(text, path)
    loader = _StrictLoader(text)
    try:
        _refuse_anchors(text, path)
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(path, None, {})
        doc = YamlDocument(path, None, {})
        _check_nodes(node, (), doc, set())
        doc.data = loader.construct_document(node)
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = (exc.problem or "syntax error").strip()
        raise ProfileError(
            f"this is not valid YAML: {problem}",
            path=path,
            line=line,
            hint="check indentation (spaces, not tabs) and that every `key: value` has a space after the colon",
        ) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses, typed raw into the file
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        raise ProfileError(
            f"contains the character U+{exc.character:04X}, which a YAML file cannot hold"
            if isinstance(exc.character, int)
            else "contains a character a YAML file cannot hold",
            path=path,
            line=line,
            hint="delete it or retype the text; it prints as nothing",
        ) from None
    except yaml.YAMLError as exc:
        raise ProfileError(f"this is not valid YAML: {str(exc).splitlines()[0]}", path=path) from None
    except ValueError:  # a number Python will not convert (more than 4300 digits)
        raise ProfileError(
            "holds a number thousands of digits long", path=path, hint="write numbers of a sensible size"
        ) from None
    finally:
        loader.dispose()


def _refuse_anchors(text: str, path: Path) -> None:
    """Anchors and aliases are refused where they are written (the composed node only knows the anchor)."""
    for event in yaml.parse(text, Loader=_StrictLoader):
        anchor = getattr(event, "anchor", None)
        if anchor:
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            raise ProfileError(
                f"anchors and aliases are not supported in a profile ({sign}{anchor})",
                path=path,
                line=event.start_mark.line + 1 if event.start_mark else None,
                hint="write the value out in full",
            )


def _check_nodes(node: yaml.Node, loc: Loc, doc: YamlDocument, seen: set[int]) -> None:
    """Record lines, refuse anchors/aliases and duplicate keys."""
    if id(node) in seen:
        raise ProfileError(
            "anchors and aliases (&name, *name) are not supported in a profile",
            path=doc.path,
            line=node.start_mark.line + 1,
            key=dotted(loc),
            hint="write the value out in full",
        )
    seen.add(id(node))
    doc.lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key_node.tag == "tag:yaml.org,2002:merge" or key == "<<":
                raise ProfileError(
                    "merge keys (<<:) are not supported in a profile",
                    path=doc.path,
                    line=key_node.start_mark.line + 1,
                    key=dotted(loc),
                    hint="write the values out in full",
                )
            if key in keys:
                raise ProfileError(
                    f"key {key!r} appears twice (first on line {keys[key]})",
                    path=doc.path,
                    line=key_node.start_mark.line + 1,
                    key=dotted(loc + (key,)),
                    hint="keep one of them: YAML would silently use the last",
                )
            keys[key] = key_node.start_mark.line + 1
            doc.lines[loc + (key,)] = key_node.start_mark.line + 1
            _check_nodes(value_node, loc + (key,), doc, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            doc.lines[loc + (index,)] = item.start_mark.line + 1
            _check_nodes(item, loc + (index,), doc, seen)


def dotted(loc: Loc) -> str:
    """A location as a profile key path: state.languages[1]."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


__all__ = ["YamlDocument", "load_yaml", "parse_yaml", "dotted"]
