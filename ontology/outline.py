"""A document's outline, as the section path of a passage (gg:sectie, headings joined by " › ") records it:
the rank of a heading ("2.3 Samenhang" under "2. Dorpskamers", "##" under "#") and the headings a
passage stands under. ingest/layout.py builds the path with it; search/profiles.py reads which
programme's section a passage belongs to."""

from __future__ import annotations

import re

MARKDOWN_HEADING_RE = re.compile(r"^\s*#{1,6}\s+(?=\S)")
DOTTED_NUMBER_RE = re.compile(r"^\s*(?P<number>\d{1,2}(?:\.\d{1,2})+)\.?\s")  # "2.3 Samenhang", "3.1.2 "
SECTION_SEPARATOR = " › "


def outline_rank(heading: str) -> tuple[str, int, str] | None:
    """("#", level, "") of a Markdown heading, (".", depth, parent number) of a heading numbered with a dot
    ("2.3 Samenhang" -> (".", 2, "2.")), None for others (a lone "2." ranks beside the PDF headings of
    documents that restart their numbering in every chapter)."""
    if MARKDOWN_HEADING_RE.match(heading):
        return "#", len(heading.strip()) - len(heading.strip().lstrip("#")), ""
    number = DOTTED_NUMBER_RE.match(heading)
    if number:
        parts = number["number"].split(".")
        return ".", len(parts), ".".join(parts[:-1]) + "."
    return None


def is_under(heading: str, child: str) -> bool:
    """``heading`` is a parent of ``child`` in the outline: a shallower Markdown heading, or the number
    ``child`` continues ("2." or "2.1" above "2.1.3")."""
    rank = outline_rank(child)
    if rank is None:
        return False
    kind, depth, parent = rank
    if kind == "#":
        other = outline_rank(heading)
        return other is not None and other[0] == "#" and other[1] < depth
    number = re.match(r"\s*(\d{1,2}(?:\.\d{1,2})*)\.?\s", heading)
    return number is not None and parent.startswith(number.group(1) + ".")


def section_path(headings: list[str], heading: str) -> list[str]:
    """The last three headings with ``heading`` added; a heading that ranks in an outline first leaves out
    the headings of its own rank or deeper after its parent ("2.1", "2.2" before "2.3"; the "##" before a
    "##"), so that the parent ("2. Dorpskamers", "# Ons aanbod") stays in the path."""
    rank = outline_rank(heading)
    keep = len(headings)
    while rank is not None and keep:
        other = outline_rank(headings[keep - 1])
        if other is None or other[0] != rank[0] or is_under(headings[keep - 1], heading):
            break
        keep -= 1
    return (headings[:keep] + [heading])[-3:]


def enclosing_headings(section: str) -> list[str]:
    """The nearest heading of a passage's section path and the headings it stands under, nearest first."""
    path = section.split(SECTION_SEPARATOR) if section else []
    if not path:
        return []
    found = [path[-1]]
    for heading in reversed(path[:-1]):
        if is_under(heading, found[-1]):
            found.append(heading)
    return found
