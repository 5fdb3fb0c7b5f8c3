"""`serve`, `codes` and `participate`: loopback by default, warnings otherwise, clean stops."""

from __future__ import annotations

import asyncio
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from integrate_tui.cli import main
from integrate_tui.cli.serve_commands import (
    exposure_warning,
    is_loopback,
    participant_command,
    public_url,
)
from integrate_tui.workshop.inbox import key_path, participant_token, session_key
from test_participant_app import POINTS, workshop_file


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_page(url: str, deadline: float) -> int:
    """The HTTP status of `url` once it answers, polling until `deadline`."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return int(response.status)
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


STOP_SECONDS = 12
"""Generous for a loaded CI machine; without closing open pages on shutdown it took ~20 s."""


async def join_page_then_stop(url: str, server: subprocess.Popen[str]) -> tuple[str, int | None]:
    """Open the participant page as a browser does (a websocket), then Ctrl+C the server.

    Returns what the page showed and how the server closed the connection.
    """
    import aiohttp

    seen = b""
    async with aiohttp.ClientSession() as client, client.ws_connect(url) as ws:
        async with asyncio.timeout(20):
            async for message in ws:
                data = message.data
                seen += data if isinstance(data, bytes) else str(data).encode()
                if b"Join the workshop" in seen:
                    break
        server.send_signal(signal.SIGINT)
        async with asyncio.timeout(STOP_SECONDS):
            async for _ in ws:
                pass
        return seen.decode("utf-8", "replace"), ws.close_code


def test_serve_puts_the_web_page_on_loopback_with_a_qr_code_and_stops_on_ctrl_c(
    tmp_path: Path,
) -> None:
    path = workshop_file(tmp_path / "riverton.toml", POINTS)
    key_path(path).unlink()  # serve makes sure there is one
    port = free_port()
    command = [sys.executable, "-m", "integrate_tui", "serve", str(path), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for_page(f"http://127.0.0.1:{port}/", time.monotonic() + 20) == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
            page = answer.read().decode()
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=STOP_SECONDS)
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
    assert 'name="code"' in page and "Join the workshop" in page
    assert server.returncode in (0, 130), err
    assert "Traceback" not in out + err and "warning" not in err
    assert f"http://127.0.0.1:{port}" in out and "integrate-tui codes" in out
    assert "▀" in out or "█" in out  # the QR code
    assert participant_token(session_key(path, create=False) or b"", "ana") not in out
    assert key_path(path).exists()


def test_serve_terminal_answers_then_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    path = workshop_file(tmp_path / "riverton.toml", POINTS)
    key_path(path).unlink()  # serve makes sure there is one
    port = free_port()
    command = [sys.executable, "-m", "integrate_tui", "serve", str(path), "--port", str(port)]
    command.append("--terminal")
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for_page(f"http://127.0.0.1:{port}/", time.monotonic() + 20) == 200
        url = f"ws://127.0.0.1:{port}/ws?width=100&height=30"
        page, closed = asyncio.run(join_page_then_stop(url, server))
        out, err = server.communicate(timeout=STOP_SECONDS)  # promptly, even with a page open
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
    assert "Join the workshop" in page
    assert closed == 1000  # the open page was closed properly, not dropped
    assert server.returncode in (0, 130), err
    assert "Traceback" not in out + err
    assert f"http://127.0.0.1:{port}" in out
    assert "integrate-tui codes" in out
    assert "warning" not in err
    assert key_path(path).exists()


def test_serve_refuses_a_file_that_does_not_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("schema_version = \n", encoding="utf-8")
    assert main(["serve", str(path), "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert "broken.toml:1" in err and "Traceback" not in err
    assert not key_path(path).exists()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_hosts_need_no_warning(host: str) -> None:
    assert is_loopback(host)
    assert exposure_warning(host, 8000) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "workshop.local"])
def test_other_hosts_warn_who_can_reach_the_page(host: str) -> None:
    warning = exposure_warning(host, 8123)
    assert warning is not None
    for words in ("everyone on", "port 8123", "join codes are the only protection", "no TLS"):
        assert words in warning


def test_the_public_url_is_one_a_browser_can_open() -> None:
    assert public_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert public_url("::1", 8000) == "http://[::1]:8000"
    assert "0.0.0.0" not in public_url("0.0.0.0", 8000)
    assert public_url("0.0.0.0", 8000, "https://room.example/") == "https://room.example"


def test_the_served_command_survives_spaces_in_the_path(tmp_path: Path) -> None:
    path = tmp_path / "my workshop" / "riverton's plan.toml"
    words = shlex.split(participant_command(path))
    assert words == [sys.executable, "-m", "integrate_tui", "participate", str(path)]


def test_codes_lists_each_participant_with_their_join_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workshop_file(tmp_path / "riverton.toml", None)
    assert main(["codes", str(path)]) == 0
    out = capsys.readouterr().out
    key = session_key(path, create=False)
    assert key is not None
    for who, name in (("ana", "Ana Lopez"), ("ben", "Ben Okafor")):
        line = next(line for line in out.splitlines() if line.startswith(name))
        assert line.split()[-1] == participant_token(key, who)


def test_codes_and_participate_report_problems_without_a_traceback(
    example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["codes", str(example_path)]) == 2
    assert "no participants yet" in capsys.readouterr().err
    assert main(["participate", str(example_path.with_name("missing.toml"))]) == 2
    assert "missing.toml" in capsys.readouterr().err


def test_a_bad_port_is_a_usage_error(example_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["serve", str(example_path), "--port", "70000"])
    assert stop.value.code == 2


@pytest.mark.parametrize(
    "module", ["integrate_tui.cli.serve_commands", "integrate_tui.workshop.room"]
)
def test_the_command_and_the_pages_core_load_without_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "print(sorted(m for m in ('textual', 'textual_serve', 'aiohttp') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
