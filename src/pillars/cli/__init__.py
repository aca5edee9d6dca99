"""The `pillars` command: thin commands over importers, domain and actions."""

from __future__ import annotations

import sys

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


def main(argv: list[str] | None = None) -> None:
    """Run the command; a usage error (unknown option, bad value, missing argument) ends in
    one line on stderr and exit 2, like every other refusal, instead of a framed box."""
    try:
        code = app(args=argv, prog_name="pillars", standalone_mode=False)
    except typer.TyperException as exc:  # Typer's (vendored) Click errors
        if type(exc).__name__ == "NoArgsIsHelpError":  # a group given alone: help is shown
            sys.exit(0)
        context = getattr(exc, "ctx", None)
        where = context.command_path if context is not None else "pillars"
        message = " ".join(exc.format_message().split())
        if getattr(exc, "option_name", None) and hasattr(exc, "possibilities"):
            message = f"no such option: {exc.option_name}"  # Click's guesses mislead more than help
        sys.stderr.write(f"error: {where}: {message} (see --help)\n")
        sys.exit(getattr(exc, "exit_code", 2) or 2)
    except typer.Abort:
        sys.stderr.write("aborted\n")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
