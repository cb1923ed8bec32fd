"""Reading an N-Quads file for bulk loading: every quad in a named graph, and on bad input an error
that names the file and the line. The file is parsed in blocks of whole lines (an N-Quads statement
is one line), so a block's line numbers give the file's and progress can be reported per block."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.store import StoreError

BLOCK_BYTES = 8 * 2**20
Progress = Callable[[int, int], None]  # (bytes read, file size)


@dataclass(frozen=True)
class NQuadsSummary:
    quads: int
    graphs: int  # distinct graph names


def read_quads(path: Path, *, namespace: str = "", progress: Progress | None = None) -> Iterator[ox.Quad]:
    """The quads of ``path`` in file order. StoreError naming the file and line for a syntax error, a
    quad that is not in a named graph (bulk loading puts every triple in a document's graph), or, with
    ``namespace``, in a graph whose name does not start with it."""
    try:
        source = path.open("rb")
    except OSError as error:
        raise StoreError(f"{path} kan niet worden gelezen ({error.strerror}).") from error
    size = path.stat().st_size
    first_line = 1
    with source:
        while lines := source.readlines(BLOCK_BYTES):
            try:
                quads = list(ox.parse(b"".join(lines), format=ox.RdfFormat.N_QUADS))
            except SyntaxError as error:
                reason = re.sub(r" \(line \d+\)", "", str(error).split(": ", 1)[-1])  # the block's line: not the file's
                line = first_line + (error.lineno or 1) - 1
                # at the first column the parser may have missed the end of the line before (a '.')
                where = f"{line} (of het einde van regel {line - 1})" if error.offset == 1 and line > 1 else str(line)
                raise StoreError(f"{path}, regel {where}: geen geldige N-Quads ({reason}). "
                                 "Elke regel is 'subject predicaat object <graaf> .'; verbeter of verwijder die regel.") from error
            for quad in quads:
                if not isinstance(quad.graph_name, ox.NamedNode):
                    raise StoreError(f"{path}, regel {first_line + _first_line(lines, _unnamed)}: de triple {quad.triple} "
                                     "staat niet in een named graph; bulkladen neemt alleen quads met een graaf-IRI "
                                     "(N-Quads met vier termen).")
                if not quad.graph_name.value.startswith(namespace):
                    line = first_line + _first_line(lines, lambda found: not _unnamed(found) and not found.graph_name.value.startswith(namespace))  # type: ignore[union-attr]
                    raise StoreError(f"{path}, regel {line}: de graaf {quad.graph_name} hoort niet bij dit project (de namen "
                                     f"van zijn grafen beginnen met {namespace}); de store zou hem niet zien.")
                yield quad
            first_line += len(lines)
            if progress:
                progress(source.tell(), size)


def _unnamed(quad: ox.Quad) -> bool:
    return not isinstance(quad.graph_name, ox.NamedNode)


def _first_line(lines: list[bytes], wrong: Callable[[ox.Quad], bool]) -> int:
    """The index in ``lines`` of the first line with a quad that is ``wrong``."""
    return next(number for number, line in enumerate(lines)
                if any(wrong(quad) for quad in ox.parse(line, format=ox.RdfFormat.N_QUADS)))


def summarise(path: Path, *, namespace: str = "", progress: Progress | None = None) -> NQuadsSummary:
    """Check the whole file (as ``read_quads``) and count its quads and graphs."""
    quads, graphs = 0, set()
    for quad in read_quads(path, namespace=namespace, progress=progress):
        quads += 1
        graphs.add(quad.graph_name.value)  # type: ignore[union-attr]  # read_quads: named graphs only
    return NQuadsSummary(quads, len(graphs))
