"""Load a State profile: parse, validate, cross-check — and report every problem of a pass at once.

Loading happens in three passes: parse the YAML (syntax, duplicate keys), validate
against the schema (unknown keys, types, impossible dates), then cross-check fields
against each other and against the treaty (a non-signatory cannot ratify, no
reservations).  Each problem names the file, the line, the key and the fix.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import Problem, ProfileError
from .crosscheck import check_facts, cross_check
from .facts import load_facts
from .problems import validated
from .profile import Profile
from .treaty import load_treaty
from .yamlsource import dotted, load_yaml


def load_profile(path: Path | str, treaties: Path | None = None, templates: Path | None = None) -> Profile:
    """Read, validate and cross-check a profile; raise :class:`ProfileError` listing every problem.

    ``treaties`` is a folder of treaty data files searched before the bundled ones; ``templates`` a
    folder of templates whose ``<treaty>/facts.yaml`` declares facts besides the bundled ones.
    """
    path = Path(path)
    doc = load_yaml(path)
    profile = validated(
        doc,
        Profile,
        keys="state:, signatory:, instrument:",
        start="start from `ratkit init PROFILE --state CODE`",
        context={"treaties": treaties},
    )
    facts = load_facts(profile.treaty, templates)
    findings = check_facts(profile, facts) + cross_check(profile, load_treaty(profile.treaty, treaties))
    problems = [
        Problem(f.message, path, doc.line_of(f.loc), dotted(f.loc), f.fix, kind=f.kind, params=f.params)
        for f in findings
    ]
    if problems:
        raise ProfileError(problems=problems)
    profile.attach_origin(path, hashlib.sha256(path.read_bytes()).hexdigest(), treaties, facts)
    return profile
