"""Exceptions the library raises for user-facing problems; the CLI prints them as one line."""

from __future__ import annotations


class KgError(Exception):
    """A problem the user can fix; `str(err)` says what went wrong and what to do."""

    exit_code = 1


class DocumentError(KgError):
    """One input document cannot be read; the build reports it and goes on with the others."""

    def __init__(self, path: str, problem: str, hint: str = ""):
        self.path, self.problem, self.hint = path, problem, hint
        super().__init__(f"{path}: {problem}" + (f" — {hint}" if hint else ""))


class UsageError(KgError):
    exit_code = 2


class StoreError(KgError):
    pass


class StoreLockedError(StoreError):
    pass


class QueryError(KgError):
    pass
