"""Read a file once, outside any transaction, into a temporary spool on disk.

Reading and classifying a big export takes most of an import's time. Doing it before the
transaction keeps the database's write lock short and lets progress be committed (a web page
polls it) while memory stays bounded: records wait on disk in pickled chunks, not in a list.
The spool also learns every owner the file names, which decides attribution (a file with
one owner belongs wholly to the person) before any row is written.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from operator import attrgetter
from typing import IO

from pillars.domain.attribution import owner_key
from pillars.domain.records import Activity as ActivityRecord
from pillars.domain.records import Category, Classified

CHUNK = 1000  # records per pickled chunk and per progress call

# Records are pickled as plain tuples: pickling the frozen dataclasses themselves goes
# through dataclasses' generic __getstate__/__setstate__, a third of a big import's time.
_FIELDS = tuple(field.name for field in fields(ActivityRecord))
_values = attrgetter(*_FIELDS)
Packed = tuple[tuple[object, ...], str, str]


class Spool:
    """Classified records in pickled chunks in a temporary file, with what reading learned."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="pillars-import-")
        self.count = 0
        self.owners: set[str] = set()
        self.sources: set[str] = set()

    def fill(
        self,
        records: Iterable[ActivityRecord],
        classify: Callable[[ActivityRecord], Classified],
        progress: Callable[[int], None] | None = None,
    ) -> Spool:
        """Classify and store every record; `progress(n)` every CHUNK records."""
        chunk: list[Classified] = []
        for record in records:
            if record.owner:
                self.owners.add(owner_key(record.owner))
            self.sources.add(record.source)
            chunk.append(classify(record))
            if len(chunk) == CHUNK:
                self._dump(chunk, progress)
                chunk = []
        if chunk:
            self._dump(chunk, progress)
        return self

    def _dump(self, chunk: list[Classified], progress: Callable[[int], None] | None) -> None:
        packed = [(_values(item.activity), item.category.value, item.rule) for item in chunk]
        pickle.dump(packed, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += len(chunk)
        if progress is not None:
            progress(self.count)

    def chunks(self) -> Iterator[list[Classified]]:
        """The stored chunks, in reading order."""
        self._file.seek(0)
        while True:
            try:
                packed: list[Packed] = pickle.load(self._file)
            except EOFError:
                return
            yield [
                Classified(ActivityRecord(*values), Category(category), rule)
                for values, category, rule in packed
            ]

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
