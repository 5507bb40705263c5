"""Today's free text becomes organisations: the known ministeries and uitvoeringsorganisaties are added, each typed
name is matched to one (by name or abbreviation, without case or "Ministerie van"), and what cannot be matched is
created and marked for beheer to check ("te controleren"). Directies come under their regeling's ministerie. The
history of each regeling gets the same organisations, so its earlier versions still say who."""

import re

from django.db import migrations

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


def sleutels(tekst):
    # A frozen copy of dossiers.organisaties.sleutels: a migration keeps working whatever the code becomes.
    def varianten(s):
        gewoon = " ".join(s.casefold().split())
        kaal = " ".join(re.sub(r"[^\w]+", " ", gewoon.replace("&", " en ")).split())
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


def forwards(apps, schema_editor):
    Organisatie = apps.get_model("dossiers", "Organisatie")
    Regeling = apps.get_model("dossiers", "Regeling")
    HistoricalRegeling = apps.get_model("dossiers", "HistoricalRegeling")
    RegelingUitvoerder = apps.get_model("dossiers", "RegelingUitvoerder")
    Uitvoeringsorganisatie = apps.get_model("dossiers", "Uitvoeringsorganisatie")
    HistoricalOud = apps.get_model("dossiers", "HistoricalRegeling_uitvoeringsorganisaties")
    HistoricalUitvoerder = apps.get_model("dossiers", "HistoricalRegelingUitvoerder")

    known = {}  # (soort, valt_onder id) -> list of (keys, organisatie)

    def add(soort, naam, afkorting="", valt_onder=None, te_controleren=False):
        organisatie = Organisatie.objects.create(
            soort=soort, naam=naam, afkorting=afkorting, valt_onder=valt_onder, te_controleren=te_controleren
        )
        keys = sleutels(naam) | (sleutels(afkorting) if afkorting else set())
        known.setdefault((soort, valt_onder.pk if valt_onder else None), []).append((keys, organisatie))
        return organisatie

    def find(soort, tekst, valt_onder=None):
        tekst = " ".join((tekst or "").split()) or "Onbekend"
        wanted = sleutels(tekst)
        for keys, organisatie in known.get((soort, valt_onder.pk if valt_onder else None), []):
            if keys & wanted:
                return organisatie
        return add(soort, tekst, valt_onder=valt_onder, te_controleren=True)

    for naam, afkorting in MINISTERIES:
        add("ministerie", naam, afkorting)
    for naam, afkorting in UITVOERINGSORGANISATIES:
        add("uitvoeringsorganisatie", naam, afkorting)

    oud = {o.pk: find("uitvoeringsorganisatie", o.naam) for o in Uitvoeringsorganisatie.objects.all()}
    for regeling in Regeling.objects.all():
        regeling.ministerie_org = find("ministerie", regeling.ministerie)
        regeling.directie_org = find("directie", regeling.directie, valt_onder=regeling.ministerie_org)
        regeling.save(update_fields=["ministerie_org", "directie_org"])
        links = regeling.uitvoeringsorganisaties.through.objects.filter(regeling=regeling).order_by("pk")
        for volgorde, organisatie_id in enumerate(dict.fromkeys(oud[link.uitvoeringsorganisatie_id] .pk for link in links)):
            RegelingUitvoerder.objects.create(regeling=regeling, organisatie_id=organisatie_id, volgorde=volgorde)
    for version in HistoricalRegeling.objects.all():
        version.ministerie_org_id = find("ministerie", version.ministerie).pk
        version.directie_org_id = find("directie", version.directie, valt_onder=find("ministerie", version.ministerie)).pk
        version.save(update_fields=["ministerie_org", "directie_org"])
    for row in HistoricalOud.objects.all():
        organisatie = oud.get(row.uitvoeringsorganisatie_id)
        HistoricalUitvoerder.objects.create(
            history_id=row.history_id, regeling_id=row.regeling_id, organisatie_id=organisatie.pk if organisatie else None, volgorde=0
        )


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0009_organisaties")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
