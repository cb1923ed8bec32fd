"""One error base for the core (ingest/, graph/, search/): every refusal or failure the core raises is a
KgError of one of these kinds. The kind says what went wrong, never how a front-end answers it: the
service maps kinds to HTTP statuses in one table (service/errors.py), the CLI prints the message."""

from __future__ import annotations


class KgError(Exception):
    """Something the core refuses or cannot do; the message is Dutch and says what to do."""


class NotFound(KgError):
    """The thing asked for does not exist (an entity, a document)."""


class Moved(NotFound):
    """The thing was merged into another one (a review decision): ``target`` is its IRI now."""

    def __init__(self, message: str, iri: str, target: str) -> None:
        super().__init__(message)
        self.iri = iri
        self.target = target


class Invalid(KgError):
    """The request itself is malformed (a query that does not parse, a bad search parameter)."""


class Rejected(KgError):
    """Well-formed input that is refused by a rule (a shape, a name that is taken, an unknown role)."""


class Unsupported(Rejected):
    """Input of a type that is not read (a file type, a media type)."""


class TooLarge(Rejected):
    """Input over a limit (bytes, rows, pages, parse time)."""


class Conflict(Rejected):
    """Input that clashes with what exists (a document with that name, without 'replace')."""


class Forbidden(KgError):
    """Not allowed here (writing to a read-only store, an update on a read-only endpoint)."""


class Unavailable(KgError):
    """A resource the core needs is missing or unreachable (a store server, the search index, a model)."""


class TimedOut(Unavailable):
    """It took longer than allowed and was stopped."""
