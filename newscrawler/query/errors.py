"""The errors of the local and Athena query engines."""

from __future__ import annotations


class QueryError(RuntimeError):
    """The statement is not valid SQL, names an unknown table, is not Athena's SQL, or the
    engine rejected it."""


class StatementError(QueryError):
    """The statement was refused before it ran: not valid SQL, another table than the lake's,
    or SQL that Athena would not run."""
