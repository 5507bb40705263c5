"""Optimistic locking: a record carries a revision; a save based on an older revision is refused.

Two people may open the same form; whoever saves second gets a clear refusal instead of silently
overwriting the first. The record is locked and its revision checked in the same transaction as the write,
and the write goes through `save()`, so the change history records it.
"""

from django.db import models, transaction


class StaleEdit(Exception):
    """The record changed after the form was opened."""

    def __init__(self, instance: models.Model, opened_revision: int | None = None):
        self.instance = instance
        self.opened_revision = opened_revision
        super().__init__(f"{type(instance).__name__} {instance.pk} is intussen gewijzigd")


class RevisionedModel(models.Model):
    revision = models.PositiveIntegerField("revisie", default=1, editable=False)

    class Meta:
        abstract = True

    def save_revision(self, *, expected_revision: int, fields: list[str]) -> None:
        """Write `fields` only if nobody saved since `expected_revision`; raise StaleEdit otherwise."""
        with transaction.atomic():
            current = type(self)._default_manager.select_for_update().get(pk=self.pk)
            if current.revision != expected_revision:
                raise StaleEdit(current, opened_revision=expected_revision)
            self.revision = expected_revision + 1
            self.save(update_fields=[*fields, "revision"])
