"""create_app(settings): the FastAPI service over the graph. No state is created at import."""

from __future__ import annotations

from contextlib import asynccontextmanager
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from graph.factory import open_store
from ontology.namespaces import BASE
from service import api, sparql, uploads, writes
from service.analyses_state import AnalysesKeeper
from service.errors import install_error_handlers
from service.index_refresh import IndexRefresher
from service.limits import BodySizeLimit
from service.query_runner import IsolatedQueryRunner
from service.settings import Settings
from service.views import analysis, document, entity, home, network, search
from visual.network import VIS_DIR

TEMPLATES_DIR = __import__("pathlib").Path(__file__).resolve().parent / "templates"


def path_of(iri: str) -> str:
    """The service path of an entity IRI (IRIs dereference on this service)."""
    return "/" + iri.removeprefix(BASE) if iri.startswith(BASE) else iri


def anchor_of(iri: str) -> str:
    return quote(iri.rsplit("/", 1)[-1], safe="")


def document_of(passage_iri: str) -> str:
    return passage_iri.rsplit("/", 1)[-1].rsplit("-", 2)[0]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        # writes need the store read-write; without write tokens the service only reads
        app.state.store = open_store(settings.data_dir, store_url=settings.store, read_only=not settings.writers())
        app.state.query_runner = IsolatedQueryRunner(
            settings.data_dir, settings.store, settings.sparql_timeout, settings.sparql_max_result_bytes
        )
        app.state.index_refresher = IndexRefresher(app.state)
        app.state.analyses_keeper = AnalysesKeeper(app.state)
        app.state.analyses_keeper.preload()
        try:
            yield
        finally:
            app.state.index_refresher.wait(60)
            app.state.analyses_keeper.wait(60)
            app.state.query_runner.stop()
            app.state.store.close()

    app = FastAPI(
        title="Gezond Groningen kennisgraaf",
        description="Wie werkt waaraan in het netwerk Gezond Groningen: organisaties, personen, programma's, "
                    "actielijnen, thema's en doelen, elk feit met de bronpassage. Lezen is open; schrijven alleen met een token.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = None
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    templates.env.filters.update(pad=path_of, anker=anchor_of, document=document_of)
    app.state.templates = templates
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes, upload_paths=uploads.UPLOAD_PATHS,
                       max_upload_bytes=settings.max_document_bytes)
    app.mount("/static/vis", StaticFiles(directory=str(VIS_DIR)), name="vis")

    @app.get("/healthz", tags=["API"], summary="Leeft de dienst en is de graaf geladen?")
    def healthz() -> dict:
        return {"status": "ok", "triples": app.state.store.triple_count()}

    for router in (writes.router, uploads.router, api.router, sparql.router, home.router, search.router, document.router, analysis.router,
                   network.router, entity.router):
        app.include_router(router)
    return app
