"""`ratkit kits`: packets for a workshop, many States × languages, with progress and a summary."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import ToolkitError

if TYPE_CHECKING:
    from ..kits.jobs import KitOutcome


@click.command()
@click.argument("profiles", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--workshop",
    type=click.Path(path_type=Path),
    help="A workshop.yaml: title, dates, venue, agenda, participants (and the profiles and languages).",
)
@click.option("--lang", "langs", help="Languages, comma-separated, e.g. en,fr,ar (default: the workshop's).")
@click.option("--out", required=True, type=click.Path(path_type=Path), help="Folder for <CODE>/<LANG>/ packets.")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Worker processes (default: every CPU).")
@click.option("--no-pdf", is_flag=True, help="DOCX and manifests only.")
@click.option("--force", is_flag=True, help="Replace earlier packets in the output folder.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), help="Paper (default: each State's, per CLDR).")
@click.option("--duplex", is_flag=True, help="Start every document of each packet.pdf on a right-hand page.")
@click.option("--templates", type=click.Path(path_type=Path), help="A folder of templates that take precedence.")
@click.option("--locales", type=click.Path(path_type=Path), help="A folder of catalogs (<lang>/LC_MESSAGES/) first.")
@click.option("--draft", is_flag=True, help="Build even where the depositary would refuse the instrument.")
@click.option("--pdfa", is_flag=True, help="Archival PDF/A-2b output.")
@click.option("--no-cache", is_flag=True, help="Convert every document again instead of reusing cached PDFs.")
def kits(
    profiles: tuple[Path, ...],
    workshop: Path | None,
    langs: str | None,
    out: Path,
    jobs: int | None,
    no_pdf: bool,
    force: bool,
    paper: str | None,
    duplex: bool,
    templates: Path | None,
    locales: Path | None,
    draft: bool,
    pdfa: bool,
    no_cache: bool,
) -> None:
    """Build kits for a workshop: every PROFILE in every language, with each language's index, agenda,
    sign-in sheet, list of participants, one-page briefs, print.pdf and kit-<LANG>.zip.

    A packet already built from the same inputs is kept and reported as unchanged. Exit 1 if any packet failed."""
    from ..build import BuildOptions
    from ..kits.jobs import KitInterrupted
    from ..kits.runner import build_kits
    from ..kits.workshop import load_workshop
    from ..lang.catalog import check_language

    described = load_workshop(workshop) if workshop is not None else None
    if not profiles and described is not None:
        profiles = tuple(described.profile_paths())
    if not profiles:
        raise click.UsageError("give the profiles, or a --workshop file that lists them (profiles:)")
    if langs is None:
        if described is None or not described.workshop.languages:
            raise click.UsageError("give --lang, or a --workshop file that lists them (languages:)")
        langs = ",".join(described.workshop.languages)
    languages = list(dict.fromkeys(lang.strip().lower() for lang in langs.split(",") if lang.strip()))
    for lang in languages:
        try:
            check_language(lang, locales)
        except ToolkitError as exc:
            raise click.BadParameter(f"{exc.first.message} — {exc.first.hint}", param_hint="--lang") from None
    if described is not None:
        described.check_languages(languages)
    if out.exists() and not out.is_dir():
        raise click.BadParameter(f"{out} is a file, not a folder", param_hint="--out")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ToolkitError(f"cannot be created: {exc.strerror}", path=out, key="--out") from None
    total = len(profiles) * len(languages)
    started = time.perf_counter()
    counter = [0]

    def show(outcome: KitOutcome) -> None:
        counter[0] += 1
        state = outcome.result if outcome.ok else f"FAILED: {outcome.message}"
        click.echo(f"[{counter[0]}/{total}] {outcome.job.code}/{outcome.job.lang}: {state}")

    options = BuildOptions(
        pdf=not no_pdf,
        force=force,
        templates=templates,
        locales=locales,
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
                report = build_kits(
                    list(profiles),
                    languages,
                    out,
                    jobs,
                    options,
                    on_outcome=lambda _o: bar.update(1),
                    workshop=described,
                )
        else:
            report = build_kits(list(profiles), languages, out, jobs, options, on_outcome=show, workshop=described)
    except KitInterrupted as stop:
        _kit_summary(stop.outcomes, started)
        said = (
            f"interrupted: {len(stop.not_built)} packet(s) not built; every packet folder present is complete. "
            if stop.not_built
            else "interrupted while making the print files and archives: every packet is built. "
        )
        click.secho(
            said + "Run the same command again: the packets already built are kept, the rest are made.",
            err=True,
            fg="yellow",
        )
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)
    _kit_summary(report.packets, started)
    for done in report.languages:
        kept = " (unchanged)" if done.unchanged else ""
        if no_pdf:
            click.echo(f"{done.lang}: {out / done.lang / 'index.docx'}{kept}")
        else:
            click.echo(
                f"{done.lang}: {out / done.lang / 'print.pdf'}: {done.print_pages} page sides on "
                f"{done.print_sheets} sheets{' (both sides)' if duplex else ''}{kept}"
            )
        click.echo(f"{done.lang}: {out / f'kit-{done.lang}.zip'}")
    if any(not o.ok for o in report.packets):
        sys.exit(1)


def _kit_summary(outcomes: list[KitOutcome], started: float) -> None:
    failed = [o for o in outcomes if not o.ok]
    width = max([len("State"), *(len(o.job.code) for o in outcomes)]) + 2
    click.echo(f"\n{'State':<{width}}{'lang':<6}{'result':<10}{'seconds':>8}  reason")
    for outcome in sorted(outcomes, key=lambda o: (o.job.code, o.job.lang)):
        click.echo(
            f"{outcome.job.code:<{width}}{outcome.job.lang:<6}{outcome.result:<10}{outcome.seconds:>8.2f}  "
            f"{outcome.message}"
        )
    unchanged = sum(1 for o in outcomes if o.unchanged)
    built = len(outcomes) - len(failed) - unchanged
    click.echo(f"{built} built, {unchanged} unchanged, {len(failed)} failed in {time.perf_counter() - started:.1f} s")
