"""The `ratkit` command: click options around the library, nothing more.

This package is the one place where errors become exit codes: a
:class:`~toolkit.errors.ToolkitError` (the user's input is wrong) prints one
line per problem and exits 1; Ctrl-C exits 130; click's usage errors exit 2.
Each command lives in the module of its group and imports the library only
when it runs.
"""

from __future__ import annotations

import signal
import sys
from typing import Any

import click

from .._version import __version__
from ..errors import ToolkitError
from . import kits_command, maintain_commands, packet_commands, serve_command


class _Group(click.Group):
    """Turns every :class:`ToolkitError` into a message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ToolkitError as exc:
            for line in str(exc).splitlines():  # at most MAX_SHOWN problems, then how many more
                click.secho(f"error: {line}", err=True, fg="red")
            sys.exit(1)
        except KeyboardInterrupt:  # Ctrl-C: every output appears whole or not at all, so nothing is half-written
            click.secho("interrupted: nothing was written", err=True, fg="yellow")
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ratkit")
def main() -> None:
    """Draft the documents a State needs to join the Convention on Cluster Munitions."""
    # `kill` stops a command as Ctrl-C does: LibreOffice ended, temporary folders removed, nothing half-written.
    signal.signal(signal.SIGTERM, signal.default_int_handler)


for _command in [*packet_commands.COMMANDS, kits_command.kits, serve_command.serve, *maintain_commands.COMMANDS]:
    main.add_command(_command)
