"""Every branch of a template, rendered: the yes/no values its conditions read, in every combination.

The example profiles reach only the branches their facts choose; a Part that depends on a fact no
example sets would never be rendered by `templates check`.  Here each template's conditions are read
(``{% if stockpiles %}``, ``{% if not armed_forces and contaminated %}``), and the template is
rendered with those values in every combination — or, when there are many, with a covering set in
which every two of them take every pair of values — for each model of law and each language.
A combination that breaks the template is reported with the paragraph and the values that broke it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import nodes

from ..documents.sandbox import environment
from ..lang.extract import paragraph_numbers, template_xml
from ..lang.language import resolve_language

ALL_COMBINATIONS_UP_TO = 4  # 2**4 = 16 renders; more switches: a covering set of every pair


def condition_names(path: Path) -> set[str]:
    """The names the template's conditions read (``{% if a and not b %}`` → a, b)."""
    env = environment(resolve_language("en").catalog)
    names: set[str] = set()
    for _part, xml in template_xml(path.read_bytes()):
        ast = env.parse(xml)
        tests: list[nodes.Node] = [node.test for node in ast.find_all(nodes.If)]
        tests += [node.test for node in ast.find_all(nodes.CondExpr)]
        for test in tests:
            found = [test, *test.find_all(nodes.Name)]  # the test itself, when it is a bare name
            names |= {node.name for node in found if isinstance(node, nodes.Name) and node.ctx == "load"}
    return names


def switches(names: set[str], values: dict[str, Any]) -> list[str]:
    """Of ``names``, those that are yes/no values of the context, in a stable order."""
    return sorted(name for name in names if isinstance(values.get(name), bool))


def combinations(names: list[str]) -> list[dict[str, bool]]:
    """Every combination of ``names``' values, or a covering set of every pair when there are many."""
    if len(names) <= ALL_COMBINATIONS_UP_TO:
        return [dict(zip(names, row, strict=True)) for row in itertools.product([False, True], repeat=len(names))]
    return [dict(zip(names, row, strict=True)) for row in _pairwise(len(names))]


def _pairwise(count: int) -> list[tuple[bool, ...]]:
    """Rows of ``count`` yes/no values in which every two positions take all four pairs of values (greedy)."""
    uncovered = {
        (i, j, a, b) for i, j in itertools.combinations(range(count), 2) for a in (False, True) for b in (False, True)
    }
    rows: list[tuple[bool, ...]] = []
    candidates = list(itertools.product([False, True], repeat=count)) if count <= 12 else None
    while uncovered:
        if candidates is not None:
            best = max(candidates, key=lambda row: sum((i, j, row[i], row[j]) in uncovered for i, j in _pairs(count)))
        else:  # many switches: start from an uncovered pair, fill the rest alternately
            i, j, a, b = next(iter(uncovered))
            best = tuple(a if k == i else b if k == j else bool((len(rows) + k) % 2) for k in range(count))
        rows.append(best)
        uncovered -= {(i, j, best[i], best[j]) for i, j in _pairs(count)}
    return rows


def _pairs(count: int) -> Iterator[tuple[int, int]]:
    return itertools.combinations(range(count), 2)


@dataclass(frozen=True)
class BranchFailure:
    """One combination that breaks a template."""

    template: str
    paragraphs: list[int]
    values: dict[str, bool]
    where: str  # the model of law and language
    message: str

    def __str__(self) -> str:
        shown = ", ".join(f"{name}={str(value).lower()}" for name, value in self.values.items())
        also = f" (see also paragraph {', '.join(map(str, self.paragraphs[1:]))})" if len(self.paragraphs) > 1 else ""
        return f"does not render with {shown} ({self.where}): {self.message}{also}"


def paragraphs_naming(path: Path, key: str | None) -> list[int]:
    """The paragraphs (as `templates show` numbers them) that name ``key``: as a numbered place's key
    (``section("investment")``) where there are such, else as a whole word."""
    if not key:
        return []
    as_place = re.compile(r"\(\s*[\"']" + re.escape(key) + r"[\"']\s*\)")
    as_word = re.compile(r"(?<![\w.])" + re.escape(key) + r"(?!\w)")
    for pattern in (as_place, as_word):
        found: list[int] = []
        for _part, xml in template_xml(path.read_bytes()):
            numbers = paragraph_numbers(xml)
            for i, line in enumerate(xml.splitlines(), start=1):
                if numbers[i] and line.startswith("<w:p") and pattern.search(line):
                    found.append(numbers[i])
        if found:
            return sorted(set(found))
    return []
