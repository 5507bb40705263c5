"""A dossier as JSON, complete, and back: to move an invoeringstoets to another installation.

The export holds every part of the dossier with the raw stored values (codes, not labels), people by username,
and evidence files inline (base64, checked against their SHA-256 on import). `importeer` refuses anything that is
not a valid export of a version it knows, and stores nothing then: it works inside one transaction.
"""

import base64
import hashlib
import json
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.utils import timezone

from dossiers import organisaties
from dossiers.bewijs import OngeldigBestand, controleer, veilige_naam
from dossiers.models import (
    Aanbeveling,
    Aanname,
    AannameToetsing,
    Actie,
    Bevinding,
    Bewijsstuk,
    Conclusie,
    Deelnemer,
    Dossier,
    GeenBevindingen,
    Onderzoeksactiviteit,
    Opvolging,
    Planning,
    Regeling,
    StatusChange,
)
from dossiers.selectors import kernteam_candidates
from indicatoren.models import (
    AndereToets,
    DoenvermogenBeoordeling,
    GebruikPeriode,
    Regeldruktoets,
    Screening,
    ScreeningIndicator,
    Signaal,
    SignaalImport,
    Uitvoeringstoets,
)

FORMAAT = "invoeringstoets-dossier"
VERSIE = 1
IMPORTEUR = "importeur"


