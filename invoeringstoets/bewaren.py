"""Records that outlive every delete: per model one rule says why a row must be kept, and every way of deleting
asks it (a service, beheer, a cascade from a parent, a queryset in the shell).

`protect(Model, reason)` registers the rule, a function that returns the Dutch reason or None. A delete of a kept
row, directly or through a cascade, raises `Bewaard` (a ProtectedError) before anything is deleted, so the whole
delete is refused. Django deletes without a savepoint: the refusal spoils the surrounding transaction, so callers
ask `why_kept` first (services through their rules) and let a refusal end the transaction. Beheer lists the
reasons on its confirmation page instead of offering the delete.
"""

from collections.abc import Callable, Iterable

from django.apps import apps
from django.contrib.admin.utils import NestedObjects
from django.db import models, router
from django.db.models.signals import pre_delete

Reason = Callable[[models.Model], str | None]

_rules: dict[type[models.Model], Reason] = {}


class Bewaard(models.ProtectedError):
    """A delete refused because a row must be kept; the message says why, in Dutch."""

    def __init__(self, reason: str, obj: models.Model):
        self.message = reason
        super().__init__(reason, {obj})


def protect(model: type[models.Model], reason: Reason) -> None:
    _rules[model] = reason
    # A receiver also keeps Django from "fast" deletes that would skip the check.
    pre_delete.connect(_refuse, sender=model, weak=False, dispatch_uid=f"bewaren:{model._meta.label}")


def _refuse(sender, instance, **kwargs) -> None:
    reason = _rules[sender](instance)
    if reason:
        raise Bewaard(reason, instance)


def why_kept(objs: Iterable[models.Model] | models.QuerySet) -> list[str]:
    """Why deleting these objects, with everything a delete takes along, is refused (empty: it may go)."""
    objs = list(objs)
    if not objs:
        return []
    reasons = [reason for obj in objs if (rule := _rules.get(type(obj))) and (reason := rule(obj))]
    # Beheer's collector goes on past Django's own protection (a PROTECT relation, which the caller reports in its
    # own way), so every cascaded row is asked too.
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    for model, instances in collector.data.items():
        if rule := _rules.get(model):
            reasons += [reason for obj in instances if obj not in objs and (reason := rule(obj))]
    return list(dict.fromkeys(reasons))


def in_history(user) -> bool:
    """Whether the user is named as the author of any change in a history (django-simple-history's tables)."""
    return any(
        model._default_manager.filter(history_user=user).exists()
        for model in apps.get_models()
        if any(field.name == "history_user" for field in model._meta.fields)
    )


class KeepsRecordsAdmin:
    """Mixed into a ModelAdmin: the delete confirmation (one object or the bulk action) lists why rows are kept,
    and then offers no delete, as for Django's own protected relations."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        reasons = why_kept(objs)
        if reasons:
            # The reason a row is kept says more than "no permission" for it (beheer has no delete right on what
            # is kept); with reasons the page shows them and still offers no delete.
            return deleted, counts, set(), [*protected, *reasons]
        return deleted, counts, perms_needed, protected
