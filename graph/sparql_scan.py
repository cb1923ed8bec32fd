"""A linear-time look at a SPARQL query before any parser sees it: its form (SELECT, ASK, CONSTRUCT,
DESCRIBE, or an update), the prefixes it declares and uses, how deep its brackets nest, and whether it
asks the engine to reach out to another server (SERVICE, Virtuoso's DEFINE pragmas and bif:/sql:
functions). One left-to-right pass over tokens (IRIs, strings, comments, names), every regex anchored
at the current position and unable to backtrack over more than the token it reads, so a hostile query
of n characters costs O(n) — unlike the regexes it replaces, which were quadratic on ``PREFIX a:<<<…``.

The scan is made to err on the side of refusing: Oxigraph's parser reads ``<`` after an operand inside
an expression as "less than", where a token scan would read an IRI; such an IRI that could hide a
comment, a string or a SERVICE keyword from the scan is refused as ambiguous (write a space after
``<``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import Forbidden, Invalid

MAX_DEPTH = 100  # nested ( { [ — real queries use < 10; Oxigraph's parser overflows its stack near 5 000
UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
ESCAPE = rf"\\[tbnrf\"'\\]|{UCHAR}"
TOKEN = re.compile(
    rf"""(?P<space>[ \t\r\n]+)
    |(?P<comment>\#[^\r\n]*)
    |(?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{UCHAR})*>)
    |(?P<long>'''(?:[^'\\]|{ESCAPE}|'(?!''))*'''|\"\"\"(?:[^"\\]|{ESCAPE}|"(?!""))*\"\"\")
    |(?P<unclosed>'''|\"\"\")
    |(?P<string>'(?:[^'\\\r\n]|{ESCAPE})*'|"(?:[^"\\\r\n]|{ESCAPE})*")
    |(?P<quote>['"])
    |(?P<var>[?$]\w+)
    |(?P<name>[\w.-]*:(?:[\w.:%-]|\\[_~.\-!$&'()*+,;=/?\#@%])*|[\w.-]+)
    |(?P<open>[({{\[])
    |(?P<close>[)}}\]])
    |(?P<other>.)""",
    re.X | re.S,
)
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
OPERANDS = ("var", "iri", "pname", "string", "long", "word")
SERVER_FUNCTIONS = ("bif", "sql")  # Virtuoso's built-ins: files, HTTP and SQL from inside a query


class QueryRefused(Invalid, ValueError):
    """A query that is not run; the message says why and what to do (in Dutch). ``reason``: "update",
    "federation", "ambiguous", "depth" or "syntax"."""

    def __init__(self, message: str, reason: str = "syntax") -> None:
        super().__init__(message)
        self.reason = reason


class UpdateRefused(Forbidden, QueryRefused):
    """SPARQL Update where only reading is allowed."""


@dataclass(frozen=True)
class QueryScan:
    kind: str  # SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE
    declared: frozenset[str]  # prefixes declared with PREFIX
    used: frozenset[str]  # prefixes of the prefixed names it uses
    depth: int  # deepest nesting of ( { [
    federation: str  # the first construct that reaches another server ("SERVICE", "DEFINE", "bif:"), or ""
    ambiguous: str  # an IRI that Oxigraph may read as '<' followed by query text, or ""


def scan(query: str) -> QueryScan:
    """Tokens of ``query`` in one pass. QueryRefused for a string that is opened and never closed."""
    kind = ""
    declared: set[str] = set()
    used: set[str] = set()
    contexts: list[str] = []  # per open bracket: "expr" (inside an expression) or "group"
    depth, federation, ambiguous = 0, "", ""
    previous: tuple[str, str] = ("", "")  # the last token that is not space or a comment
    before_previous: tuple[str, str] = ("", "")
    position = 0
    while position < len(query):
        match = TOKEN.match(query, position)
        assert match is not None  # the last alternative matches any character
        position = match.end()
        token_kind, text = match.lastgroup or "other", match.group()
        if token_kind in ("space", "comment"):
            continue
        if token_kind in ("unclosed", "quote"):
            line = query.count("\n", 0, match.start()) + 1
            raise QueryRefused(f"Regel {line}: de tekst die met {text} begint wordt niet gesloten; sluit hem met {text}.")
        in_expression = bool(contexts) and contexts[-1] == "expr"
        if token_kind == "name" and ":" in text:
            prefix = text.split(":", 1)[0]
            if previous == ("word", "PREFIX"):
                declared.add(prefix)
            else:
                used.add(prefix)
                if prefix.lower() in SERVER_FUNCTIONS and prefix not in declared and not federation:
                    federation = f"{prefix}:"
            token_kind = "pname"
        elif token_kind == "name":  # a keyword, function name, number or boolean (glued ones too: 1SERVICE)
            token_kind, upper = "word", text.upper()
            if "SERVICE" in upper and not federation:
                federation = "SERVICE"
            elif upper == "DEFINE" and not federation:
                federation = "DEFINE"
            elif not kind and upper in QUERY_FORMS + UPDATE_WORDS:
                kind = upper if upper in QUERY_FORMS else "UPDATE"
        elif token_kind == "iri" and in_expression and previous[0] in OPERANDS + ("close",) and not ambiguous:
            if re.search(r"[#']|(?i:service)", text):
                ambiguous = text[:80]
        elif token_kind == "open":
            expression = text == "(" and (
                in_expression or previous[0] == "word" or (previous[0] in ("iri", "pname") and before_previous[0] == "word")
            )
            contexts.append("expr" if expression else "group")
            depth = max(depth, len(contexts))
        elif token_kind == "close" and contexts:
            contexts.pop()
        before_previous, previous = previous, (token_kind, text.upper() if token_kind == "word" else text)
    return QueryScan(kind or "SELECT", frozenset(declared), frozenset(used), depth, federation, ambiguous)


def check_public_query(query: str) -> QueryScan:
    """The scan of a query from outside, or QueryRefused when it may not run here: an update, a query
    that reaches another server, an ambiguous IRI, or brackets nested deeper than MAX_DEPTH."""
    found = scan(query)
    if found.kind == "UPDATE":
        raise UpdateRefused("Alleen lezen: SPARQL Update (INSERT, DELETE, LOAD, …) is hier niet toegestaan.", "update")
    if found.federation:
        raise QueryRefused(
            f"Federatie is niet toegestaan: de query gebruikt {found.federation}, dat andere servers of bestanden "
            "aanspreekt. Vraag alleen de eigen graaf; haal andere bronnen apart op.", "federation"
        )
    if found.ambiguous:
        raise QueryRefused(
            f"Dubbelzinnige IRI {found.ambiguous}: na een waarde in een expressie leest de parser '<' als 'kleiner dan'. "
            "Zet een spatie na '<' (vergelijking) of schrijf de IRI met een voorvoegsel.", "ambiguous"
        )
    if found.depth > MAX_DEPTH:
        raise QueryRefused(
            f"De query nest haakjes {found.depth} diep; de grens is {MAX_DEPTH}. Schrijf hem vlakker (minder geneste {{ }} of ( )).", "depth"
        )
    return found