class ExportFout(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def lees(tekst: str) -> dict:
    """The export's JSON. A file nested deeper than any export (a JSON bomb) is refused, not a traceback."""
    try:
        return json.loads(tekst)
    except json.JSONDecodeError as exc:
        raise ExportFout(f"Dit is geen geldig JSON-bestand: {exc}") from exc
    except RecursionError as exc:
        raise ExportFout("Dit is geen export van een invoeringstoets-dossier: het bestand is te diep genest.") from exc


# ---------------------------------------------------------------------------------------------------------------
# Values


def _waarde(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _velden(obj: models.Model, *, zonder: tuple[str, ...] = ()) -> dict:
    """The stored values of an object; foreign keys to people become usernames, other relations are left to the
    caller (they become references to the ids in the export)."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in zonder or field.name == "revision":
            continue
        if field.is_relation:
            if field.related_model is get_user_model():
                user = getattr(obj, field.name)
                data[field.name] = user.username if user else None
            continue
        if isinstance(field, models.FileField):
            continue
        data[field.name] = _waarde(getattr(obj, field.attname))
    return data


# ---------------------------------------------------------------------------------------------------------------
# Export


def exporteer(dossier: Dossier) -> dict:
    regeling = dossier.regeling
    conclusies = list(dossier.conclusies.order_by("volgnummer"))
    return {
        "formaat": FORMAAT,
        "versie": VERSIE,
        "geexporteerd_op": timezone.now().isoformat(),
        "regeling": {
            **_velden(regeling),
            # Organisations by name: another installation has its own list (and ids).
            "ministerie": regeling.ministerie.naam,
            "directie": regeling.directie.naam,
            "uitvoeringsorganisaties": [o.naam for o in regeling.uitvoerders],
        },
        "aannames": [{"id": a.pk, **_velden(a)} for a in regeling.aannames.all()],
        "dossier": {**_velden(dossier), "kernteam": [u.username for u in dossier.kernteam.all()]},
        "statuswijzigingen": [_velden(s) for s in dossier.status_changes.all()],
        "screenings": [
            {**_velden(s), "indicatoren": [_velden(i) for i in s.indicatoren.all()]}
            for s in dossier.screenings.order_by("created_at", "pk")
        ],
        "uitvoeringstoets": next((_velden(t) for t in Uitvoeringstoets.objects.filter(regeling=regeling)), None),
        "regeldruktoets": next((_velden(t) for t in Regeldruktoets.objects.filter(regeling=regeling)), None),
        "doenvermogen": [_velden(d) for d in DoenvermogenBeoordeling.objects.filter(regeling=regeling)],
        "andere_toetsen": [_velden(t) for t in AndereToets.objects.filter(regeling=regeling)],
        "signaal_imports": [{"id": i.pk, **_velden(i)} for i in dossier.signaal_imports.all()],
        "signalen": [
            {"id": s.pk, "import": s.import_batch_id, **_velden(s)}
            for s in Signaal.objects.filter(dossier=dossier).order_by("pk").iterator(chunk_size=5000)
        ],
        "gebruik": [_velden(g) for g in GebruikPeriode.objects.filter(dossier=dossier)],
        "deelnemers": [_velden(d) for d in dossier.deelnemers.all()],
        "planning": next((_velden(p) for p in Planning.objects.filter(dossier=dossier)), None),
        "activiteiten": [{"id": a.pk, **_velden(a)} for a in dossier.activiteiten.all()],
        "bevindingen": [
            {
                "id": b.pk,
                **_velden(b),
                "signalen": list(b.signalen.values_list("pk", flat=True)),
                "activiteiten": list(b.activiteiten.values_list("pk", flat=True)),
                "organisatie": b.organisatie.naam if b.organisatie_id else None,
            }
            for b in dossier.bevindingen.all()
        ],
        "geen_bevindingen": [_velden(g) for g in dossier.geen_bevindingen.all()],
        "toetsingen": [
            {
                "id": t.pk,
                "aanname": t.aanname_id,
                **_velden(t),
                "bevindingen": list(t.bevindingen.values_list("pk", flat=True)),
            }
            for t in AannameToetsing.objects.filter(aanname__regeling=regeling)
        ],
        "bewijsstukken": [
            {
                **_velden(b),
                "bevinding": b.bevinding_id,
                "activiteit": b.activiteit_id,
                "toetsing": b.toetsing_id,
                "inhoud": base64.b64encode(b.bestand.read()).decode("ascii") if b.bestand else None,
            }
            for b in dossier.bewijsstukken.all()
        ],
        "conclusies": [
            {
                **_velden(c),
                "aanbevelingen": [_velden(a) for a in c.aanbevelingen.all()],
                "opvolging": next((_velden(o) for o in Opvolging.objects.filter(conclusie=c)), None),
                "acties": [
                    {
                        **_velden(a),
                        "eigenaar_organisatie": {
                            "naam": a.eigenaar_organisatie.naam,
                            "soort": a.eigenaar_organisatie.soort,
                        }
                        if a.eigenaar_organisatie_id
                        else None,
                    }
                    for a in c.acties.all()
                ],
            }
            for c in conclusies
        ],
    }


# ---------------------------------------------------------------------------------------------------------------
# Import


class _Mensen:
    """Usernames to users of this installation; someone unknown here is recorded as the importing account."""

    def __init__(self):
        self.cache = {}

    def __call__(self, username):
        if username is None:
            return None
        if username not in self.cache:
            user = get_user_model().objects.filter(username=username).first()
            self.cache[username] = user or self.importeur()
        return self.cache[username]

    def importeur(self):
        if IMPORTEUR not in self.cache:
            user, created = get_user_model().objects.get_or_create(
                username=IMPORTEUR, defaults={"first_name": "Import", "is_active": False}
            )
            if created:
                user.set_unusable_password()
                user.save()
            self.cache[IMPORTEUR] = user
        return self.cache[IMPORTEUR]


def _bouw(model: type[models.Model], data: dict, mensen: _Mensen, **relaties) -> models.Model:
    """An unsaved object from exported values: each value converted by its field, people looked up."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name not in data:
            continue
        value = data[field.name]
        if field.is_relation:
            if field.related_model is get_user_model():
                values[field.name] = mensen(value)
            continue
        values[field.name] = field.to_python(value) if value is not None else None
    return model(**values, **relaties)


def _geldig(obj: models.Model) -> models.Model:
    """Every value checked as the forms and the admin check it (choices, lengths, dates, single lines, uniqueness);
    the first error becomes a Dutch message that names the part and the field. An empty value in a column that
    allows one is valid data (a proposal not made), even where a form would ask for it."""
    leeg = [f.name for f in obj._meta.concrete_fields if f.null and getattr(obj, f.attname) is None]
    try:
        obj.full_clean(exclude=leeg)
    except ValidationError as exc:
        onderdeel = obj._meta.verbose_name
        fouten = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
        veld, meldingen = next(iter(fouten.items()))
        if veld == NON_FIELD_ERRORS:
            raise ExportFout(f"Ongeldige {onderdeel} in de export: {meldingen[0]}") from exc
        naam = obj._meta.get_field(veld).verbose_name
        raise ExportFout(f"Ongeldige {onderdeel} in de export, veld ‘{naam}’: {meldingen[0]}") from exc
    return obj


def _bewaar(obj: models.Model, data: dict, *auto_fields: str) -> models.Model:
    """Check and save, then restore the exported times that auto_now / auto_now_add would have replaced."""
    _geldig(obj).save()
    herstel = {name: type(obj)._meta.get_field(name).to_python(data[name]) for name in auto_fields if data.get(name)}
    if herstel:
        type(obj)._default_manager.filter(pk=obj.pk).update(**herstel)
    return obj


def _kernteam(usernames) -> list:
    """The kernteam as the form allows it: existing, active users with the role Kernteam, nobody else."""
    if not isinstance(usernames, list) or not all(isinstance(u, str) for u in usernames):
        raise ExportFout("De export is beschadigd: het kernteam is geen lijst van gebruikersnamen.")
    leden = {u.username: u for u in kernteam_candidates().filter(username__in=usernames)}
    onbekend = [u for u in usernames if u not in leden]
    if onbekend:
        raise ExportFout(
            "Het kernteam mag alleen actieve gebruikers met de rol Kernteam van deze installatie bevatten; "
            f"dat zijn niet: {', '.join(onbekend)}. Maak ze eerst aan of geef ze die rol."
        )
    return [leden[u] for u in usernames]


def _controleer(data) -> None:
    if not isinstance(data, dict) or data.get("formaat") != FORMAAT:
        raise ExportFout(
            "Dit is geen export van een invoeringstoets-dossier (het veld ‘formaat’ ontbreekt of klopt niet)."
        )
    if data.get("versie") != VERSIE:
        raise ExportFout(f"Deze export heeft versie {data.get('versie')!r}; deze installatie leest versie {VERSIE}.")
    for key in ["regeling", "aannames", "dossier", "bevindingen", "conclusies"]:
        if key not in data:
            raise ExportFout(f"De export is onvolledig: het onderdeel ‘{key}’ ontbreekt.")


@transaction.atomic
def importeer(data: dict) -> Dossier:
    """A new dossier from an export. Raises ExportFout, with nothing stored, for anything that is not valid."""
    _controleer(data)
    try:
        return _importeer(data)
    except ExportFout:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ExportFout(f"De export is beschadigd of onvolledig ({type(exc).__name__}: {exc}).") from exc
    except Exception as exc:  # e.g. a constraint of the database: still never half an import
        raise ExportFout(f"De export kon niet worden ingelezen ({type(exc).__name__}).") from exc


def _importeer(data: dict) -> Dossier:
    mensen = _Mensen()
    ministerie = organisaties.ministerie(str(data["regeling"]["ministerie"]))
    directie = organisaties.directie(str(data["regeling"]["directie"]), ministerie)
    regeling = _bewaar(
        _bouw(Regeling, data["regeling"], mensen, ministerie=ministerie, directie=directie),
        data["regeling"],
        "created_at",
        "updated_at",
    )
    organisaties.zet_uitvoerders(
        regeling, organisaties.uitvoeringsorganisaties(str(n) for n in data["regeling"]["uitvoeringsorganisaties"])
    )
    aannames = {a["id"]: _bouw(Aanname, a, mensen, regeling=regeling) for a in data["aannames"]}
    for aanname in aannames.values():
        _geldig(aanname).save()
    dossier = _bewaar(
        _bouw(Dossier, data["dossier"], mensen, regeling=regeling), data["dossier"], "created_at", "status_changed_at"
    )
    dossier.kernteam.set(_kernteam(data["dossier"].get("kernteam", [])))
    for wijziging in data.get("statuswijzigingen", []):
        _bewaar(_bouw(StatusChange, wijziging, mensen, dossier=dossier), wijziging, "at")
    for s in data.get("screenings", []):
        screening = _bewaar(_bouw(Screening, s, mensen, dossier=dossier), s, "created_at", "updated_at")
        ScreeningIndicator.objects.bulk_create(
            _geldig(_bouw(ScreeningIndicator, i, mensen, screening=screening)) for i in s.get("indicatoren", [])
        )
    for model, key in [(Uitvoeringstoets, "uitvoeringstoets"), (Regeldruktoets, "regeldruktoets")]:
        if data.get(key):
            _bewaar(_bouw(model, data[key], mensen, regeling=regeling), data[key], "updated_at")
    for d in data.get("doenvermogen", []):
        _bewaar(_bouw(DoenvermogenBeoordeling, d, mensen, regeling=regeling), d, "updated_at")
    for t in data.get("andere_toetsen", []):
        _geldig(_bouw(AndereToets, t, mensen, regeling=regeling)).save()
    imports = {
        i["id"]: _bewaar(_bouw(SignaalImport, i, mensen, dossier=dossier), i, "created_at")
        for i in data.get("signaal_imports", [])
    }
    signalen = {}
    for s in data.get("signalen", []):
        signaal = _bouw(Signaal, s, mensen, dossier=dossier, import_batch=imports.get(s.get("import")))
        signalen[s["id"]] = _geldig(signaal)
    Signaal.objects.bulk_create(signalen.values(), batch_size=5000)
    if signalen and next(iter(signalen.values())).pk is None:  # SQLite: bulk_create gives no ids back
        for nieuw, oud in zip(Signaal.objects.filter(dossier=dossier).order_by("pk"), signalen, strict=True):
            signalen[oud] = nieuw
    for g in data.get("gebruik", []):
        _geldig(_bouw(GebruikPeriode, g, mensen, dossier=dossier)).save()
    for d in data.get("deelnemers", []):
        _geldig(_bouw(Deelnemer, d, mensen, dossier=dossier)).save()
    if data.get("planning"):
        _bewaar(_bouw(Planning, data["planning"], mensen, dossier=dossier), data["planning"], "updated_at")
    activiteiten = {
        a["id"]: _bewaar(_bouw(Onderzoeksactiviteit, a, mensen, dossier=dossier), a, "created_at", "updated_at")
        for a in data.get("activiteiten", [])
    }
    bevindingen = {}
    uitvoerders = {o.naam: o for o in regeling.uitvoerders}
    for b in data["bevindingen"]:
        organisatie = uitvoerders.get(b.get("organisatie")) if b.get("organisatie") else None
        bevinding = _bewaar(
            _bouw(Bevinding, b, mensen, dossier=dossier, organisatie=organisatie), b, "created_at", "updated_at"
        )
        bevinding.signalen.set([signalen[i] for i in b.get("signalen", [])])
        bevinding.activiteiten.set([activiteiten[i] for i in b.get("activiteiten", [])])
        bevindingen[b["id"]] = bevinding
    for g in data.get("geen_bevindingen", []):
        _bewaar(_bouw(GeenBevindingen, g, mensen, dossier=dossier), g, "created_at")
    toetsingen = {}
    for t in data.get("toetsingen", []):
        toetsing = _bewaar(_bouw(AannameToetsing, t, mensen, aanname=aannames[t["aanname"]]), t, "updated_at")
        toetsing.bevindingen.set([bevindingen[i] for i in t.get("bevindingen", [])])
        toetsingen[t["id"]] = toetsing
    for b in data.get("bewijsstukken", []):
        inhoud = base64.b64decode(b["inhoud"] or "", validate=True)
        if hashlib.sha256(inhoud).hexdigest() != b["sha256"]:
            raise ExportFout(f"Het bewijsstuk ‘{b['naam']}’ is beschadigd: de SHA-256 klopt niet.")
        upload = SimpleUploadedFile(b["naam"], inhoud)
        try:
            soort = controleer(upload)
        except OngeldigBestand as exc:
            raise ExportFout(f"Het bewijsstuk ‘{b['naam']}’ wordt geweigerd: {exc.message}") from exc
        b = {**b, "naam": veilige_naam(b["naam"]), "soort": soort.label, "mime_type": soort.mime_type}
        b["grootte"] = len(inhoud)
        stuk = _bouw(
            Bewijsstuk,
            b,
            mensen,
            dossier=dossier,
            bevinding=bevindingen.get(b.get("bevinding")),
            activiteit=activiteiten.get(b.get("activiteit")),
            toetsing=toetsingen.get(b.get("toetsing")),
        )
        stuk.bestand.save(stuk.naam, ContentFile(inhoud), save=False)
        try:
            _bewaar(stuk, b, "uploaded_at")
        except ExportFout:
            stuk.bestand.delete(save=False)  # no file left behind by a refused import
            raise
    for c in data["conclusies"]:
        conclusie = _bouw(Conclusie, c, mensen, dossier=dossier)
        conclusie.vastgestelde_inhoud = c.get("vastgestelde_inhoud")
        _geldig(conclusie)
        # Saved before its approval fields are set: an approved conclusion refuses every later save.
        vastgesteld = conclusie.vastgesteld_at
        conclusie.vastgesteld_at = None
        _bewaar(conclusie, c, "updated_at")
        if vastgesteld:
            Conclusie.objects.filter(pk=conclusie.pk).update(vastgesteld_at=vastgesteld)
        Aanbeveling.objects.bulk_create(
            _geldig(
                _bouw(
                    Aanbeveling,
                    a,
                    mensen,
                    conclusie=conclusie,
                    eigenaar_organisatie=organisaties.op_de_lijst(str(a["eigenaar"])) if a.get("eigenaar") else None,
                )
            )
            for a in c.get("aanbevelingen", [])
        )
        if c.get("opvolging"):
            _bewaar(_bouw(Opvolging, c["opvolging"], mensen, conclusie=conclusie), c["opvolging"], "updated_at")
        for a in c.get("acties", []):
            organisatie = a.get("eigenaar_organisatie")
            eigenaar_organisatie = (
                organisaties.vind_of_maak(str(organisatie["soort"]), str(organisatie["naam"])) if organisatie else None
            )
            _bewaar(
                _bouw(Actie, a, mensen, conclusie=conclusie, eigenaar_organisatie=eigenaar_organisatie), a, "created_at"
            )
    return dossier
