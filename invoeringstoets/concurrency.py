"""Optimistic locking: a record carries a revision; a save based on an older revision is refused.

Two people may open the same form; whoever saves second gets a clear refusal instead of silently
overwriting the first. The check and the write are one UPDATE, so it holds across processes.
"""

from django.db import models
from django.db.models import F


class StaleEdit(Exception):
    """The record changed after the form was opened."""

    def __init__(self, instance: models.Model):
        self.instance = instance
        super().__init__(f"{type(instance).__name__} {instance.pk} is intussen gewijzigd")


class RevisionedModel(models.Model):
    revision = models.PositiveIntegerField("revisie", default=1, editable=False)

    class Meta:
        abstract = True

    def save_revision(self, *, expected_revision: int, fields: list[str]) -> None:
        """Write `fields` only if nobody saved since `expected_revision`; raise StaleEdit otherwise."""
        values = {name: getattr(self, name) for name in fields}
        updated = (
            type(self)
            ._default_manager.filter(pk=self.pk, revision=expected_revision)
            .update(revision=F("revision") + 1, **values)
        )
        if not updated:
            raise StaleEdit(type(self)._default_manager.get(pk=self.pk))
        self.revision = expected_revision + 1
