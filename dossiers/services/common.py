"""What every write service needs: lock the dossier, check the rules, move the status and record it."""

from collections.abc import Callable, Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.utils import timezone

from .. import rules
from ..models import Dossier, StatusChange


def lock_dossier(dossier_id: int) -> Dossier:
    """Lock the dossier row for the rest of the transaction, so two transitions never interleave."""
    return Dossier.objects.select_for_update().select_related("regeling").get(pk=dossier_id)


def locked_for(actor: AbstractBaseUser, dossier_id: int, check: Callable[..., None]) -> Dossier:
    dossier = lock_dossier(dossier_id)
    check(actor, dossier)
    return dossier


def change_status(*, dossier: Dossier, actor: AbstractBaseUser, to_status: str, remark: str = "") -> Dossier:
    """Move a locked dossier to `to_status` and write the history row. Callers check the rules first."""
    from_status = dossier.status
    dossier.status = to_status
    dossier.status_changed_at = timezone.now()
    dossier.save(update_fields=["status", "status_changed_at"])
    StatusChange.objects.create(
        dossier=dossier, from_status=from_status, to_status=to_status, actor=actor, remark=remark
    )
    return dossier


def own_objects(model: type[models.Model], ids: Iterable[int], **scope) -> list[models.Model]:
    """The objects with these ids, all of which must belong to the scope (e.g. the dossier): a tampered form
    that names another dossier's objects is refused, never followed."""
    wanted = set(ids)
    found = list(model._default_manager.filter(pk__in=wanted, **scope))
    if len(found) != len(wanted):
        raise rules.NotPermitted("Een van de gekozen onderdelen hoort niet bij dit dossier.")
    return found
