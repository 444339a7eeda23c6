"""A real server and a real browser for the browser tests.

The server is the production process type (gunicorn via ``suishin serve``) on a fresh SQLite
database in a temporary folder, loaded with the demo data, so the tests see what `make run`
shows a person. Chromium is Debian's; the tests are skipped, saying so, when it is missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("SUISHIN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def csp_refusals(page: Any) -> Iterator[list[str]]:
    """Collect what the page's Content-Security-Policy refused, as Chromium reports it on the
    console, for as long as the context is open."""
    refusals: list[str] = []

    def read(message: Any) -> None:
        if "Content Security Policy" in message.text:
            refusals.append(f"{page.url}: {message.text}")

    page.on("console", read)
    try:
        yield refusals
    finally:
        page.remove_listener("console", read)


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _suishin(args: list[str], env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "suishin.cli", *args]
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)  # noqa: S603


@contextmanager
def running_server(var_dir: Path, *, database_url: str | None = None) -> Iterator[str]:
    """Start a demo server (on SQLite in ``var_dir`` unless given a database); yield its base
    URL; stop it. Its log is ``var_dir / "server.log"``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_URL", "SUISHIN_"))
    }
    env.update(
        {"SUISHIN_VAR_DIR": str(var_dir), "SUISHIN_TESTING": "0", "SUISHIN_LOG_LEVEL": "WARNING"}
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["demo"]):
        _suishin(step, env)
    port = _free_port()
    log = (var_dir / "server.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "suishin.cli",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:  # noqa: S310 - loopback only
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((var_dir / "server.log").read_text()) from None
                time.sleep(0.2)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
