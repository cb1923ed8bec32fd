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

from collections import Counter
from dataclasses import asdict, astuple, dataclass, field
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.edge import Edge
from pyvis.node import Node

from graph.cache import kept
from graph.communities import communities
from graph.positions import positions
from graph.projections import (
    betweenness,
    ego_network,
    organisation_graph,
    organisation_programme_graph,
    partner_betweenness,
    partner_graphs,
)
from graph.queries import programme_themes, roles_of
from graph.store import Store

VIS_DIR = Path(__import__("pyvis").__file__).resolve().parent / "lib" / "vis-9.1.2"
TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"
# every colour at least 3:1 against the white page (WCAG 1.4.11), also in the legend
TYPE_COLOURS = {
    "gemeente": "#1f5fa8", "zorgverzekeraar": "#c0392b", "ziekenhuis": "#7b3fa0", "publieke-gezondheid": "#2e7d32",
    "huisartsenzorg": "#8c564b", "welzijn": "#c2185b", "ouderenzorg": "#6b6b00", "ggz-verslavingszorg": "#00798c",
    "onderwijs-kennis": "#b34700", "sport": "#0b6e4f", "inwonersorganisatie": "#3949ab", "netwerk-coalitie": "#a0522d",
    "bedrijf": "#4f7a28", "overheid": "#6a5acd", "overig": "#6e6e6e",
}
ACTIELIJN_COLOURS = {"1": "#1f5fa8", "2": "#c0392b", "3": "#2e7d32", "4": "#7b3fa0", "5": "#b34700", "": "#6e6e6e"}
PROGRAMME_COLOUR, ACTIELIJN_COLOUR = "#444444", "#000000"
SHAPES = {"organisatie": "dot", "programma": "square", "actielijn": "diamond"}
# positions come from the server (graph/positions.py): no physics, the same picture every time
OPTIONS = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": False,
                    "hideEdgesOnDrag": True},
    "edges": {"smooth": False, "color": {"color": "#c4c4c4", "highlight": "#222222", "hover": "#555555"},
              "scaling": {"min": 1, "max": 6}},
    "nodes": {"font": {"size": 15, "face": "system-ui, sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"},
              "borderWidth": 1, "color": {"border": "#ffffff"}},
}
LAYOUTS_KEPT = 64
CLIQUE_MIN_MEMBERS, CLIQUE_DENSITY = 15, 0.8
# labels of the larger nodes stay readable when the whole network fits the screen; the rest on zooming in
LARGE_NODE, LARGE_LABEL, SMALL_LABEL = 16, 26, 15  # positions of this many views per store version

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
    legend: dict[str, str]  # colour by type: name -> colour (shape in ``shapes``)
    title: str
    filters: NetworkFilter = field(default_factory=NetworkFilter)
    notice: str = ""  # what was left out of a view too large to draw
    legend_actielijn: dict[str, str] = field(default_factory=dict)  # colour by actielijn
    shapes: dict[str, str] = field(default_factory=dict)  # legend name -> vis shape
    groups: list[dict] = field(default_factory=list)  # communities: number, name, members

    def payload(self) -> dict:
        """What the page script draws (visual/static/netwerk.js), also the JSON twin /netwerk.json."""
        return {"titel": self.title, "filters": asdict(self.filters), "knopen": len(self.nodes), "verbindingen": len(self.edges),
                "afgekapt": self.notice, "nodes": self.nodes, "edges": self.edges, "options": self.options,
                "legenda": {"type": self.legend, "actielijn": self.legend_actielijn}, "vormen": self.shapes,
                "groepen": self.groups}


def _filtered_two_mode(store: Store, flt: NetworkFilter) -> nx.Graph:
    # around an organisation: only its neighbourhood is read (enough for the ego view below)
    graph = organisation_programme_graph(store, around=flt.ego, depth=ego_depth(flt))
    themes = programme_themes(store)
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


def _network(store: Store, flt: NetworkFilter) -> tuple[nx.Graph, nx.Graph]:
    """The filtered view (partners or whole network), cut around the ego organisation if any, and the
    filtered organisation–programme graph it comes from."""
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
    return graph, two_mode


def ego_depth(flt: NetworkFilter) -> int:
    return max(1, min(flt.depth, 2))


