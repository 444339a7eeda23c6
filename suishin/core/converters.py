"""URL converters. Record ids are bounded so that no URL can hand the database an integer it
cannot store (which SQLite reports as an overflow, i.e. a server error)."""

MAX_RECORD_ID = 2**63 - 1


class RecordIdConverter:
    regex = "[1-9][0-9]{0,17}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
