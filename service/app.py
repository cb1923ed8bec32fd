"""create_app(settings): the FastAPI service over the graph. No state is created at import."""

from __future__ import annotations

from contextlib import asynccontextmanager
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp

from ontology.namespaces import BASE
from ontology.vocabulary import ACTIELIJN_CHOICES, ACTIELIJNEN
from service import api, review, sparql, uploads, writes
from service.errors import install_error_handlers
from service.head import HeadAsGet
from service.headers import SecurityHeaders
from service.knowledge import Knowledge
from service.limits import BodySizeLimit
from service.settings import Settings
from service.state import FacadeState
from service.views import analysis, document, entity, home, linked_data, network, search
from service.views import review as review_page
from visual.network import STATIC_DIR as NETWORK_STATIC_DIR
from visual.network import VIS_DIR

TEMPLATES_DIR = __import__("pathlib").Path(__file__).resolve().parent / "templates"
STATIC_DIR = TEMPLATES_DIR.parent / "static"
SWAGGER_DIR = STATIC_DIR / "swagger"
ANALYSIS_PAGES = ("gaps.html", "overlaps.html", "entity_analysis.html")  # swagger-ui-dist from npm, with its licence


def path_of(iri: str) -> str:
    """The service path of an entity IRI (IRIs dereference on this service)."""
    return "/" + iri.removeprefix(BASE) if iri.startswith(BASE) else iri


def anchor_of(iri: str) -> str:
    return quote(iri.rsplit("/", 1)[-1], safe="")


def kind_name(kind: str) -> str:
    """A kind slug as a heading: 'programma-zonder-trekker' -> 'Programma zonder trekker'."""
    return kind.replace("-", " ").capitalize()


def document_of(passage_iri: str) -> str:
    return passage_iri.rsplit("/", 1)[-1].rsplit("-", 2)[0]


class Service(FastAPI):
    """FastAPI with the security headers outside everything, Starlette's ServerErrorMiddleware included:
    the 500 of an error no other handler caught carries them too (a middleware added with
    ``add_middleware`` sits inside ServerErrorMiddleware and never sees that answer)."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        # writes need the store read-write; without write tokens the service only reads
        knowledge = Knowledge.open(settings, read_only=not settings.writers(), sparql=True)
        app.state.knowledge = knowledge
        # the analysis pages' templates are compiled once in the same background thread, before a visitor asks
        knowledge.analyses_keeper.preload(then=lambda: [templates.get_template(page) for page in ANALYSIS_PAGES])
        if settings.writers():  # a service that writes also keeps the search index of its data directory
            knowledge.index_refresher.catch_up()
        try:
            yield
        finally:
            knowledge.close(60)

    app = Service(
        title="Gezond Groningen kennisgraaf",
        description="Wie werkt waaraan in het netwerk Gezond Groningen: organisaties, personen, programma's, "
                    "actielijnen, thema's en doelen, elk feit met de bronpassage. Lezen is open; schrijven alleen met een token.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served below with the local Swagger UI copy (no CDN)
        redoc_url=None,
    )
    app.state = FacadeState(settings)  # type: ignore[assignment]
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    templates.env.filters.update(pad=path_of, anker=anchor_of, document=document_of, soortnaam=kind_name)
    templates.env.globals.update(actielijnen_nummers=ACTIELIJNEN, actielijn_keuzes=ACTIELIJN_CHOICES)
    app.state.templates = templates
    install_error_handlers(app)
    app.openapi = lambda: api.openapi_schema(app)  # type: ignore[method-assign]
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes, upload_paths=uploads.UPLOAD_PATHS,
                       max_upload_bytes=settings.max_document_bytes)
    app.add_middleware(HeadAsGet)  # SecurityHeaders wraps the whole stack (Service): also the 413 of BodySizeLimit and any 500
    app.mount("/static/vis", StaticFiles(directory=str(VIS_DIR)), name="vis")
    app.mount("/static/netwerk", StaticFiles(directory=str(NETWORK_STATIC_DIR)), name="netwerk")
    app.mount("/static/site", StaticFiles(directory=str(STATIC_DIR)), name="site")
    app.mount("/static/swagger", StaticFiles(directory=str(SWAGGER_DIR)), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        page = get_swagger_ui_html(openapi_url="/openapi.json", title=f"{app.title} – API",
                                   swagger_js_url="/static/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger/swagger-ui.css",
                                   swagger_favicon_url="/static/swagger/favicon-32x32.png")
        html = bytes(page.body).decode().replace("<script>", f'<script nonce="{request.state.csp_nonce}">')
        return HTMLResponse(html)

    @app.get("/healthz", tags=["API"], summary="Leeft de dienst en is de graaf geladen?")
    def healthz() -> dict:
        return {"status": "ok", "triples": app.state.knowledge.triple_count()}

    for router in (writes.router, review.router, uploads.router, review_page.router, api.router, sparql.router, home.router, search.router, document.router, analysis.router,
                   network.router, linked_data.router, entity.router):
        app.include_router(router)
    return app
