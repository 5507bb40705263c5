"""Who may do what to a dossier, and in which status: the one place where these rules live.

Each `check_*` function raises `NotPermitted` when the actor lacks the role or kernteam membership (the view
answers 403) and `WrongStatus` when the dossier is not in a status that allows the action (the view explains
and goes back to the dossier). Views, services and templates all ask these functions.
"""

from collections.abc import Callable
from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from invoeringstoets import bewaren
from invoeringstoets.formats import datum, persoon
from invoeringstoets.refusals import NotPermitted, Refused, WrongStatus

from .constants import DossierStatus, Role
from .models import Aanbeveling, Bevinding, Bewijsstuk, Conclusie, Dossier, Onderzoeksactiviteit

UserLike = AbstractBaseUser | AnonymousUser


def user_roles(user: UserLike) -> frozenset[str]:
    """The user's roles, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return frozenset()
    roles = getattr(user, "_invoeringstoets_roles", None)
    if roles is None:
        valid = set(Role.values)
        roles = frozenset(name for name in user.groups.values_list("name", flat=True) if name in valid)
        user._invoeringstoets_roles = roles
    return roles


def has_role(user: UserLike, role: Role) -> bool:
    return role in user_roles(user)


def is_kernteam_member(user: UserLike, dossier: Dossier) -> bool:
    if not user.is_authenticated:
        return False
    member_ids = getattr(dossier, "_kernteam_ids", None)
    if member_ids is None:
        member_ids = {member.pk for member in dossier.kernteam.all()}
        dossier._kernteam_ids = member_ids
    return user.pk in member_ids


def _require_role(user: UserLike, role: Role, action: str) -> None:
    if not has_role(user, role):
        raise NotPermitted(f"Alleen iemand met de rol {role.label} mag {action}.")


def _require_status(dossier: Dossier, allowed: set[str], action: str) -> None:
    """`action` is a noun phrase that starts a sentence, e.g. "Het wijzigen van de regeling"."""
    if dossier.status not in allowed:
        labels = [f"‘{label}’" for value, label in DossierStatus.choices if value in allowed]
        wanted = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " of " + labels[-1]
        raise WrongStatus(
            f"{action} kan alleen bij de status {wanted}; dit dossier heeft de status ‘{dossier.get_status_display()}’."
        )


def check_register_regeling(user: UserLike) -> None:
    _require_role(user, Role.BELEIDSMEDEWERKER, "een regeling registreren")


REGELING_EDITABLE = {
    DossierStatus.GEREGISTREERD,
    DossierStatus.SCREENING,
    DossierStatus.GEEN_INVOERINGSTOETS,
    DossierStatus.IN_ONDERZOEK,
}


def check_edit_regeling(user: UserLike, dossier: Dossier) -> None:
    _require_role(user, Role.BELEIDSMEDEWERKER, "een regeling wijzigen")
    _require_status(dossier, REGELING_EDITABLE, "Het wijzigen van de regeling")


def check_start_screening(user: UserLike, dossier: Dossier) -> None:
    _require_role(user, Role.BELEIDSMEDEWERKER, "een screening starten")
    _require_status(
        dossier, {DossierStatus.GEREGISTREERD, DossierStatus.GEEN_INVOERINGSTOETS}, "Het starten van een screening"
    )


def check_screen(user: UserLike, dossier: Dossier) -> None:
    _require_role(user, Role.BELEIDSMEDEWERKER, "de screening vastleggen")
    _require_status(dossier, {DossierStatus.SCREENING}, "Het vastleggen van de screening")


def check_edit_ex_ante(user: UserLike, dossier: Dossier) -> None:
    """The results of the ex-ante tests belong with the regeling: same people, same moments."""
    _require_role(user, Role.BELEIDSMEDEWERKER, "de ex-ante toetsen vastleggen")
    _require_status(dossier, REGELING_EDITABLE, "Het vastleggen van ex-ante toetsen")


def check_record_practice(user: UserLike, dossier: Dossier) -> None:
    """Signals and usage figures keep coming in, whatever the status: beleid and this dossier's kernteam record them."""
    if has_role(user, Role.BELEIDSMEDEWERKER):
        return
    if has_role(user, Role.KERNTEAM) and is_kernteam_member(user, dossier):
        return
    raise NotPermitted("Signalen en gebruikscijfers leggen beleidsmedewerkers en het kernteam van dit dossier vast.")


