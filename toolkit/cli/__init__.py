"""The `ratkit` command: click options around the library, nothing more."""

from __future__ import annotations

import json
import signal
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from .._version import __version__
from ..build import BuildOptions, build_packet
from ..check import calendar_report, check_profile, format_checks
from ..errors import ToolkitError
from ..kits.jobs import KitInterrupted, KitOutcome
from ..kits.runner import build_kits
from ..lang.catalog import check_language
from ..maintain import catalogs as maintain
from ..maintain import templates as templatecheck
from ..maintain.skeleton import write_skeleton
from ..model.profile import load_profile, profile_json_schema
from ..output import verify_packet
from ..pdf.convert import default_processes
from ..resources import PACKAGE_DIR, TemplateSearchPath

PACKAGE_ROOT = PACKAGE_DIR.parent


class _Group(click.Group):
    """Turns every :class:`ToolkitError` into a message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ToolkitError as exc:
            for problem in exc.problems:
                click.secho(f"error: {problem}", err=True, fg="red")
            sys.exit(1)
        except KeyboardInterrupt:  # Ctrl-C: every output appears whole or not at all, so nothing is half-written
            click.secho("interrupted: nothing was written", err=True, fg="yellow")
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ratkit")
def main() -> None:
    """Draft the documents a State needs to join the Convention on Cluster Munitions."""


@main.command()
@click.argument("profile", type=click.Path(path_type=Path))
@click.option("--state", "code", metavar="CODE", help="ISO 3166-1 code of the State, e.g. KE.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(profile: Path, code: str | None, force: bool) -> None:
    """Write a commented profile skeleton to PROFILE."""
    write_skeleton(profile, code, force)
    click.echo(f"wrote {profile}: fill in the empty fields, then run `ratkit check {profile}`")


@main.command()
@click.argument("profile", type=click.Path(path_type=Path))
@click.option("--lang", help="Check the packet in this language (default: the first working language available).")
def check(profile: Path, lang: str | None) -> None:
    """Validate PROFILE and print what the depositary will check. Exit 1 if it would refuse."""
    report = check_profile(profile, lang)
    click.echo(format_checks(report))
    if report.refused:
        sys.exit(1)


@main.command()
@click.argument("profile", type=click.Path(path_type=Path))
@click.option("--lang", help="Packet language (default: the profile's first working language).")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: ./packet-<CODE>-<LANG>).")
@click.option("--no-pdf", is_flag=True, help="Write the DOCX files only, without LibreOffice.")
@click.option("--force", is_flag=True, help="Replace an existing packet folder.")
@click.option("--templates", type=click.Path(path_type=Path), help="A folder of templates that take precedence.")
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
    draft: bool,
    pdfa: bool,
    no_cache: bool,
    jobs: int | None,
    paper: str | None,
    duplex: bool,
) -> None:
    """Build the packet for PROFILE."""
    options = BuildOptions(
        pdf=not no_pdf,
        force=force,
        templates=templates,
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


@main.command()
@click.argument("profile", type=click.Path(path_type=Path))
@click.option("--deposit", type=click.DateTime(formats=["%Y-%m-%d"]), help="Date of deposit, YYYY-MM-DD.")
@click.option("--ics", type=click.Path(path_type=Path), help="Also write the deadlines as an iCalendar file.")
@click.option("--lang", help="Language of the calendar (default: the profile's first available language).")
def calendar(profile: Path, deposit: datetime | None, ics: Path | None, lang: str | None) -> None:
    """Entry into force and every deadline for PROFILE."""
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


@main.command()
@click.argument("profiles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--lang", "langs", required=True, help="Languages, comma-separated, e.g. en,fr,ar.")
@click.option("--out", required=True, type=click.Path(path_type=Path), help="Folder for <CODE>/<LANG>/ packets.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Worker processes (default: every CPU).")
@click.option("--no-pdf", is_flag=True, help="DOCX and manifests only.")
@click.option("--force", is_flag=True, help="Replace earlier packets in the output folder.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), help="Paper (default: each State's, per CLDR).")
@click.option("--duplex", is_flag=True, help="Start every document of each packet.pdf on a right-hand page.")
@click.option("--templates", type=click.Path(path_type=Path), help="A folder of templates that take precedence.")
@click.option("--draft", is_flag=True, help="Build even where the depositary would refuse the instrument.")
@click.option("--pdfa", is_flag=True, help="Archival PDF/A-2b output.")
@click.option("--no-cache", is_flag=True, help="Convert every document again instead of reusing cached PDFs.")
def kits(
    profiles: tuple[Path, ...],
    langs: str,
    out: Path,
    jobs: int | None,
    no_pdf: bool,
    force: bool,
    paper: str | None,
    duplex: bool,
    templates: Path | None,
    draft: bool,
    pdfa: bool,
    no_cache: bool,
) -> None:
    """Build kits for a workshop: every PROFILE in every language. Exit 1 if any packet failed."""
    languages = list(dict.fromkeys(lang.strip().lower() for lang in langs.split(",") if lang.strip()))
    for lang in languages:
        try:
            check_language(lang)
        except ToolkitError as exc:
            raise click.BadParameter(f"{exc.first.message} — {exc.first.hint}", param_hint="--lang") from None
    if out.exists() and not out.is_dir():
        raise click.BadParameter(f"{out} is a file, not a folder", param_hint="--out")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ToolkitError(f"cannot be created: {exc.strerror}", path=out, key="--out") from None
    total = len(profiles) * len(languages)
    started = time.perf_counter()
    counter = [0]

    def report(outcome: KitOutcome) -> None:
        counter[0] += 1
        state = "built" if outcome.ok else f"FAILED: {outcome.message}"
        click.echo(f"[{counter[0]}/{total}] {outcome.job.code}/{outcome.job.lang}: {state}")

    options = BuildOptions(
        pdf=not no_pdf,
        force=force,
        templates=templates,
        draft=draft,
        pdfa=pdfa,
        cache=not no_cache,
        paper=paper,
        duplex=duplex,
    )
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` stops as cleanly as Ctrl-C
    try:
        if sys.stdout.isatty():
            with click.progressbar(length=total, label="Building kits", show_eta=True, show_pos=True) as bar:
                outcomes = build_kits(
                    list(profiles), languages, out, jobs, options, on_outcome=lambda _o: bar.update(1)
                )
        else:
            outcomes = build_kits(list(profiles), languages, out, jobs, options, on_outcome=report)
    except KitInterrupted as stop:
        _kit_summary(stop.outcomes, started)
        click.secho(
            f"interrupted: {len(stop.not_built)} packet(s) not built; every packet folder present is complete. "
            "Run the same command with --force to build them all again.",
            err=True,
            fg="yellow",
        )
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)
    _kit_summary(outcomes, started)
    for lang in languages:
        index = out / lang / ("index.docx" if no_pdf else "index.pdf")
        if index.is_file():
            click.echo(f"index: {index}")
    if any(not o.ok for o in outcomes):
        sys.exit(1)


def _kit_summary(outcomes: list[KitOutcome], started: float) -> None:
    failed = [o for o in outcomes if not o.ok]
    width = max([len("State"), *(len(o.job.code) for o in outcomes)]) + 2
    click.echo(f"\n{'State':<{width}}{'lang':<6}{'result':<8}{'seconds':>8}  reason")
    for outcome in sorted(outcomes, key=lambda o: (o.job.code, o.job.lang)):
        result = "built" if outcome.ok else "FAILED"
        click.echo(
            f"{outcome.job.code:<{width}}{outcome.job.lang:<6}{result:<8}{outcome.seconds:>8.2f}  {outcome.message}"
        )
    click.echo(f"{len(outcomes) - len(failed)} built, {len(failed)} failed in {time.perf_counter() - started:.1f} s")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
def verify(folder: Path) -> None:
    """Recompute the hashes in FOLDER/manifest.json. Exit 1 naming any changed or missing file."""
    problems = verify_packet(folder)
    if problems:
        raise ToolkitError(problems=problems)
    click.echo(f"{folder}: every file matches its manifest")


@main.command()
def schema() -> None:
    """Print the JSON Schema of a profile."""
    click.echo(json.dumps(profile_json_schema(), indent=2, ensure_ascii=False))


@main.group()
def templates() -> None:
    """DOCX templates, for the coordinator who maintains them."""


@templates.command("list")
@click.option("--templates", "folder", type=click.Path(path_type=Path), help="A folder that takes precedence.")
def templates_list(folder: Path | None) -> None:
    """Every template, its file and the documents it makes."""
    for name, path, documents in templatecheck.list_templates(TemplateSearchPath(folder)):
        click.echo(f"{name:<32} {', '.join(documents) or '(not used)':<40} {path}")


@templates.command("show")
@click.argument("template")
@click.option("--templates", "folder", type=click.Path(path_type=Path), help="A folder that takes precedence.")
def templates_show(template: str, folder: Path | None) -> None:
    """Print TEMPLATE (a name such as instruments/instrument.docx, or a file) as text; a git textconv for *.docx."""
    path = Path(template) if Path(template).is_file() else TemplateSearchPath(folder).find(template)
    click.echo(templatecheck.show_template(path), nl=False)


@templates.command("check")
@click.option("--templates", "folder", type=click.Path(path_type=Path), help="A folder that takes precedence.")
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Profiles to render with (default: every example profile).",
)
@click.option("--lang", "languages", multiple=True, help="Languages to check (default: every available one).")
def templates_check(folder: Path | None, profiles: tuple[Path, ...], languages: tuple[str, ...]) -> None:
    """Check every template: tags, values, translations, and a render per profile and language. Exit 1 if any fail."""
    paths = list(profiles) or sorted((PACKAGE_ROOT / "examples" / "profiles").glob("*.yaml"))
    loaded = [load_profile(path) for path in paths]
    problems = templatecheck.check_templates(TemplateSearchPath(folder), loaded, list(languages) or None)
    for problem in problems:
        click.secho(f"error: {problem}", err=True, fg="red")
    if problems:
        click.echo(f"{len(problems)} problem(s) in the templates", err=True)
        sys.exit(1)
    click.echo(f"every template is sound ({len(loaded)} profiles)")


@main.group()
def i18n() -> None:
    """Translation catalogs (gettext .po files) for maintainers and translators."""


@i18n.command("extract")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False), help="Template folder to read.")
def i18n_extract(templates: Path | None) -> None:
    """Collect every msgid of the templates and the toolkit into locales/documents.pot."""
    path, count = maintain.extract(templates=templates)
    click.echo(f"wrote {path} ({count} messages)")


@i18n.command("update")
@click.option("--lang", "languages", multiple=True, help="Only these languages (default: all).")
def i18n_update(languages: tuple[str, ...]) -> None:
    """Merge documents.pot into each language's .po; changed English becomes fuzzy."""
    for lang, path in maintain.update(languages=list(languages) or None):
        click.echo(f"updated {lang}: {path}")


@i18n.command("compile")
def i18n_compile() -> None:
    """Check every catalog and write its .mo; exit 1 on a broken placeholder."""
    problems = maintain.compile_catalogs()
    for problem in problems:
        click.secho(f"error: {problem}", err=True, fg="red")
    if problems:
        sys.exit(1)
    click.echo("every catalog compiles")


@i18n.command("status")
@click.option("--strict", is_flag=True, help="Exit 1 unless every language is 100 % translated.")
def i18n_status(strict: bool) -> None:
    """Translation coverage per language and per document."""
    coverages = maintain.status()
    click.echo(f"{'language':<10}{'translated':>12}{'fuzzy':>8}{'missing':>9}{'coverage':>10}")
    for cov in coverages:
        click.echo(f"{cov.lang:<10}{cov.translated:>12}{cov.fuzzy:>8}{cov.missing:>9}{cov.percent:>9.1f}%")
        for source, (done, fuzzy, missing) in sorted(cov.by_source.items()):
            if fuzzy or missing:
                click.echo(f"    {source}: {done} translated, {fuzzy} fuzzy, {missing} missing")
    if strict and any(cov.percent < 100 for cov in coverages):
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
