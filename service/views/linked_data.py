"""Linked data: every IRI the graph mints answers at its own path, in HTML, Turtle, JSON-LD and
N-Triples. The pattern (Cool URIs, Content-Location): the IRI itself answers with the format its Accept
header prefers (``Vary: Accept``) and names the format's own URL in ``Content-Location``: the same path
with .html, .ttl, .jsonld or .nt, which always answers that format. No redirects. HTML pages name their
RDF twins with <link rel="alternate">. Also here: the ontology at /def (its terms are fragments)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from graph.errors import NotFound
from graph.formats import jsonld_context
from ontology.namespaces import ONTOLOGY_FILE
from ontology.terms import ontology_graph, terms
from service.sparql import negotiate
from service.views.pages import page

router = APIRouter(include_in_schema=False)
SUFFIXES = {".html": "text/html", ".ttl": "text/turtle", ".jsonld": "application/ld+json", ".nt": "application/n-triples"}
EXTENSIONS = {media: suffix for suffix, media in SUFFIXES.items()}
RDF_SYNTAXES = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt"}


def representation(request: Request, path: str) -> tuple[str, str, dict[str, str]]:
    """(the resource's path, media type, headers): a suffix picks the format; without one the Accept
    header does, and the answer names its format's URL (Content-Location) and varies by Accept."""
    for suffix, media in SUFFIXES.items():
        if path.endswith(suffix):
            return path.removesuffix(suffix), media, {}
    media = negotiate(request.headers.get("accept", "text/html"), tuple(SUFFIXES.values()))
    return path, media, {"Vary": "Accept", "Content-Location": path + EXTENSIONS[media]}


def alternates(path: str) -> list[tuple[str, str]]:
    """(media type, URL) of every RDF twin of the page at ``path``, for <link rel="alternate">."""
    return [(media, path + suffix) for suffix, media in SUFFIXES.items() if media != "text/html"]


def rdf_response(body: bytes, media: str, headers: dict[str, str]) -> Response:
    return Response(body, media_type=media, headers=headers)


@router.get("/def")
@router.get("/def.{extension}")
def ontology_page(request: Request, extension: str = "") -> Response:
    path, media, headers = representation(request, "/def" + (f".{extension}" if extension else ""))
    if extension and "." + extension not in SUFFIXES:
        raise NotFound(f"Onbekend formaat '.{extension}'; kies uit {', '.join(SUFFIXES)}.")
    if media == "text/turtle":
        return rdf_response(ONTOLOGY_FILE.read_bytes(), media, headers)
    if media != "text/html":
        return rdf_response(ontology_graph().serialize(format=RDF_SYNTAXES[media], encoding="utf-8"), media, headers)
    response = page(request, "vocabulary.html", {"termen": terms(), "alternates": alternates(path)})
    response.headers.update(headers)
    return response


@router.get("/context.jsonld")
def context() -> Response:
    """The JSON-LD context that the JSON-LD export names (``gezond-kg export --format jsonld``)."""
    return JSONResponse(jsonld_context(), media_type="application/ld+json")
