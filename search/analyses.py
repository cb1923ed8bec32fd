"""All analyses of one state of the graph, computed together (at build and after every write) and
stored as derived data in their own named graph: overlaps, actielijn relations, gaps (stated and
structural), opgave → actielijn links, goals with their actielijnen and programmes, communities,
suggested collaborators and the gap matrix. The graph holds them as RDF (queryable with SPARQL) and
the whole result as one JSON literal, so a service answers its first request without computing.

The stored result belongs to a fingerprint of the other graphs (their names, the documents' content
hashes and extraction versions), the embedding model and the analysis rules; when one changes it is
computed again."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from graph.projections import bridging_partners
from graph.queries import PREFIX_BLOCK
from graph.review import region_places
from graph.store import Store
from ontology.namespaces import GG, GGID, GRAPH_NAMESPACE
from ontology.passages import cite
from search.engine import SearchEngine
from search.gaps import STATED, all_gaps
from search.goals import goal_links, goals_with_links
from search.matrix import gap_matrix
from search.network_analyses import network_analyses
from search.overlaps import KEPT_FLOOR, OverlapReport, programme_overlaps, single_points
from search.profiles import load_passages, programme_profiles
from search.relations import actielijn_relations

T = TypeVar("T")

ANALYSES_GRAPH = GRAPH_NAMESPACE + "analyses"
RESULT = GGID["analyse/resultaat"]  # the resource that holds the whole result (an IRI that dereferences, like every minted one)
MODULES = ("analyses", "profiles", "facets", "overlaps", "relations", "gaps", "stated_gaps", "goals", "matrix",
           "network_analyses")


@cache
def analysis_version() -> str:
    """Fingerprint of the analysis rules: a result of other rules is computed again."""
    package = Path(__file__).resolve().parent
    return hashlib.sha256(b"".join((package / f"{name}.py").read_bytes() for name in MODULES)).hexdigest()[:16]


SOURCES = PREFIX_BLOCK + "SELECT DISTINCT ?hash ?version WHERE { ?doc gg:inhoudHash ?hash . OPTIONAL { ?doc gg:extractieVersie ?version } }"
STORED = PREFIX_BLOCK + f"SELECT ?json WHERE {{ GRAPH <{ANALYSES_GRAPH}> {{ <{RESULT}> gg:analyseResultaat ?json }} }}"


def fingerprint(store: Store, model: str) -> str:
    """The state of the graph (the names of the other graphs: every write adds one; the documents'
    content hashes and extraction versions), the embedding model and the analysis rules."""
    names = [name for name in store.graph_names() if name != ANALYSES_GRAPH]
    sources = sorted((row["hash"] or "", row["version"] or "") for row in store.select(SOURCES).rows)
    return hashlib.sha256(json.dumps([analysis_version(), model, names, sources]).encode()).hexdigest()[:20]


class AnalysisCancelled(Exception):
    """The analysis was stopped between two steps (the service is shutting down)."""


def compute(store: Store, engine: SearchEngine, model: str, cancelled: Callable[[], bool] = lambda: False) -> dict[str, Any]:
    """Every analysis of the current graph, as plain data (what the API serves). ``cancelled`` is asked
    between the steps: when it says yes, AnalysisCancelled ends the computation there."""

    def step(value: T) -> T:
        if cancelled():
            raise AnalysisCancelled("analyse afgebroken")
        return value

    started = time.perf_counter()
    passages = step(load_passages(store))
    profiles = step(programme_profiles(store, passages))
    overlaps = step(programme_overlaps(profiles, passages, engine, KEPT_FLOOR, region_places(store)))
    relations = step(actielijn_relations(store, profiles, passages, overlaps))
    links = step(goal_links(store, passages))
    goals = step(goals_with_links(store, engine, profiles, links))
    network = step(network_analyses(store, engine, profiles, passages))
    report = OverlapReport(overlaps, relations, bridging_partners(store, top=10), single_points(profiles))
    return {
        "vingerafdruk": fingerprint(store, model),
        "overlaps": asdict(report),
        "lacunes": [asdict(gap) for gap in all_gaps(store, engine, profiles, passages, links, goals)],
        "doelkoppelingen": [asdict(link) for link in links],
        "doelen": [asdict(goal) for goal in goals],
        "gemeenschappen": [asdict(c) for c in network.communities],
        "modulariteit": network.modularity,
        "suggesties": {org: [asdict(s) for s in items] for org, items in network.suggestions.items()},
        "matrix": gap_matrix(profiles, passages),
        "seconden": round(time.perf_counter() - started, 2),
    }


def stored(store: Store, model: str) -> dict[str, Any] | None:
    """The stored result when it belongs to the current graph, else None."""
    rows = store.select(STORED).rows
    if not rows or not rows[0]["json"]:
        return None
    result = json.loads(rows[0]["json"])
    return result if result.get("vingerafdruk") == fingerprint(store, model) else None


def save(store: Store, result: dict[str, Any]) -> None:
    store.replace_graph(ANALYSES_GRAPH, to_rdf(result))


def current(store: Store, engine: SearchEngine, model: str, *, keep: bool = True) -> dict[str, Any]:
    """The stored result, or a new one (stored when ``keep``: the store can be written)."""
    result = stored(store, model)
    if result is None:
        result = compute(store, engine, model)
        if keep:
            save(store, result)
    return result


def to_rdf(result: dict[str, Any]) -> Graph:
    """The analyses as RDF: stated gaps (gg:Knelpunt) and structural gaps (gg:StructureleLacune),
    opgave links (gg:werktAanOpgave), actielijn relations, programme overlaps, communities, and the
    whole result as one JSON literal."""
    graph = Graph()
    root = RESULT
    graph.add((root, GG.analyseResultaat, Literal(json.dumps(result, ensure_ascii=False))))
    graph.add((root, GG.vingerafdruk, Literal(result["vingerafdruk"])))
    for gap in result["lacunes"]:
        node = BNode()
        graph.add((node, RDF.type, GG.Knelpunt if gap["source"] == STATED else GG.StructureleLacune))
        graph.add((node, GG.lacuneSoort, Literal(gap["kind"])))
        graph.add((node, RDFS.label, Literal(gap["quote"] or f"{gap['subject_label']}: {gap['evidence']}")))
        graph.add((node, GG.betreft, URIRef(gap["subject"]) if gap["subject"].startswith("http") else Literal(gap["subject"])))
        if gap["actielijn"] != "regio":
            graph.add((node, GG.lacuneActielijn, GGID[f"actielijn/{gap['actielijn']}"]))
        if gap["programme"]:
            graph.add((node, GG.lacuneProgramma, URIRef(gap["programme"])))
        if gap["passage"]:
            cite(graph, node, URIRef(gap["passage"]))
    for link in result["doelkoppelingen"]:
        graph.add((GGID[f"actielijn/{link['actielijn']}"], GG.werktAanOpgave, URIRef(link["opgave"])))
    for relation in result["overlaps"]["actielijnen"]:
        node = BNode()
        graph.add((node, RDF.type, GG.ActielijnRelatie))
        for number in (relation["first"], relation["second"]):
            graph.add((node, GG.tussen, GGID[f"actielijn/{number}"]))
        graph.add((node, GG.genoemd, Literal(relation["stated"])))
        for item in relation["evidence"]:
            if item["passage"]:
                cite(graph, node, URIRef(item["passage"]))
    for overlap in result["overlaps"]["programmes"]:
        node = BNode()
        graph.add((node, RDF.type, GG.Overlap))
        graph.add((node, GG.tussen, URIRef(overlap["first"])))
        graph.add((node, GG.tussen, URIRef(overlap["second"])))
        graph.add((node, GG.score, Literal(str(overlap["score"]), datatype=XSD.decimal)))
        for evidence in overlap["evidence"] or ():
            cite(graph, node, URIRef(evidence["passage"]))
    for community in result["gemeenschappen"]:
        group = GGID[f"gemeenschap/{community['number']}"]
        graph.add((group, RDF.type, GG.Gemeenschap))
        graph.add((group, SKOS.prefLabel, Literal(f"Gemeenschap {community['number']}", lang="nl")))
        for member in community["organisations"]:
            graph.add((URIRef(member["iri"]), GG.inGemeenschap, group))
    return graph
