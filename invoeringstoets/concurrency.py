"""Optimistic locking: a record carries a revision; a save based on an older revision is refused.

Two people may open the same form; whoever saves second gets a clear refusal instead of silently
overwriting the first. The record is locked and its revision checked in the same transaction as the write,
and the write goes through `save()`, so the change history records it. Services save through
`update_with_revision` or `save_singleton`; forms carry the revision through `invoeringstoets.forms.RevisionModelForm`.
"No revision" (None) means one thing everywhere: the form was opened before the record existed.
"""

from django.db import models, transaction
from django.utils import timezone

from invoeringstoets.refusals import WrongStatus


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


def update_with_revision(record: RevisionedModel, *, actor, expected_revision: int | None, values: dict):
    """Write `values` (and who and when) into `record` if nobody saved it since the form was opened at
    `expected_revision`. No revision (None) means the form was opened before the record existed: someone else
    created it in between, which is a stale edit too."""
    if expected_revision is None:
        raise StaleEdit(record)
    for name, value in values.items():
        setattr(record, name, value)
    record.updated_by = actor
    record.updated_at = timezone.now()
    record.save_revision(expected_revision=expected_revision, fields=[*values, "updated_by", "updated_at"])
    return record


def save_singleton(
    model: type[RevisionedModel],
    *,
    actor,
    expected_revision: int | None,
    values: dict,
    gone: str = "Deze gegevens bestaan niet meer; open de pagina opnieuw.",
    **owner,
):
    """Create or update the one record of `model` that belongs to `owner` (a dossier's planning, a regeling's
    uitvoeringstoets). A form opened on a record that has since been removed is refused with `gone`."""
    record = model._default_manager.filter(**owner).first()
    if record is None:
        if expected_revision is not None:
            raise WrongStatus(gone)
        return model._default_manager.create(**owner, updated_by=actor, **values)
    return update_with_revision(record, actor=actor, expected_revision=expected_revision, values=values)
