"""The `integrate-tui` command: the app by default, sub-commands for headless work.

argparse rather than typer: it is in the standard library (no start-up cost, nothing to pin),
and every sub-command lives in its own small module that registers itself here.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from integrate_tui.cli.common import fail
from integrate_tui.errors import IntegrateError

COMMAND_MODULES = (
    "integrate_tui.cli.files_commands",
    "integrate_tui.cli.scoring_commands",
    "integrate_tui.cli.analysis_commands",
    "integrate_tui.cli.consensus_commands",
    "integrate_tui.cli.rebalance_commands",
    "integrate_tui.cli.export_commands",
    "integrate_tui.cli.workshop_commands",
    "integrate_tui.cli.inbox_commands",
    "integrate_tui.cli.serve_commands",
)
"""Each module has `register(subparsers)`; the order is the order of `--help`."""


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 on usage errors (its default) and prints a hint to --help."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n(see `{self.prog} --help`)\n")


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The top-level parser (opens the app) and one parser per sub-command."""
    holder = _Parser(prog="integrate-tui", add_help=False)
    sub = holder.add_subparsers(dest="command", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    listing = "\n".join(f"  {name:<12} {_summary(sub, name)}" for name in sub.choices)
    top = _Parser(
        prog="integrate-tui",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="A terminal workbench for policy integration across silos. "
        "With no command, opens FILE (or the bundled city-diplomacy scenario) in the workbench.",
        epilog=f"commands:\n{listing}\n\n`integrate-tui COMMAND --help` tells more about each.",
    )
    top.add_argument("--version", action=_Version, help="show the version and exit")
    top.add_argument("file", nargs="?", help="scenario file to open (default: the bundled one)")
    return top, dict(sub.choices)


class _Version(argparse.Action):
    """--version, reading the installed version only when asked (see `integrate_tui`)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **options: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **options)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        import integrate_tui

        print(f"integrate-tui {integrate_tui.__version__}")
        parser.exit()


def _summary(sub: argparse._SubParsersAction, name: str) -> str:
    """The one-line help a command registered with."""
    return next((a.help or "" for a in sub._choices_actions if a.dest == name), "")


def _single_threaded_blas() -> None:
    """The engine's matrix products are small: BLAS thread start-up costs more than it saves.

    Measured: 16 ms against 0.1 ms per re-score at 10,000 activities on two cores. Must run
    before numpy is first imported, which the command modules do lazily.
    """
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit code (0 ok, 1 check failed, 2 error)."""
    _single_threaded_blas()
    args_list = list(sys.argv[1:] if argv is None else argv)
    top, commands = build_parser()
    try:
        if args_list and args_list[0] in commands:
            parser = commands[args_list[0]]
            args = parser.parse_args(args_list[1:])
            return int(args.run(args) or 0)
        args = top.parse_args(args_list)
        from integrate_tui.cli.app_command import run_app

        return run_app(args.file)
    except IntegrateError as error:
        return fail(error)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `integrate-tui score --json | head`: the reader left early
        _silence_stdout()
        return 141


def _silence_stdout() -> None:
    """Point stdout at devnull so the interpreter's final flush cannot raise again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
