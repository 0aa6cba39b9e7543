"""`ratkit serve`: the guided interview in a browser, on this machine (or, when told, for a room)."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import click


@click.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1: this machine only)."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--builds", default=2, show_default=True, type=click.IntRange(1, 8), help="Packets built at once.")
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 8),
    help="Server processes answering the pages (one per core serves a room best).",
)
@click.option("--templates", type=click.Path(path_type=Path), help="A folder of templates that take precedence.")
@click.option("--locales", type=click.Path(path_type=Path), help="A folder of catalogs (<lang>/LC_MESSAGES/) first.")
def serve(host: str, port: int, builds: int, workers: int, templates: Path | None, locales: Path | None) -> None:
    """Run the guided interview: open http://HOST:PORT/ in a browser."""
    import uvicorn

    from ..serve.app import create_app_from_settings
    from ..serve.settings import SETTINGS_VARIABLE, ServeSettings

    try:
        local = ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = host == "localhost"
    if not local:
        click.secho(
            f"The interview is open to every computer that can reach {host}:{port}. Each person's answers stay "
            "in their own browser and packets are not kept, but anyone on the network can use it: run it "
            "only on a network you trust (a workshop room), and stop it afterwards (Ctrl-C).",
            fg="yellow",
            err=True,
        )
    click.echo(f"The interview is at http://{'127.0.0.1' if host == '0.0.0.0' else host}:{port}/ — Ctrl-C to stop.")
    settings = ServeSettings(templates=templates, locales=locales, builds=max(1, -(-builds // workers)))
    if workers == 1:
        uvicorn.run(create_app_from_settings(settings), host=host, port=port, log_level="warning")
        return
    # several processes, each its own app (the answers travel in the form: nothing to share between them)
    os.environ[SETTINGS_VARIABLE] = settings.to_json()
    uvicorn.run(
        "toolkit.serve.app:create_app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
