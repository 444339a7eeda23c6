"""The banners of `make run` (`suishin demo`, then `suishin serve`) name the address the server
really listens on, read from the same SUISHIN_BIND gunicorn is given."""

from __future__ import annotations

import io
import sys
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command

from suishin.core.management.commands import serve as serve_command
from suishin.core.serving import bind_address, served_address
from suishin.devtools.management.commands import demo as demo_command


@pytest.mark.parametrize(
    ("bind", "address"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000/"),
        ("192.0.2.10:8080", "http://192.0.2.10:8080/"),
        ("localhost", "http://localhost:8000/"),  # gunicorn's own default port
        ("tcp://127.0.0.1:9001", "http://127.0.0.1:9001/"),
        ("[::1]:8443", "http://[::1]:8443/"),
        ("0.0.0.0:9000", "http://127.0.0.1:9000/ (listening on every address, port 9000)"),
        (":8081", "http://127.0.0.1:8081/ (listening on every address, port 8081)"),
        ("[::]:8082", "http://[::1]:8082/ (listening on every address, port 8082)"),
        (
            "unix:/run/suishin.sock",
            "unix:/run/suishin.sock (through the reverse proxy in front of it)",
        ),
    ],
)
def test_the_served_address_is_read_as_gunicorn_reads_the_bind(bind: str, address: str) -> None:
    assert served_address(bind) == address


def test_the_bind_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUISHIN_BIND", raising=False)
    assert bind_address() == "127.0.0.1:8000"
    monkeypatch.setenv("SUISHIN_BIND", "0.0.0.0:9123")
    assert bind_address() == "0.0.0.0:9123"


def test_the_demo_banner_names_the_port_the_server_will_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUISHIN_BIND", "127.0.0.1:9123")
    users = {spec.username: SimpleNamespace(requires_mfa=False) for spec in demo_command.DEMO_USERS}
    monkeypatch.setattr(demo_command, "build_demo", lambda: users)
    out = io.StringIO()
    call_command("demo", stdout=out)
    banner = out.getvalue().splitlines()[0]
    assert banner == "Demo data is ready. Sign in at http://127.0.0.1:9123/ with:"
    assert "8000" not in out.getvalue()


def test_serve_prints_the_address_it_hands_to_gunicorn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUISHIN_BIND", "0.0.0.0:8765")
    started: dict[str, Any] = {}

    def execv(path: str, argv: list[str]) -> None:
        started["argv"] = argv
        raise SystemExit(0)

    monkeypatch.setattr(serve_command.os, "execv", execv)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("serve", "--no-worker", stdout=out)
    argv = started["argv"]
    assert argv[argv.index("--bind") + 1] == "0.0.0.0:8765"
    assert out.getvalue().startswith(
        "Suishin: http://127.0.0.1:8765/ (listening on every address, port 8765)"
    )
    # --bind given on the command line wins over the environment, in the banner too.
    with pytest.raises(SystemExit):
        call_command("serve", "--no-worker", "--bind", "127.0.0.1:8100", stdout=out)
    assert started["argv"][started["argv"].index("--bind") + 1] == "127.0.0.1:8100"
    assert "Suishin: http://127.0.0.1:8100/" in out.getvalue()
