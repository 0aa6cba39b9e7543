"""`ratkit serve`: the guided interview in a browser, on this machine (or, when told, for a room)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click


@click.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1: this machine only)."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--builds", default=2, show_default=True, type=click.IntRange(1, 8), help="Packets built at once.")
@click.option("--templates", type=click.Path(path_type=Path), help="A folder of templates that take precedence.")
@click.option("--locales", type=click.Path(path_type=Path), help="A folder of catalogs (<lang>/LC_MESSAGES/) first.")
def serve(host: str, port: int, builds: int, templates: Path | None, locales: Path | None) -> None:
    """Run the guided interview: open http://HOST:PORT/ in a browser."""
    import uvicorn

    from ..build import BuildOptions
    from ..serve.app import create_app

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
    app = create_app(BuildOptions(templates=templates, locales=locales), pool_size=builds)
    uvicorn.run(app, host=host, port=port, log_level="warning")
