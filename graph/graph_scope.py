"""Keep the ``GRAPH`` patterns of a query to the project's graphs without naming them, for Virtuoso:
it compiles a dataset of more than about 4 000 named graphs into a call with too many arguments
(SP030; ×1000 has ≈ 6 000 document graphs), refuses a graph group as FROM NAMED (SP031), its
``input:named-graph-exclude`` pragma makes ``GRAPH <iri>`` patterns answer nothing, and so does a
default graph set without named graphs (SPARQL: then there are none) — while ``GRAPH ?g`` still
ranges over every graph on the server. So, with the default graph set by a pragma:

- ``GRAPH ?g { P }`` is followed by ``FILTER (STRSTARTS(STR(?g), "<namespace>"))`` in the group that
  holds it (where ?g is bound);
- ``GRAPH <c> { P }`` becomes ``{ SELECT <the variables of P> WHERE { GRAPH ?v { P } FILTER (?v = <c>
  && STRSTARTS(STR(?v), "<namespace>")) } }`` (a fresh ?v, not seen outside); when P has no variable,
  the pattern and filter stand as they are (there is no projection without a variable, and Virtuoso
  answers an uncorrelated ``FILTER EXISTS`` with true whatever it holds).

The answers are those of a store that holds only the project's graphs; a constant graph outside the
namespace matches nothing. Two differences, both only under ``SELECT *``: the fresh variable of a
ground ``GRAPH <c> { … }`` is a column, and so is a variable that P uses only inside a subquery of its
own that does not project it (unbound). One pass over the tokens of graph/sparql_scan.py, so IRIs,
strings and comments are never read as keywords."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from graph.sparql_scan import TOKEN

FRESH = "?gezond_kg_graaf_"  # the graph variable of a rewritten GRAPH <c> pattern, numbered


@dataclass
class _Group:
    """An open bracket; for the group of a GRAPH pattern its term, where it starts in the output, and
    (for a constant term) the variables in it."""

    term: str = ""
    start: int = 0  # index in the output pieces of the GRAPH keyword
    body: int = 0  # index in the output pieces of the first piece after "{"
    variables: dict[str, None] = field(default_factory=dict)  # in order of appearance


def project_graphs_only(query: str, namespace: str) -> str:
    """``query`` with every ``GRAPH`` pattern kept to the graphs whose name starts with ``namespace``."""
    pieces: list[str] = []
    groups: list[_Group] = []
    graph_at = -1  # index in pieces of a GRAPH keyword whose term and group come next
    term = ""
    fresh = 0
    position = 0
    while position < len(query):
        match = TOKEN.match(query, position)
        assert match is not None  # the last alternative matches any character
        position = match.end()
        kind, text = match.lastgroup or "other", match.group()
        if kind in ("space", "comment"):
            pieces.append(text)
            continue
        if kind == "close" and groups:
            group = groups.pop()
            if group.term.startswith(("?", "$")):
                pieces.append(text + _filter(group.term, namespace))
            elif group.term:
                fresh += 1
                pieces[group.start:] = [_constant(group, "".join(pieces[group.body:]), f"{FRESH}{fresh}", namespace)]
            else:
                pieces.append(text)
            graph_at = -1
            continue
        pieces.append(text)
        if kind == "var":
            for group in groups:
                if group.term and not group.term.startswith(("?", "$")):
                    group.variables.setdefault("?" + text[1:])
        if kind == "open":
            opens_graph = graph_at >= 0 and term and text == "{"
            groups.append(_Group(term, graph_at, len(pieces)) if opens_graph else _Group())
            graph_at, term = -1, ""
        elif graph_at >= 0 and not term and kind in ("var", "iri", "name"):
            term = text
        elif kind == "name" and text.upper() == "GRAPH":
            graph_at, term = len(pieces) - 1, ""
        else:
            graph_at, term = -1, ""
    return "".join(pieces)


def _in_project(variable: str, namespace: str) -> str:
    return f"STRSTARTS(STR({variable}), {json.dumps(namespace)})"


def _filter(variable: str, namespace: str) -> str:
    return f" FILTER ({_in_project(variable, namespace)})"


def _constant(group: _Group, body: str, variable: str, namespace: str) -> str:
    pattern = f"GRAPH {variable} {{{body}}} FILTER ({variable} = {group.term} && {_in_project(variable, namespace)})"
    if not group.variables:
        return pattern
    return f"{{ SELECT {' '.join(group.variables)} WHERE {{ {pattern} }} }}"
