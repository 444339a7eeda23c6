"""Adds the current request id to every log record, for the JSON-lines formatter."""

import logging

from suishin.core import context


class RequestContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = context.current().request_id
        return True
