"""One hierarchy of errors, each with a message a user can act on."""

from __future__ import annotations


class PillarsError(Exception):
    """Base of every error Pillars raises on purpose."""


class ImportFileError(PillarsError):
    """A whole file cannot be imported: it is not what it claims to be.

    Nothing from the file is stored. `line` and `column` point at the cause where known.
    """

    def __init__(
        self, file: str, message: str, *, line: int | None = None, column: str | None = None
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class StrictImportError(ImportFileError):
    """`--strict` was asked and the file has at least one bad row."""


class ConfigError(PillarsError):
    """A setting, option or rules file is invalid."""


class AccessDenied(PillarsError):
    """The user may not see or change this object."""