def _view_graph(store: Store, flt: NetworkFilter) -> tuple[nx.Graph, nx.Graph, dict[str, float]]:
    """The graph to draw, the organisation–programme graph behind it and the size measure of its nodes.
    The unfiltered partner network and its ego views are cut from the whole network kept per store
    version (graph/projections.py), with its kept betweenness; read, never changed."""
    unfiltered = flt.view == "partners" and flt.actielijn is None and not (flt.programme or flt.theme or flt.org_type)
    if unfiltered and not flt.ego:
        two_mode, graph = partner_graphs(store)
        centrality = partner_betweenness(store) if flt.size_by == "betweenness" else {}
    elif unfiltered:
        two_mode, graph = partner_graphs(store)[0], ego_network(store, flt.ego, ego_depth(flt))
        centrality = betweenness(graph) if flt.size_by == "betweenness" else {}
    else:
        graph, two_mode = _network(store, flt)
        centrality = betweenness(graph) if flt.size_by == "betweenness" else {}
    return graph, two_mode, {n: (centrality.get(n, 0.0) if flt.size_by == "betweenness" else graph.degree(n)) for n in graph}


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
    largest = "grootste brugfunctie" if flt.size_by == "betweenness" else "meeste verbindingen"
    what = "organisaties" if flt.view != "geheel" else "organisaties, programma's en actielijnen"
    return nodes, edges, (
        f"Getoond: {_count(len(nodes))} van {_count(graph.number_of_nodes())} {what} (die met de {largest}) en "
        f"{_count(len(edges))} van {_count(graph.number_of_edges())} verbindingen (de zwaarste). Filter op actielijn, "
        "programma, thema of type, of kies een organisatie, om de rest te zien.")


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # Dutch thousands separator


def _kept_positions(store: Store, flt: NetworkFilter, graph: nx.Graph) -> dict:
    """Seeded positions of this view, kept per store version for the last LAYOUTS_KEPT views."""
    layouts: dict[tuple, dict] = kept(store, "network_layouts", dict)
    key = (*astuple(flt), graph.number_of_nodes(), graph.number_of_edges())
    if key not in layouts:
        while len(layouts) >= LAYOUTS_KEPT:
            layouts.pop(next(iter(layouts)))
        layouts[key] = positions(graph)
    return layouts[key]


