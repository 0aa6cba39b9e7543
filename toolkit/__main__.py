"""`python -m toolkit` runs the `ratkit` command."""

from .cli import main

main(prog_name="ratkit")
