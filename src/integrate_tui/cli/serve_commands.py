"""Remote participants: `serve` puts the participant page in browsers, `codes` lists join codes,
and `participate` is the terminal page itself (what `serve --terminal` runs per browser)."""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import socket
import sys
from pathlib import Path

from integrate_tui.cli.common import fail, load

WILDCARDS = ("0.0.0.0", "::", "")
"""Hosts that mean "every interface of this machine"."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add `serve`, `codes` and `participate` to the CLI."""
    p = sub.add_parser(
        "serve",
        help="serve the participant page to browsers (remote participants)",
        description="Serve the participant page: each participant opens the URL (or scans "
        "the QR code printed here), types their join code (see `codes`) and sends their own "
        "points, comparisons or votes to the inbox beside FILE. The page is plain HTML made "
        "for phones, one process for everyone; --terminal serves the terminal page instead "
        "(textual-serve, a process per browser). Binds to 127.0.0.1 unless --host says "
        "otherwise. Ctrl+C stops it.",
    )
    p.add_argument("file", metavar="FILE", help="scenario file")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: every "
        "network this machine is on, with a warning)",
    )
    p.add_argument("--port", type=_port, default=8000, help="port to listen on (8000)")
    p.add_argument(
        "--public-url", metavar="URL", help="the address browsers use, if not http://HOST:PORT"
    )
    p.add_argument(
        "--terminal",
        action="store_true",
        help="serve the terminal page in the browser (textual-serve) instead of the web page",
    )
    p.set_defaults(run=serve)
    p = sub.add_parser("codes", help="print each participant's join code, to hand out")
    p.add_argument("file", metavar="FILE", help="scenario file")
    p.set_defaults(run=codes)
    p = sub.add_parser(
        "participate",
        help="the participant page itself, in this terminal (what `serve` runs per browser)",
        description="Open the participant page for FILE: join with your name and code, then "
        "give your own input to the open round. `serve` runs this for every browser.",
    )
    p.add_argument("file", metavar="FILE", help="scenario file")
    p.set_defaults(run=participate)


def _port(text: str) -> int:
    """A TCP port number, 1–65535, or argparse's usage error."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1–65535)")
    return int(text)


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host`: localhost or a loopback address."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, port: int) -> str | None:
    """What to tell the facilitator when the page is reachable from other machines."""
    if is_loopback(host):
        return None
    where = "every network this machine is on" if host in WILDCARDS else f"the network of {host}"
    return (
        f"warning: serving on {host or '*'}:{port}, so everyone on {where} who can reach "
        f"port {port} can open the participant page. The join codes are the only protection, "
        "and nothing is encrypted (no TLS): use a network you trust, hand codes out in "
        "person, and stop the server (Ctrl+C) when the session ends."
    )


def _lan_address() -> str:
    """This machine's address on its main network (a UDP 'connect' sends no packet)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            return str(probe.getsockname()[0])
        except OSError:
            return socket.gethostname()


def public_url(host: str, port: int, given: str | None = None) -> str:
    """The address browsers open; for a wildcard host, this machine's network address."""
    if given:
        return given.rstrip("/")
    name = _lan_address() if host in WILDCARDS else host
    return f"http://[{name}]:{port}" if ":" in name else f"http://{name}:{port}"


def participant_command(path: Path) -> str:
    """The shell command textual-serve runs per browser: this Python, `participate`, FILE."""
    return f"{shlex.quote(sys.executable)} -m integrate_tui participate {shlex.quote(str(path))}"


def own_names(host: str) -> set[str]:
    """The host names the web page answers to when bound to `host` (see `web.security`)."""
    names = {host} if host not in WILDCARDS else set()
    if is_loopback(host) or host in WILDCARDS:
        names |= {"localhost", "127.0.0.1", "::1"}
    if host in WILDCARDS:
        names |= {_lan_address(), socket.gethostname()}
    return {name for name in names if name}


def serve(args: argparse.Namespace) -> int:
    """Check FILE, make sure the session key exists, then serve until Ctrl+C."""
    from integrate_tui.workshop.inbox import inbox_dir, session_key

    path = Path(args.file).resolve()
    scenario = load(path)
    session_key(path)
    warning = exposure_warning(args.host, args.port)
    if warning:
        print(warning, file=sys.stderr)
    url = public_url(args.host, args.port, args.public_url)
    if args.terminal:
        return _serve_terminal(args, path, url, f"{scenario.meta.title} · integrate-tui")
    from integrate_tui.web.serve import qr_text, run

    print(f"Participants open {url} on their phone or laptop, or scan this code:")
    print(qr_text(url), end="")
    _print_codes_hint(args.file, inbox_dir(path))
    try:
        run(path, host=args.host, port=args.port, hosts=own_names(args.host), public_url=url)
    except OSError as error:
        return fail(f"cannot serve on {args.host}:{args.port}: {error.strerror or error}")
    print("Server stopped.")
    return 0


def _print_codes_hint(file: str, inbox: Path) -> None:
    """Where join codes come from and where submissions go; codes are never shown here."""
    print(
        f"Join codes: run `integrate-tui codes {shlex.quote(file)}` and hand each person "
        "theirs (they are not shown here, in case this screen is projected)."
    )
    print(f"Submissions arrive in {inbox}. Ctrl+C stops the server.", flush=True)


def _serve_terminal(args: argparse.Namespace, path: Path, url: str, title: str) -> int:
    """The terminal page in browsers through textual-serve, a process per browser."""
    from integrate_tui.workshop.inbox import inbox_dir

    try:
        from integrate_tui.tui.participant.server import ParticipantServer
    except ImportError:
        return fail("`serve --terminal` needs textual-serve: pip install 'textual-serve>=1.1'")
    command = participant_command(path)
    server = ParticipantServer(command, host=args.host, port=args.port, title=title, public_url=url)
    print(f"Participants open {url} in a browser, choose their name and type their join code.")
    _print_codes_hint(args.file, inbox_dir(path))
    try:
        server.serve()
    except OSError as error:
        return fail(f"cannot serve on {args.host}:{args.port}: {error.strerror or error}")
    print("Server stopped.")
    return 0


def codes(args: argparse.Namespace) -> int:
    """Print every participant's name, id and join code (making the session key if needed)."""
    from integrate_tui.workshop import workshop_of
    from integrate_tui.workshop.inbox import key_path, participant_token, session_key

    path = Path(args.file)
    people = workshop_of(load(path)).participants
    if not people:
        return fail(f"{path} has no participants yet: add them in workshop mode first")
    key = session_key(path)
    assert key is not None  # created just now if it was missing
    name_width = max(len(p.name) for p in people)
    id_width = max(len(p.id) for p in people)
    for person in people:
        code = participant_token(key, person.id)
        print(f"{person.name:<{name_width}}  {person.id:<{id_width}}  {code}")
    print(f"\nDeleting {key_path(path).name} starts a new session: every code changes.")
    return 0


def participate(args: argparse.Namespace) -> int:
    """Run the participant page in this terminal; a file that does not load exits 2."""
    from integrate_tui.tui.participant.app import make_participant_app

    app = make_participant_app(args.file)
    app.run()
    return 0
