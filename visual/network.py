"""Interactive network views (pyvis / vis-network): the whole network (organisations, programmes,
actielijnen) and the partner network (organisations linked by shared programmes), with filters,
an ego view, size by degree or betweenness, colour by organisation type and click-through.

pyvis's Node and Edge build the vis-network options (its Network class checks every new node and
edge against all earlier ones: minutes at ×100); ``render_html`` writes them into our own page so
that vis-network is served by the service (or inlined in a standalone file), never from a CDN.

A browser lays out a few hundred nodes smoothly, not thousands: a view larger than MAX_VIEW_NODES
shows the largest nodes (by the chosen size) and at most MAX_VIEW_EDGES of their heaviest links, and
says so; filters and the ego view show the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.edge import Edge
from pyvis.node import Node

from graph.projections import (betweenness, ego_network, organisation_graph, organisation_programme_graph,
                               partner_betweenness, partner_graphs)
from graph.queries import PREFIX_BLOCK, sparql_iri
from graph.store import Store, values_batches

VIS_DIR = Path(__import__("pyvis").__file__).resolve().parent / "lib" / "vis-9.1.2"
TEMPLATES = Path(__file__).resolve().parent / "templates"
TYPE_COLOURS = {
    "gemeente": "#1f77b4", "zorgverzekeraar": "#d62728", "ziekenhuis": "#9467bd", "publieke-gezondheid": "#2ca02c",
    "huisartsenzorg": "#8c564b", "welzijn": "#e377c2", "ouderenzorg": "#bcbd22", "ggz-verslavingszorg": "#17becf",
    "onderwijs-kennis": "#ff7f0e", "sport": "#7f7f7f", "inwonersorganisatie": "#aec7e8", "netwerk-coalitie": "#ffbb78",
    "bedrijf": "#98df8a", "overheid": "#c5b0d5", "overig": "#c7c7c7",
}
PROGRAMME_COLOUR, ACTIELIJN_COLOUR = "#444444", "#000000"
# Barnes-Hut tuned for 150+ nodes: stabilise off-screen, then the page freezes physics.
PHYSICS = {
    "physics": {
        "solver": "barnesHut",
        "barnesHut": {"gravitationalConstant": -20000, "centralGravity": 0.3, "springLength": 220,
                      "springConstant": 0.01, "damping": 0.6, "avoidOverlap": 0.6},
        "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 50, "fit": True},
        "minVelocity": 1.0,
    },
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
    "edges": {"smooth": False, "color": {"color": "#b0b0b0", "highlight": "#333333"}},
    "nodes": {"font": {"size": 18, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
              "scaling": {"label": {"enabled": False, "drawThreshold": 3}}},
}

PROGRAMME_INFO = PREFIX_BLOCK + """
SELECT DISTINCT ?p ?theme WHERE { ?p a gg:Programma ; dcterms:subject/skos:prefLabel ?theme }"""
ROLES = PREFIX_BLOCK + """
SELECT DISTINCT ?org ?programmeLabel ?role WHERE {
  VALUES ?org { %s }
  ?p prov:qualifiedAssociation ?b ; rdfs:label ?programmeLabel . ?b prov:agent ?org ; prov:hadRole/skos:notation ?role .
}"""
MAX_VIEW_NODES = 300
MAX_VIEW_EDGES = 2500


@dataclass
class NetworkFilter:
    view: str = "partners"  # partners | geheel
    actielijn: int | None = None
    programme: str = ""  # programme IRI
    theme: str = ""  # theme label
    org_type: str = ""
    ego: str = ""  # organisation IRI
    depth: int = 1
    size_by: str = "degree"  # degree | betweenness


@dataclass
class NetworkView:
    nodes: list[dict]
    edges: list[dict]
    options: dict
    legend: dict[str, str]
    title: str
    filters: NetworkFilter = field(default_factory=NetworkFilter)
    notice: str = ""  # what was left out of a view too large to draw


def _filtered_two_mode(store: Store, flt: NetworkFilter) -> nx.Graph:
    # around an organisation: only its neighbourhood is read (enough for the ego view below)
    graph = organisation_programme_graph(store, around=flt.ego, depth=ego_depth(flt))
    themes: dict[str, set[str]] = {}
    for row in store.select(PROGRAMME_INFO).rows:
        themes.setdefault(row["p"] or "", set()).add(row["theme"] or "")
    drop = []
    for node, data in graph.nodes(data=True):
        if data["kind"] == "programma":
            lines = {int(n) for n in data["actielijnen"].split(",") if n}
            if (flt.actielijn is not None and flt.actielijn not in lines) or (flt.programme and node != flt.programme) or (
                flt.theme and flt.theme not in themes.get(node, set())
            ):
                drop.append(node)
        elif flt.org_type and data["type"] != flt.org_type:
            drop.append(node)
    graph.remove_nodes_from(drop)
    graph.remove_nodes_from([n for n, d in graph.nodes(data=True) if d["kind"] == "organisatie" and graph.degree(n) == 0])
    return graph


def _network(store: Store, flt: NetworkFilter) -> nx.Graph:
    """The filtered view (partners or whole network), cut around the ego organisation if any."""
    two_mode = _filtered_two_mode(store, flt)
    if flt.view == "geheel":
        graph = two_mode.copy()
        for node, data in list(two_mode.nodes(data=True)):
            if data["kind"] == "programma":
                for number in filter(None, data["actielijnen"].split(",")):
                    line = f"actielijn/{number}"
                    graph.add_node(line, kind="actielijn", label=f"Actielijn {number}", type="")
                    graph.add_edge(node, line)
    else:
        graph = organisation_graph(two_mode)
    if flt.ego:
        graph = nx.ego_graph(graph, flt.ego, radius=ego_depth(flt)) if flt.ego in graph else nx.Graph()
    return graph


def ego_depth(flt: NetworkFilter) -> int:
    return max(1, min(flt.depth, 2))


def _roles(store: Store, organisations: list[str]) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = {}
    for batch in values_batches([iri for iri in organisations if iri.startswith("https://")]):
        for row in store.select(ROLES % " ".join(sparql_iri(iri) for iri in batch)).rows:
            roles.setdefault(row["org"] or "", []).append(f"{row['role']} – {row['programmeLabel']}")
    return roles


def _view_graph(store: Store, flt: NetworkFilter) -> tuple[nx.Graph, dict[str, float]]:
    """The graph to draw and the size measure of its nodes. The unfiltered partner network and its
    ego views are cut from the whole network kept per store version (graph/projections.py), with its
    kept betweenness; read, never changed."""
    unfiltered = flt.view == "partners" and flt.actielijn is None and not (flt.programme or flt.theme or flt.org_type)
    if unfiltered and not flt.ego:
        graph = partner_graphs(store)[1]
        centrality = partner_betweenness(store) if flt.size_by == "betweenness" else {}
    else:
        graph = ego_network(store, flt.ego, ego_depth(flt)) if unfiltered else _network(store, flt)
        centrality = betweenness(graph) if flt.size_by == "betweenness" else {}
    return graph, {n: (centrality.get(n, 0.0) if flt.size_by == "betweenness" else graph.degree(n)) for n in graph}


def _drawable(graph: nx.Graph, measures: dict[str, float], flt: NetworkFilter) -> tuple[list[str], list[tuple], str]:
    """The nodes and edges to draw: all of them, or for a large view the MAX_VIEW_NODES largest nodes
    (the ego organisation and the actielijnen always) and the MAX_VIEW_EDGES heaviest links among them."""
    nodes = list(graph)
    if len(nodes) > MAX_VIEW_NODES:
        always = [n for n in nodes if n == flt.ego or graph.nodes[n].get("kind") == "actielijn"]
        rest = sorted((n for n in nodes if n not in always), key=lambda n: (-measures[n], -graph.degree(n), str(n)))
        nodes = always + rest[: MAX_VIEW_NODES - len(always)]
    shown = set(nodes)
    edges = [(a, b, data) for a, b, data in graph.edges(shown, data=True) if a in shown and b in shown]
    if len(edges) > MAX_VIEW_EDGES:
        edges = sorted(edges, key=lambda edge: -edge[2].get("weight", 1))[:MAX_VIEW_EDGES]
    if len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges():
        return nodes, edges, ""
    largest = "meeste betweenness" if flt.size_by == "betweenness" else "meeste verbindingen"
    return nodes, edges, (
        f"Getoond: {_count(len(nodes))} van {_count(graph.number_of_nodes())} knopen (die met de {largest}) en "
        f"{_count(len(edges))} van {_count(graph.number_of_edges())} verbindingen (de zwaarste). Filter op actielijn, "
        "programma, thema of type, of kies een organisatie, om de rest te zien.")


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # Dutch thousands separator


def build_view(store: Store, flt: NetworkFilter) -> NetworkView:
    graph, measures = _view_graph(store, flt)
    nodes, edges, notice = _drawable(graph, measures, flt)
    roles = _roles(store, [n for n in nodes if graph.nodes[n].get("kind", "organisatie") == "organisatie"])
    largest = max((measures[n] for n in nodes), default=0) or 1
    drawn_nodes = []
    for node in nodes:
        data = graph.nodes[node]
        kind = data.get("kind", "organisatie")
        colour = TYPE_COLOURS.get(data.get("type", ""), "#c7c7c7") if kind == "organisatie" else (
            PROGRAMME_COLOUR if kind == "programma" else ACTIELIJN_COLOUR)
        lines = [data.get("label", node), f"soort: {kind}"]
        if kind == "organisatie":
            lines.append(f"type: {data.get('type', '')}")
            lines += sorted(set(roles.get(node, [])))[:12]
        elif kind == "programma":
            lines.append(f"actielijn: {data.get('actielijnen') or '-'}")
        shape = "dot" if kind == "organisatie" else ("square" if kind == "programma" else "diamond")
        drawn_nodes.append(Node(node, shape, data.get("label", node), title="\n".join(lines), color=colour,
                                size=8 + 24 * (measures[node] / largest) ** 0.5, url=_page_url(node)).options)
    drawn_edges = []
    for source, target, data in edges:
        weight = data.get("weight", 1)
        drawn_edges.append(Edge(source, target, value=weight,
                                title=f"{weight} gedeelde programma's" if flt.view != "geheel" else "").options)
    used_types = sorted({graph.nodes[n].get("type", "") for n in nodes if graph.nodes[n].get("kind", "organisatie") == "organisatie"})
    legend = {t: TYPE_COLOURS.get(t, "#c7c7c7") for t in used_types if t}
    if flt.view == "geheel":
        legend.update({"programma (vierkant)": PROGRAMME_COLOUR, "actielijn (ruit)": ACTIELIJN_COLOUR})
    title = "Partnernetwerk" if flt.view != "geheel" else "Heel het netwerk"
    return NetworkView(drawn_nodes, drawn_edges, PHYSICS, legend, title, flt, notice)


def _page_url(node: str) -> str:
    if node.startswith("actielijn/"):
        return "/id/" + node
    return "/" + node.split("/", 3)[-1] if node.startswith("https://") else node


def render_html(view: NetworkView, *, inline_assets: bool, static_prefix: str = "/static/vis", form_html: str = "",
                nonce: str = "") -> str:
    """A complete page: inline vis-network for a standalone file, else the service's own copy. ``nonce``
    marks the page's own scripts for the service's Content-Security-Policy."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    assets = {
        "js": (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8") if inline_assets else "",
        "css": (VIS_DIR / "vis-network.css").read_text(encoding="utf-8") if inline_assets else "",
    }
    return env.get_template("network_view.html").render(
        view=view, payload={"nodes": view.nodes, "edges": view.edges, "options": view.options},
        inline=inline_assets, assets=assets, static_prefix=static_prefix, form_html=form_html, nonce=nonce,
    )
