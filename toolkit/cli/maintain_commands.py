"""Commands for maintainers: `ratkit templates list|show|check` and `ratkit i18n extract|update|compile|status`."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group()
def templates() -> None:
    """DOCX templates, for the coordinator who maintains them."""


@templates.command("list")
@click.option("--templates", "folder", type=click.Path(path_type=Path), help="A folder that takes precedence.")
def templates_list(folder: Path | None) -> None:
    """Every template, its file and the documents it makes."""
    from ..maintain import templates as templatecheck
    from ..resources import TemplateSearchPath

    for name, path, documents in templatecheck.list_templates(TemplateSearchPath(folder)):
        click.echo(f"{name:<32} {', '.join(documents) or '(not used)':<40} {path}")


@templates.command("show")
@click.argument("template")
@click.option("--templates", "folder", type=click.Path(path_type=Path), help="A folder that takes precedence.")
def templates_show(template: str, folder: Path | None) -> None:
    """Print TEMPLATE (a name such as instruments/instrument.docx, or a file) as text; a git textconv for *.docx."""
    from ..maintain import templates as templatecheck
    from ..resources import TemplateSearchPath

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
@click.option("--locales", type=click.Path(path_type=Path, file_okay=False), help="Catalog folder (default: locales/).")
def templates_check(
    folder: Path | None, profiles: tuple[Path, ...], languages: tuple[str, ...], locales: Path | None
) -> None:
    """Check every template: tags, values, translations, a render per profile and language, and every branch
    (each combination of the yes/no facts its conditions read). Exit 1 if any fail."""
    from ..maintain import templates as templatecheck
    from ..model.load import load_profile
    from ..resources import TemplateSearchPath, examples_dir

    paths = list(profiles) or sorted((examples_dir() / "profiles").glob("*.yaml"))
    loaded = [load_profile(path, templates=folder) for path in paths]
    search = TemplateSearchPath(folder)
    problems = templatecheck.check_templates(search, loaded, list(languages) or None, locales)
    for problem in problems:
        click.secho(f"error: {problem}", err=True, fg="red")
    if problems:
        click.echo(f"{len(problems)} problem(s) in the templates", err=True)
        if any(" translation in " in problem.message for problem in problems):
            click.echo(
                "next, for the untranslated messages: `ratkit i18n extract`, `ratkit i18n update`, then translate "
                "them (locales/TRANSLATING.md) and run `ratkit templates check` again",
                err=True,
            )
        sys.exit(1)
    click.echo(f"every template is sound ({len(loaded)} profiles)")


@click.group()
def i18n() -> None:
    """Translation catalogs (gettext .po files) for maintainers and translators."""


@i18n.command("extract")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False), help="Template folder to read.")
@click.option(
    "--locales",
    type=click.Path(path_type=Path, file_okay=False),
    help="Catalog folder (default: locales/).",
)
def i18n_extract(templates: Path | None, locales: Path | None) -> None:
    """Collect every msgid into locales/documents.pot (documents) and locales/interface.pot (the interview)."""
    from ..maintain import catalogs as maintain

    for domain in maintain.DOMAINS:
        path, count = maintain.extract(locales, templates=templates, domain=domain)
        click.echo(f"wrote {path} ({count} messages)")


@i18n.command("update")
@click.option("--lang", "languages", multiple=True, help="Only these languages (default: all).")
@click.option(
    "--locales",
    type=click.Path(path_type=Path, file_okay=False),
    help="Catalog folder (default: locales/).",
)
def i18n_update(languages: tuple[str, ...], locales: Path | None) -> None:
    """Merge the .pot files into each language's .po: a new message is left untranslated (never guessed
    from another one); one whose English changed in place keeps its old translation, marked fuzzy."""
    from ..maintain import catalogs as maintain

    for domain in maintain.DOMAINS:
        for lang, path in maintain.update(locales, languages=list(languages) or None, domain=domain):
            click.echo(f"updated {lang}: {path}")
    click.echo("next: translate what `ratkit i18n status` lists as missing or fuzzy (Poedit, Weblate or an editor)")


@i18n.command("compile")
def i18n_compile() -> None:
    """Check every catalog and write its .mo; exit 1 on a broken placeholder."""
    from ..maintain import catalogs as maintain

    problems = maintain.compile_catalogs()
    for problem in problems:
        click.secho(f"error: {problem}", err=True, fg="red")
    if problems:
        sys.exit(1)
    click.echo("every catalog compiles")


@i18n.command("status")
@click.option("--strict", is_flag=True, help="Exit 1 unless every language is 100 % translated and up to date.")
@click.option("--list", "listing", is_flag=True, help="Also print each missing or fuzzy message in full.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False), help="Template folder to read.")
@click.option(
    "--locales",
    type=click.Path(path_type=Path, file_okay=False),
    help="Catalog folder (default: locales/).",
)
def i18n_status(strict: bool, listing: bool, templates: Path | None, locales: Path | None) -> None:
    """Translation coverage per language and per document, and what to do next."""
    from ..maintain import catalogs as maintain

    incomplete = stale = False
    for domain in maintain.DOMAINS:
        new, gone = maintain.stale_messages(locales, templates, domain)
        if new or gone:
            stale = True
            click.secho(
                f"{domain}: the templates and code have {len(new)} message(s) the catalogs do not know yet"
                + (f" and {len(gone)} they no longer use" if gone else "")
                + " — run `ratkit i18n extract` then `ratkit i18n update` before translating:",
                fg="yellow",
            )
            for message in new[:10]:
                click.echo(f"    new: “{message}”")
            if len(new) > 10:
                click.echo(f"    … and {len(new) - 10} more")
        coverages = maintain.status(locales, domain=domain)
        click.echo(f"{domain + ':':<12}{'translated':>12}{'fuzzy':>8}{'missing':>9}{'coverage':>10}")
        for cov in coverages:
            click.echo(f"  {cov.lang:<10}{cov.translated:>12}{cov.fuzzy:>8}{cov.missing:>9}{cov.percent:>9.1f}%")
            for source, (done, fuzzy, missing) in sorted(cov.by_source.items()):
                if fuzzy or missing:
                    click.echo(f"    {source}: {done} translated, {fuzzy} fuzzy, {missing} missing")
            if listing:
                for state, message in cov.untranslated:
                    click.echo(f"    {state}: “{message}”")
        incomplete = incomplete or any(cov.percent < 100 for cov in coverages)
    if stale:
        click.echo("next: `ratkit i18n extract`, then `ratkit i18n update`, then translate what this lists")
    elif incomplete:
        click.echo(
            "next: translate the missing messages (`ratkit i18n status --list` prints them); check each fuzzy "
            "one (its old translation, for the English before it changed) and remove its fuzzy flag — see "
            "locales/TRANSLATING.md"
        )
    else:
        click.echo("every catalog is up to date and complete")
    if strict and (incomplete or stale):
        sys.exit(1)


COMMANDS = [templates, i18n]
