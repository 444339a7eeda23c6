"""The one JSON API, at /api/v1/. Each app contributes a Router from its own api.py."""

from ninja import NinjaAPI

from suishin.core.api import router as core_router
from suishin.core.api_support import SessionAuth, TokenAuth, install_error_handlers
from suishin.desk.api import router as desk_router
from suishin.initiatives.api import router as initiatives_router
from suishin.knowledge.api import router as knowledge_router
from suishin.search.api import router as search_router

api = NinjaAPI(
    title="Suishin API",
    version="1",
    description=(
        "Authenticate with a personal API token (`Authorization: Bearer ssn_…`) or a browser "
        'session. Errors: `{"error": {"code", "message", "fields"?}}`.'
    ),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    # The interactive docs page loads its scripts from a CDN, which intranets cannot reach;
    # the OpenAPI document itself stays at /api/v1/openapi.json.
    docs_url=None,
)
install_error_handlers(api)
api.add_router("", core_router)
api.add_router("", search_router)
api.add_router("", desk_router)
api.add_router("", knowledge_router)
api.add_router("", initiatives_router)
