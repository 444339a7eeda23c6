from datetime import date, datetime

from ninja import Field, Schema

from suishin.core.schemas import MultiLineText, RecordId, SingleLineText
from suishin.search.choices import QUERY_MAX_LENGTH


class SearchFilter(Schema):
    q: MultiLineText = Field("", max_length=QUERY_MAX_LENGTH)
    types: list[SingleLineText] = Field(default_factory=list, max_length=20)
    mode: SingleLineText = Field("hybrid", pattern="^(hybrid|bm25|dense)$")
    k: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000)
    organization_id: RecordId | None = None
    category: SingleLineText | None = Field(None, max_length=100)
    date_from: date | None = None
    date_to: date | None = None


class SearchHitOut(Schema):
    type: str
    type_label: str
    object_id: str
    title: str
    url: str
    snippet_html: str
    score: float
    organization: str
    date: datetime | None
    classification: int


class FacetOut(Schema):
    value: str
    label: str
    count: int


class SearchOut(Schema):
    query: str
    total: int
    hits: list[SearchHitOut]
    facets: dict[str, list[FacetOut]]
    message: str
    elapsed_ms: float