def check_assign_kernteam(user: UserLike, dossier: Dossier) -> None:
    if not (has_role(user, Role.BELEIDSMEDEWERKER) or has_role(user, Role.MANAGEMENT)):
        raise NotPermitted("Alleen een beleidsmedewerker of management mag het kernteam samenstellen.")
    _require_status(dossier, set(DossierStatus.values) - {DossierStatus.VASTGESTELD}, "Het wijzigen van het kernteam")


def check_research(user: UserLike, dossier: Dossier) -> None:
    """Findings, assessments and the draft conclusion: kernteam members of this dossier, while in research."""
    if not (has_role(user, Role.KERNTEAM) and is_kernteam_member(user, dossier)):
        raise NotPermitted("Alleen leden van het kernteam van dit dossier mogen het onderzoek vastleggen.")
    _require_status(dossier, {DossierStatus.IN_ONDERZOEK}, "Het vastleggen van het onderzoek")


def check_submit(user: UserLike, dossier: Dossier) -> None:
    check_research(user, dossier)


def check_decide(user: UserLike, dossier: Dossier) -> None:
    _require_role(user, Role.MANAGEMENT, "een conclusie vaststellen of terugsturen")
    _require_status(dossier, {DossierStatus.TER_VASTSTELLING}, "Het vaststellen of terugsturen van de conclusie")


def check_reopen(user: UserLike, dossier: Dossier) -> None:
    """A change after approval needs a new version of the conclusion, opened by management."""
    _require_role(user, Role.MANAGEMENT, "een nieuwe versie van een vastgestelde conclusie openen")
    _require_status(dossier, {DossierStatus.VASTGESTELD}, "Een nieuwe versie openen")


def check_follow_up(user: UserLike, dossier: Dossier) -> None:
    if not (has_role(user, Role.MANAGEMENT) or has_role(user, Role.BELEIDSMEDEWERKER)):
        raise NotPermitted("De opvolging leggen management en beleidsmedewerkers vast.")
    _require_status(dossier, {DossierStatus.VASTGESTELD}, "Het vastleggen van de opvolging")


def check_read_evidence(user: UserLike, dossier: Dossier) -> None:
    """Evidence holds interview notes and names: the kernteam, management and beleid read it; others do not."""
    if has_role(user, Role.MANAGEMENT) or has_role(user, Role.BELEIDSMEDEWERKER):
        return
    if has_role(user, Role.KERNTEAM) and is_kernteam_member(user, dossier):
        return
    raise NotPermitted("Bewijsstukken zijn alleen in te zien voor het kernteam van dit dossier, beleid en management.")


def check_request_report(user: UserLike, dossier: Dossier) -> None:
    """Reports are made by those who work on the dossier; anyone logged in may download what was made."""
    if has_role(user, Role.MANAGEMENT) or has_role(user, Role.BELEIDSMEDEWERKER):
        return
    if has_role(user, Role.KERNTEAM) and is_kernteam_member(user, dossier):
        return
    raise NotPermitted("Een rapport maken kan management, een beleidsmedewerker of het kernteam van dit dossier.")


def check_read(user: UserLike, dossier: Dossier) -> None:
    if not user.is_authenticated:
        raise NotPermitted("Log in om dit dossier te lezen.")


# ---------------------------------------------------------------------------------------------------------------
# What is kept for good. An approved version cites everything the dossier held when it was approved (its frozen
# content lists every finding and evidence file), so a row is kept once a version was approved after it was made.


def _approved_after(dossier_id: int, moment) -> Conclusie | None:
    """The first version approved after `moment`: the one that cites what was made then."""
    return (
        Conclusie.objects.filter(dossier_id=dossier_id, vastgesteld_at__gte=moment)
        .order_by("vastgesteld_at")
        .only("volgnummer")
        .first()
    )


def kept_bevindingen(bevindingen: QuerySet[Bevinding]) -> QuerySet[Bevinding]:
    """Of these findings, those an approved version cites (the same rule as `why_bevinding_kept`, in one query)."""
    return bevindingen.filter(
        Exists(Conclusie.objects.filter(dossier=OuterRef("dossier"), vastgesteld_at__gte=OuterRef("created_at")))
    )


def why_conclusie_kept(conclusie: Conclusie) -> str | None:
    if conclusie.is_vastgesteld:
        op = datum(timezone.localtime(conclusie.vastgesteld_at))
        return f"Versie {conclusie.volgnummer} van de conclusie is vastgesteld op {op} en blijft daarom bewaard."
    return None


