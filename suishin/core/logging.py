"""Adds the current request id to every log record, for the JSON-lines formatter."""

import logging

from suishin.core import context


class RequestContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # Django logs some responses after the middleware has unbound the context; the id is
        # then still on the request object that it attaches to the record.
        request = getattr(record, "request", None)
        record.request_id = context.current().request_id or getattr(request, "request_id", "")
        return True
