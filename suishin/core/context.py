"""Per-request context (request id, client address) for audit entries and log lines.

Set by RequestContextMiddleware; services read it so that they need no request argument.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip_address: str | None = None


_EMPTY = RequestContext()
_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "suishin_request_context", default=None
)


def current() -> RequestContext:
    return _current.get() or _EMPTY


def bind(context: RequestContext) -> contextvars.Token[RequestContext | None]:
    return _current.set(context)


def reset(token: contextvars.Token[RequestContext | None]) -> None:
    _current.reset(token)
