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
        raw = path.read_bytes()
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
            f"is {len(raw)} bytes; a profile is at most {MAX_FILE_BYTES} bytes",
            path=path,
            hint="a State profile is a page of YAML; check that this is the right file",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProfileError(
            f"is not UTF-8 text (byte {exc.start + 1})", path=path, hint="save the file as UTF-8"
        ) from None
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse YAML ``text`` that came from ``path`` (used for messages)."""
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
    except yaml.YAMLError as exc:
        raise ProfileError(f"this is not valid YAML: {exc}", path=path) from None
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