def why_aanbeveling_kept(aanbeveling: Aanbeveling) -> str | None:
    if Conclusie.objects.filter(pk=aanbeveling.conclusie_id, vastgesteld_at__isnull=False).exists():
        return "Een aanbeveling van een vastgestelde conclusie blijft bewaard."
    return None


def _cited(dossier_id: int, made, wat: str, extra: str = "") -> str | None:
    """The reason for a part of the research made at `made`: `wat` is "De bevinding ‘…’ staat in" and the like."""
    versie = _approved_after(dossier_id, made)
    if versie:
        return f"{wat} de vastgestelde versie {versie.volgnummer} van de conclusie en blijft daarom bewaard{extra}."
    return None


def why_bevinding_kept(bevinding: Bevinding) -> str | None:
    return _cited(
        bevinding.dossier_id,
        bevinding.created_at,
        f"De bevinding ‘{bevinding.titel}’ staat in",
        "; een correctie legt u vast door de bevinding te wijzigen",
    )


def why_activiteit_kept(activiteit: Onderzoeksactiviteit) -> str | None:
    return _cited(activiteit.dossier_id, activiteit.created_at, f"De onderzoeksactiviteit ‘{activiteit}’ staat in")


def why_bewijsstuk_kept(bewijsstuk: Bewijsstuk) -> str | None:
    return _cited(bewijsstuk.dossier_id, bewijsstuk.uploaded_at, f"Het bewijsstuk ‘{bewijsstuk.naam}’ hoort bij")


def why_user_kept(user) -> str | None:
    """Whoever appears in a history keeps their name there: such a user is made inactive, never deleted."""
    if bewaren.in_history(user):
        return (
            f"{persoon(user)} komt voor in de geschiedenis van de dossiers en kan daarom niet worden verwijderd; zet "
            "‘Actief’ uit om de toegang te beëindigen."
        )
    return None


def check_delete(obj) -> None:
    """Refuse a delete of what is kept, or of what would take kept rows with it, with the reasons."""
    reasons = bewaren.why_kept([obj])
    if reasons:
        raise WrongStatus(" ".join(reasons))


def allowed(check: Callable[..., None], *args) -> bool:
    try:
        check(*args)
    except Refused:
        return False
    return True


class DossierPermissions:
    """What the current user may do on one dossier, for templates (buttons shown only when allowed)."""

    def __init__(self, user: UserLike, dossier: Dossier):
        self.user = user
        self.dossier = dossier

    @cached_property
    def approved_at(self):
        """When the newest approved version was approved: what was made before it is kept."""
        return max((c.vastgesteld_at for c in self.dossier.conclusies.all() if c.is_vastgesteld), default=None)

    def may_delete(self, obj: Bevinding | Bewijsstuk | Onderzoeksactiviteit) -> bool:
        """The same answer as `check_delete`, from what the page has read already (no query per row): what was
        made before the newest approval is kept."""
        if not self.research:
            return False
        if self.approved_at is None:
            return True
        made = obj.uploaded_at if isinstance(obj, Bewijsstuk) else obj.created_at
        return made > self.approved_at

    @property
    def edit_regeling(self) -> bool:
        return allowed(check_edit_regeling, self.user, self.dossier)

    @property
    def start_screening(self) -> bool:
        return allowed(check_start_screening, self.user, self.dossier)

    @property
    def screen(self) -> bool:
        return allowed(check_screen, self.user, self.dossier)

    @property
    def edit_ex_ante(self) -> bool:
        return allowed(check_edit_ex_ante, self.user, self.dossier)

    @property
    def record_practice(self) -> bool:
        return allowed(check_record_practice, self.user, self.dossier)

    @property
    def assign_kernteam(self) -> bool:
        return allowed(check_assign_kernteam, self.user, self.dossier)

    @cached_property
    def research(self) -> bool:
        return allowed(check_research, self.user, self.dossier)

    @property
    def decide(self) -> bool:
        return allowed(check_decide, self.user, self.dossier)

    @property
    def reopen(self) -> bool:
        return allowed(check_reopen, self.user, self.dossier)

    @property
    def follow_up(self) -> bool:
        return allowed(check_follow_up, self.user, self.dossier)

    @property
    def read_evidence(self) -> bool:
        return allowed(check_read_evidence, self.user, self.dossier)

    @property
    def request_report(self) -> bool:
        return allowed(check_request_report, self.user, self.dossier)

    @property
    def is_member(self) -> bool:
        return is_kernteam_member(self.user, self.dossier)
