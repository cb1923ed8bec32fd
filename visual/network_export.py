"""The shown network as tables (what the explorer's exports hold): its organisations (or, in the whole
network, every node) and its connections, without the legend groups the visitor hid. A node's legend
group is the one the page script gives it (visual/static/netwerk.js, ``legendaSleutel``): its kind for a
programme or actielijn, else its type or its main actielijn, after the colour chosen."""

from __future__ import annotations

from collections.abc import Collection

from visual.network import NetworkView

NODE_HEADER = ["Naam", "Soort", "Type", "Actielijnen", "Groep", "Adres"]
EDGE_HEADER = ["Van", "Naar", "Aantal gedeelde programma's", "Gedeelde programma's"]
COLOURS = ("type", "actielijn")


def legend_group(node: dict, colour: str) -> str:
    if node["soort"] != "organisatie":
        return node["soort"]
    if colour == "type":
        return node["type"]
    return f"actielijn {node['hoofdactielijn']}" if node["hoofdactielijn"] else "geen actielijn"


def shown_tables(view: NetworkView, colour: str = "type", hidden: Collection[str] = ()) -> tuple[list[list], list[list]]:
    """(node rows, edge rows) of the view without the hidden legend groups, nodes by name as on the page."""
    shown = {node["id"]: node for node in view.nodes if legend_group(node, colour) not in hidden}
    nodes = sorted(shown.values(), key=lambda n: (n["label"].casefold(), n["id"]))
    node_rows = [[n["label"], n["soort"], n["type"], ", ".join(map(str, n["actielijnen"])), n["groep"] + 1, n["id"]] for n in nodes]
    edge_rows = [[shown[e["from"]]["label"], shown[e["to"]]["label"], e["value"], "; ".join(e["programmas"])]
                 for e in view.edges if e["from"] in shown and e["to"] in shown]
    return node_rows, edge_rows
