"""The list of organisations: finding one from what someone typed, creating what is not known yet (marked for
beheer to check), and merging duplicates. One set of rules for the forms, the import, the demo and the migration
that turned the free text of before into organisations."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from .constants import OrganisatieSoort
from .models import Organisatie, Regeling, RegelingUitvoerder

# The ministeries of the Rijk (2026) and the large uitvoeringsorganisaties: known from the start.
MINISTERIES = [
    ("Ministerie van Algemene Zaken", "AZ"),
    ("Ministerie van Asiel en Migratie", "AenM"),
    ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "BZK"),
    ("Ministerie van Buitenlandse Zaken", "BZ"),
    ("Ministerie van Defensie", "Defensie"),
    ("Ministerie van Economische Zaken", "EZ"),
    ("Ministerie van Financiën", "Fin"),
    ("Ministerie van Infrastructuur en Waterstaat", "IenW"),
    ("Ministerie van Justitie en Veiligheid", "JenV"),
    ("Ministerie van Klimaat en Groene Groei", "KGG"),
    ("Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur", "LVVN"),
    ("Ministerie van Onderwijs, Cultuur en Wetenschap", "OCW"),
    ("Ministerie van Sociale Zaken en Werkgelegenheid", "SZW"),
    ("Ministerie van Volksgezondheid, Welzijn en Sport", "VWS"),
    ("Ministerie van Volkshuisvesting en Ruimtelijke Ordening", "VRO"),
]
UITVOERINGSORGANISATIES = [
    ("Sociale Verzekeringsbank", "SVB"),
    ("Uitvoeringsinstituut Werknemersverzekeringen", "UWV"),
    ("Belastingdienst", ""),
    ("Dienst Toeslagen", ""),
    ("Centraal Administratie Kantoor", "CAK"),
    ("Centrum indicatiestelling zorg", "CIZ"),
    ("Dienst Uitvoering Onderwijs", "DUO"),
    ("Rijksdienst voor Ondernemend Nederland", "RVO"),
    ("Immigratie- en Naturalisatiedienst", "IND"),
    ("Centraal Justitieel Incassobureau", "CJIB"),
    ("Gemeenten", "VNG"),
]


def sleutels(tekst: str) -> set[str]:
    """The ways a typed name can mean an organisation: the whole name, without "Ministerie van", and the parts
    of "Naam (AFK)". Compared without case, accents of spacing."""

    def varianten(s: str) -> set[str]:
        gewoon = " ".join(s.casefold().split())
        kaal = " ".join(re.sub(r"[^\w]+", " ", gewoon.replace("&", " en ")).split())
        # Without punctuation only where letters remain: "S.Z.W." is "szw", but "+1" is not "-1".
        return {gewoon, kaal} if re.search(r"[^\W\d_]", kaal) else {gewoon}

    tekst = " ".join(tekst.split())
    delen = {tekst}
    if match := re.fullmatch(r"(.+?)\s*\(([^()]+)\)", tekst):
        delen |= {match.group(1), match.group(2)}
    result = set()
    for deel in delen:
        for k in varianten(deel):
            result |= {k, re.sub(r"^(het )?ministerie van ", "", k)}
    return {k for k in result if k}


def zoek(soort: str, tekst: str, valt_onder: Organisatie | None = None) -> Organisatie | None:
    wanted = sleutels(tekst)
    if not wanted:
        return None
    for organisatie in Organisatie.objects.filter(soort=soort, valt_onder=valt_onder):
        known = sleutels(organisatie.naam) | (sleutels(organisatie.afkorting) if organisatie.afkorting else set())
        if wanted & known:
            return organisatie
    return None


def op_de_lijst(tekst: str) -> Organisatie | None:
    """The organisation of any kind that `tekst` names, or None (a person's name, or not on the list)."""
    for soort in OrganisatieSoort.values:
        if found := zoek(soort, tekst):
            return found
    return None


def vind_of_maak(soort: str, tekst: "str | Organisatie", valt_onder: Organisatie | None = None) -> Organisatie:
    """The organisation meant by `tekst` (or `tekst` itself when it is one already); one that is not on the list
    yet is added, for beheer to check."""
    if isinstance(tekst, Organisatie):
        return tekst
    naam = " ".join(tekst.split())
    found = zoek(soort, naam, valt_onder)
    if found:
        return found
    for andere in VERWARRING.get(soort, ()):
        if elders := zoek(andere, naam):
            melding = (
                f"‘{naam}’ staat in de lijst als {elders.get_soort_display().lower()} ({elders.naam}), "
                f"niet als {OrganisatieSoort(soort).label.lower()}."
            )
            raise ValidationError({VELD[soort]: melding})
    return Organisatie.objects.create(soort=soort, naam=naam, valt_onder=valt_onder, te_controleren=True)


# A name typed in the wrong place: a ministerie where an uitvoeringsorganisatie belongs, or the other way round. (A
# directie may carry the name of an agency: Dienst Toeslagen is a part of Financiën.)
VERWARRING = {
    OrganisatieSoort.MINISTERIE: (OrganisatieSoort.UITVOERINGSORGANISATIE, OrganisatieSoort.EXTERN_BUREAU),
    OrganisatieSoort.DIRECTIE: (OrganisatieSoort.MINISTERIE,),
    OrganisatieSoort.UITVOERINGSORGANISATIE: (OrganisatieSoort.MINISTERIE,),
}
VELD = {
    OrganisatieSoort.MINISTERIE: "ministerie",
    OrganisatieSoort.DIRECTIE: "directie",
    OrganisatieSoort.UITVOERINGSORGANISATIE: "__all__",
    OrganisatieSoort.EXTERN_BUREAU: "__all__",
}


def ministerie(tekst: str) -> Organisatie:
    return vind_of_maak(OrganisatieSoort.MINISTERIE, tekst)


def directie(tekst: str, ministerie: Organisatie) -> Organisatie:
    return vind_of_maak(OrganisatieSoort.DIRECTIE, tekst, valt_onder=ministerie)


def uitvoeringsorganisaties(namen) -> list[Organisatie]:
    """In the order given, each once (the first is the lead)."""
    result: list[Organisatie] = []
    for naam in namen:
        if naam.strip():
            organisatie = vind_of_maak(OrganisatieSoort.UITVOERINGSORGANISATIE, naam)
            if organisatie not in result:
                result.append(organisatie)
    return result


def zet_uitvoerders(regeling: Regeling, organisaties: list[Organisatie]) -> None:
    """Store the implementing organisations in this order, changing only what changed, and record them with the
    regeling's newest version in its history (the list is not saved through a signal the history hears)."""
    bestaand = {rij.organisatie_id: rij for rij in regeling.uitvoerder_rijen.all()}
    for volgorde, organisatie in enumerate(organisaties):
        rij = bestaand.pop(organisatie.pk, None)
        if rij is None:
            RegelingUitvoerder.objects.create(regeling=regeling, organisatie=organisatie, volgorde=volgorde)
        elif rij.volgorde != volgorde:
            rij.volgorde = volgorde
            rij.save(update_fields=["volgorde"])
    for rij in bestaand.values():
        rij.delete()
    laatste = regeling.history.order_by("-history_date", "-history_id").first()
    if laatste is not None:
        HistorischeRij = laatste.historicalregelinguitvoerder_set.model
        laatste.historicalregelinguitvoerder_set.all().delete()
        HistorischeRij.objects.bulk_create(
            HistorischeRij(
                history=laatste, id=rij.pk, regeling=regeling, organisatie=rij.organisatie, volgorde=rij.volgorde
            )
            for rij in regeling.uitvoerder_rijen.all()
        )


def waarom_niet_samen(organisaties: list[Organisatie]) -> str | None:
    """Why these cannot be merged (a Dutch reason), or None."""
    if len(organisaties) < 2:
        return "Kies ten minste twee organisaties om samen te voegen."
    if len({o.soort for o in organisaties}) != 1:
        return "Kies organisaties van dezelfde soort om samen te voegen."
    if len({o.valt_onder_id for o in organisaties}) != 1:
        return (
            "Directies van verschillende ministeries zijn verschillende directies; voeg alleen directies van één "
            "ministerie samen."
        )
    return None


@transaction.atomic
def samenvoegen(doel: Organisatie, dubbelen) -> int:
    """Merge duplicates into `doel`: everything that names a duplicate (any relation to an organisation, now and
    later ones) names `doel`, then the duplicates go. A regeling that had both keeps `doel` once."""
    ids = [o.pk for o in dubbelen if o.pk != doel.pk]
    # Directies of merged ministeries that the one that stays has too (by name) are merged first.
    for onderdeel in Organisatie.objects.filter(valt_onder__in=ids):
        gelijk = Organisatie.objects.filter(valt_onder=doel, soort=onderdeel.soort, naam=onderdeel.naam).first()
        if gelijk:
            samenvoegen(gelijk, [onderdeel])
    for rij in RegelingUitvoerder.objects.filter(organisatie__in=ids):
        if RegelingUitvoerder.objects.filter(regeling_id=rij.regeling_id, organisatie=doel).exists():
            rij.delete()
    for relation in Organisatie._meta.related_objects:
        if relation.many_to_many:
            continue  # through its through model, which is a relation of its own
        field = relation.field.name
        relation.related_model._default_manager.filter(**{f"{field}__in": ids}).update(**{field: doel})
    Organisatie.objects.filter(pk__in=ids).delete()
    doel.te_controleren = False
    doel.save(update_fields=["te_controleren"])
    return len(ids)
