"""The one shape of a write's input: a frozen dataclass that owns its field list.

Every write service takes one such object (`regeling_register(*, actor, item=RegelingInput(...))`), whatever calls
it: a form, the CSV import, a command, the coming API. Its columns are the model fields the write stores, and the
form of that record lists the same columns (`fields = PlanningInput.kolommen()`), so a field is added in one place.
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import ClassVar, Self


@dataclass(frozen=True)
class Invoer:
    # Fields of the input that are not columns of the record (its organisations, its assumptions).
    relaties: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def kolommen(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name not in cls.relaties]

    @classmethod
    def uit(cls, data: Mapping, **extra) -> Self:
        """From a form's cleaned data (or any mapping): the fields this input has, nothing else."""
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data and f.name not in extra}, **extra)

    def waarden(self) -> dict:
        """The columns to store."""
        return {name: getattr(self, name) for name in self.kolommen()}
