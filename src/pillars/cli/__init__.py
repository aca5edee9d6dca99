"""The `pillars` command: thin commands over importers, domain and actions."""

from __future__ import annotations

import typer

from pillars import __version__
from pillars.cli.imports import import_command
from pillars.cli.plan import plan_app
from pillars.cli.quota import quota_app
from pillars.cli.time import time_app
from pillars.cli.users import token_app, user_app

app = typer.Typer(
    name="pillars",
    help="Pillars: where your sales team's time goes, from the exports you already have.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(time_app, name="time")
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")
app.add_typer(quota_app, name="quota")
app.add_typer(plan_app, name="plan")
app.command("import", help="Import calendar and CRM files into the database for one person.")(
    import_command
)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    app()
