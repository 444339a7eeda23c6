"""Where the web process listens: SUISHIN_BIND, read the same way for the server and for the
banners that tell people which address to open."""

from __future__ import annotations

import os

from gunicorn.util import parse_address

DEFAULT_BIND = "127.0.0.1:8000"


def bind_address() -> str:
    """What ``suishin serve`` binds to unless given ``--bind``: SUISHIN_BIND, else the default."""
    return os.environ.get("SUISHIN_BIND", "").strip() or DEFAULT_BIND


def served_address(bind: str) -> str:
    """The address to open for a server bound to ``bind``, read by gunicorn's own parser, so
    the banner names what gunicorn really listens on (its own default port included)."""
    try:
        address = parse_address(bind)
    except RuntimeError:
        return bind  # gunicorn refuses it too, and says why
    if not isinstance(address, tuple):
        # A Unix socket or an inherited descriptor: reached only through the proxy in front.
        return f"{bind} (through the reverse proxy in front of it)"
    host, port = address
    if host in ("", "0.0.0.0"):  # noqa: S104 - recognising the wildcard, not binding to it
        return f"http://127.0.0.1:{port}/ (listening on every address, port {port})"
    if host == "::":
        return f"http://[::1]:{port}/ (listening on every address, port {port})"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"