def _organisation_lines(two_mode: nx.Graph, organisation: str) -> list[str]:
    """The actielijnen of an organisation's programmes, the one with the most programmes first."""
    counts = Counter(n for p in two_mode.adj.get(organisation, {}) for n in two_mode.nodes[p].get("actielijnen", "").split(",") if n)
    return [line for line, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _shared_programmes(two_mode: nx.Graph, a: str, b: str) -> list[str]:
    if a not in two_mode or b not in two_mode:
        return []
    return sorted(two_mode.nodes[p]["label"] for p in set(two_mode.adj[a]) & set(two_mode.adj[b]))


def _drawn_node(node: str, data: dict, *, flt: NetworkFilter, lines: list[str], roles: list[str], size: float,
                group: int) -> dict:
    kind = data.get("kind", "organisatie")
    label = data.get("label", node)
    org_type = data.get("type", "") if kind == "organisatie" else ""
    colour = TYPE_COLOURS.get(org_type, TYPE_COLOURS["overig"]) if kind == "organisatie" else (
        PROGRAMME_COLOUR if kind == "programma" else ACTIELIJN_COLOUR)
    main_line = lines[0] if lines else ""
    line_colour = ACTIELIJN_COLOURS[main_line] if kind == "organisatie" else colour
    tooltip = [label, f"soort: {kind}"]
    if kind == "organisatie":
        tooltip += [f"type: {org_type}", f"actielijnen: {', '.join(lines) or '–'}"] + sorted(set(roles))[:12]
    elif kind == "programma":
        tooltip.append(f"actielijn: {data.get('actielijnen') or '–'}")
    drawn = Node(node, SHAPES[kind], label, title="\n".join(tooltip), color=colour, size=size, url=_page_url(node)).options
    drawn.update(soort=kind, type=org_type, actielijnen=lines, hoofdactielijn=main_line, kleur_type=colour,
                 kleur_actielijn=line_colour, groep=group, ego=node == flt.ego, x=0, y=0,
                 lettergrootte=LARGE_LABEL if size >= LARGE_NODE else SMALL_LABEL)
    return drawn


def build_view(store: Store, flt: NetworkFilter) -> NetworkView:
    graph, two_mode, measures = _view_graph(store, flt)
    nodes, edges, notice = _drawable(graph, measures, flt)
    drawn_graph = nx.Graph()
    drawn_graph.add_nodes_from(nodes)
    drawn_graph.add_edges_from(edges)
    where = _kept_positions(store, flt, drawn_graph)
    group_of = communities(drawn_graph)
    organisations = [n for n in nodes if graph.nodes[n].get("kind", "organisatie") == "organisatie"]
    roles = roles_of(store, organisations)
    largest = max((measures[n] for n in nodes), default=0) or 1
    drawn_nodes = []
    for node in nodes:
        drawn = _drawn_node(node, graph.nodes[node], flt=flt, lines=_organisation_lines(two_mode, node),
                            roles=roles.get(node, []), size=8 + 24 * (measures[node] / largest) ** 0.5, group=group_of[node])
        drawn["x"], drawn["y"] = where[node]
        drawn_nodes.append(drawn)
    drawn_edges = []
    for source, target, data in edges:
        weight = data.get("weight", 1)
        if flt.view == "geheel":
            shared: list[str] = []
            title = f"{graph.nodes[source].get('label', source)} – {graph.nodes[target].get('label', target)}"
        else:
            shared = _shared_programmes(two_mode, source, target)
            title = "\n".join([f"{graph.nodes[source]['label']} – {graph.nodes[target]['label']}",
                                "1 gedeeld programma:" if weight == 1 else f"{weight} gedeelde programma's:"]
                               + [f"• {name}" for name in shared[:15]] + (["…"] if len(shared) > 15 else []))
        drawn = Edge(source, target, value=weight, title=title).options
        drawn.update(id=f"{source}|{target}", programmas=shared)
        drawn_edges.append(drawn)
    kinds = {graph.nodes[n].get("kind", "organisatie") for n in nodes}
    used_types = sorted({graph.nodes[n].get("type", "") for n in organisations} - {""})
    legend = {t: TYPE_COLOURS.get(t, TYPE_COLOURS["overig"]) for t in used_types}
    used_lines = sorted({d["hoofdactielijn"] for d in drawn_nodes if d["soort"] == "organisatie"})
    legend_lines = {(f"actielijn {n}" if n else "geen actielijn"): ACTIELIJN_COLOURS[n] for n in used_lines}
    shapes = {name: "dot" for name in [*legend, *legend_lines]}
    for kind, name, colour in (("programma", "programma", PROGRAMME_COLOUR), ("actielijn", "actielijn", ACTIELIJN_COLOUR)):
        if kind in kinds:
            legend[name] = legend_lines[name] = colour
            shapes[name] = SHAPES[kind]
    title = "Partnernetwerk" if flt.view != "geheel" else "Heel het netwerk"
    return NetworkView(drawn_nodes, drawn_edges, OPTIONS, legend, title, flt, notice, legend_lines, shapes,
                       _groups(graph, drawn_graph, group_of, drawn_edges))


def _groups(graph: nx.Graph, drawn: nx.Graph, group_of: dict, edges: list[dict]) -> list[dict]:
    """Each community with its size, its best-connected member, the programme most of its inner links
    share, and whether it is a near-clique of at least CLIQUE_MIN_MEMBERS (typically everyone in one
    big programme: the page folds those into one node)."""
    members: dict[int, list[str]] = {}
    for node, group in group_of.items():
        members.setdefault(group, []).append(node)
    shared: dict[int, Counter[str]] = {}
    for edge in edges:
        if group_of[edge["from"]] == group_of[edge["to"]]:
            shared.setdefault(group_of[edge["from"]], Counter()).update(edge["programmas"])
    return [{"nummer": group, "leden": len(nodes),
             "naam": graph.nodes[max(nodes, key=lambda n: (drawn.degree(n), str(n)))].get("label", ""),
             "programma": min(shared[group].items(), key=lambda item: (-item[1], item[0]))[0] if shared.get(group) else "",
             "kliek": len(nodes) >= CLIQUE_MIN_MEMBERS and nx.density(drawn.subgraph(nodes)) >= CLIQUE_DENSITY}
            for group, nodes in sorted(members.items())]


def _page_url(node: str) -> str:
    if node.startswith("actielijn/"):
        return "/id/" + node
    return "/" + node.split("/", 3)[-1] if node.startswith("https://") else node


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


def render_body(view: NetworkView) -> str:
    """The explorer itself (controls, picture, side panel, table) with its data, for a page around it."""
    return _environment().get_template("network_body.html").render(view=view, payload=view.payload())


def render_html(view: NetworkView, *, inline_assets: bool, static_prefix: str = "/static") -> str:
    """A complete page: inline vis-network and the explorer script for a standalone file, else the
    service's own copies."""
    inline = {name: path.read_text(encoding="utf-8") for name, path in ASSETS.items()} if inline_assets else {}
    return _environment().get_template("network_view.html").render(
        view=view, body=render_body(view), inline=inline, static_prefix=static_prefix)


ASSETS = {"vis_js": VIS_DIR / "vis-network.min.js", "vis_css": VIS_DIR / "vis-network.css",
          "js": STATIC_DIR / "netwerk.js", "css": STATIC_DIR / "netwerk.css"}
