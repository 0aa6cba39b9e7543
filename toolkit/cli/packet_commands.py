"""Commands for one State's packet: init, check, build, calendar, verify, schema.

Each body parses, calls the library and prints; the library is imported inside the
command, so that `ratkit check` does not pay for what `ratkit build` needs.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

import click

from ..errors import ToolkitError


@click.command()
@click.argument("profile", type=click.Path(path_type=Path))
@click.option("--state", "code", metavar="CODE", help="ISO 3166-1 code of the State, e.g. KE.")
@click.option(
    "--legal-system",
    type=click.Choice(["common_law", "civil_law", "mixed"]),
    help="How the State makes law (asked when not given and a terminal is attached).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option(
    "--templates",
    type=click.Path(path_type=Path),
    help="A folder of templates that take precedence (its <treaty>/facts.yaml declares more facts).",
)
def init(profile: Path, code: str | None, legal_system: str | None, force: bool, templates: Path | None) -> None:
    """Write a commented profile skeleton to PROFILE, prefilled with what the toolkit knows of the State."""
    from ..maintain.skeleton import LEGAL_SYSTEMS, write_skeleton

    if legal_system is None and code is not None and sys.stdin.isatty():
        click.echo("How does the State make its laws?")
        for name, meaning in LEGAL_SYSTEMS.items():
            click.echo(f"  {name:<11} {meaning}")
        legal_system = click.prompt("legal system", type=click.Choice(list(LEGAL_SYSTEMS)), show_choices=False)
    write_skeleton(profile, code, force, legal_system, templates)
    click.echo(f"wrote {profile}: fill in the empty fields, then run `ratkit check {profile}`")


@click.command()
@click.argument("profile", type=click.Path(path_type=Path))
@click.option("--lang", help="Check the packet in this language (default: the first working language available).")
@click.option(
    "--templates",
    type=click.Path(path_type=Path),
    help="A folder of templates that take precedence (its <treaty>/facts.yaml declares more facts).",
)
def check(profile: Path, lang: str | None, templates: Path | None) -> None:
    """Validate PROFILE and print what the depositary will check. Exit 1 if it would refuse."""
    from ..check import check_profile, format_checks

    report = check_profile(profile, lang, templates)
    click.echo(format_checks(report))
    if report.refused:
        sys.exit(1)


@click.command()
@click.argument("profile", type=click.Path(path_type=Path))
@click.option("--lang", help="Packet language (default: the profile's first working language).")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: ./packet-<CODE>-<LANG>).")
@click.option("--no-pdf", is_flag=True, help="Write the DOCX files only, without LibreOffice.")
@click.option("--force", is_flag=True, help="Replace an existing packet folder.")
@click.option("--templates", type=click.Path(path_type=Path), help="A folder of templates that take precedence.")
@click.option("--locales", type=click.Path(path_type=Path), help="A folder of catalogs (<lang>/LC_MESSAGES/) first.")
@click.option("--draft", is_flag=True, help="Build even if the depositary would refuse the instrument.")
@click.option("--pdfa", is_flag=True, help="Archival PDF/A-2b output.")
@click.option("--no-cache", is_flag=True, help="Convert every document again instead of reusing cached PDFs.")
@click.option(
    "--jobs",
    type=click.IntRange(1, 8),
    default=None,
    help="LibreOffice processes to convert with (default: 2 where the machine has 2 or more cores).",
)
@click.option("--paper", type=click.Choice(["a4", "letter"]), help="Paper (default: the State's, per CLDR).")
@click.option("--duplex", is_flag=True, help="Start every document of packet.pdf on a right-hand page.")
def build(
    profile: Path,
    lang: str | None,
    out: Path | None,
    no_pdf: bool,
    force: bool,
    templates: Path | None,
    locales: Path | None,
    draft: bool,
    pdfa: bool,
    no_cache: bool,
    jobs: int | None,
    paper: str | None,
    duplex: bool,
) -> None:
    """Build the packet for PROFILE."""
    from ..build import BuildOptions, build_packet
    from ..pdf.convert import default_processes

    options = BuildOptions(
        pdf=not no_pdf,
        force=force,
        templates=templates,
        locales=locales,
        draft=draft,
        pdfa=pdfa,
        cache=not no_cache,
        processes=jobs or default_processes(),
        paper=paper,
        duplex=duplex,
    )
    result = build_packet(profile, lang, out, options)
    click.echo(f"built {result.folder} ({result.lang}):")
    for written in result.files:
        click.echo(f"  {written.path}")
    refused = [c for c in result.checks if c.refuses]
    if refused:
        click.secho(
            f"DRAFT: the depositary would refuse this instrument ({', '.join(c.id for c in refused)}); "
            "see checklist.docx",
            fg="yellow",
        )
    manual = [c for c in result.checks if c.status == "manual"]
    if manual:
        click.echo(f"{len(manual)} checks to do by hand: see checklist.docx or `ratkit check {profile}`")


@click.command()
@click.argument("profile", type=click.Path(path_type=Path))
@click.option("--deposit", type=click.DateTime(formats=["%Y-%m-%d"]), help="Date of deposit, YYYY-MM-DD.")
@click.option("--ics", type=click.Path(path_type=Path), help="Also write the deadlines as an iCalendar file.")
@click.option("--lang", help="Language of the calendar (default: the profile's first available language).")
def calendar(profile: Path, deposit: datetime | None, ics: Path | None, lang: str | None) -> None:
    """Entry into force and every deadline for PROFILE."""
    from ..check import calendar_report

    text, ics_bytes = calendar_report(profile, deposit.date() if deposit else None, lang, date.today())
    click.echo(text)
    if ics is not None:
        if ics_bytes is None:
            raise ToolkitError(
                "no deposit date, so no calendar file",
                key="--ics",
                hint="give --deposit YYYY-MM-DD or deposit.planned in the profile",
            )
        try:
            ics.write_bytes(ics_bytes)
        except OSError as exc:
            raise ToolkitError(f"cannot be written: {exc.strerror}", path=ics, key="--ics") from None
        click.echo(f"wrote {ics}")


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
def verify(folder: Path) -> None:
    """Recompute the hashes in FOLDER/manifest.json. Exit 1 naming any changed or missing file."""
    from ..manifest import verify_packet

    problems = verify_packet(folder)
    if problems:
        raise ToolkitError(problems=problems)
    click.echo(f"{folder}: every file matches its manifest")


@click.command()
@click.option("--treaty", default="ccm", show_default=True, help="The treaty whose declared facts the schema lists.")
@click.option(
    "--templates",
    type=click.Path(path_type=Path),
    help="A folder of templates that take precedence (its <treaty>/facts.yaml declares more facts).",
)
def schema(treaty: str, templates: Path | None) -> None:
    """Print the JSON Schema of a profile (with every fact declared in <treaty>/facts.yaml)."""
    from ..model.facts import load_facts
    from ..model.profile import profile_json_schema

    click.echo(json.dumps(profile_json_schema(load_facts(treaty, templates)), indent=2, ensure_ascii=False))


COMMANDS = [init, check, build, calendar, verify, schema]
