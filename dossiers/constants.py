from django.db import models


class Role(models.TextChoices):
    """The three roles; each is a Django group of the same name, created by a migration."""

    BELEIDSMEDEWERKER = "Beleidsmedewerker", "Beleidsmedewerker"
    KERNTEAM = "Kernteam", "Kernteam"
    MANAGEMENT = "Management", "Management"


class OrganisatieSoort(models.TextChoices):
    MINISTERIE = "ministerie", "Ministerie"
    DIRECTIE = "directie", "Directie"
    UITVOERINGSORGANISATIE = "uitvoeringsorganisatie", "Uitvoeringsorganisatie"
    EXTERN_BUREAU = "extern_bureau", "Extern bureau"


class DossierStatus(models.TextChoices):
    GEREGISTREERD = "geregistreerd", "Geregistreerd"
    SCREENING = "screening", "Screening"
    GEEN_INVOERINGSTOETS = "geen_invoeringstoets", "Geen invoeringstoets"
    IN_ONDERZOEK = "in_onderzoek", "In onderzoek"
    TER_VASTSTELLING = "ter_vaststelling", "Ter vaststelling"
    VASTGESTELD = "vastgesteld", "Vastgesteld"


class AannameBron(models.TextChoices):
    VOORBEREIDING = "voorbereiding", "Voorbereidingsfase"
    UITVOERINGSTOETS = "uitvoeringstoets", "Uitvoeringstoets"


class CentraleVraag(models.TextChoices):
    V1A = "1A", "Hoe wordt de regeling ervaren door de doelgroep en andere belanghebbenden?"
    V1B = "1B", "Ontstaan er in de praktijk knelpunten of onbedoelde effecten (zoals discriminerende aspecten)?"
    V1C = "1C", "In hoeverre komt de praktijk overeen met de aannames uit de voorbereidingsfase van de regeling?"
    V2A = "2A", "Hoe wordt de uitvoering van de regeling ervaren door de uitvoerende organisaties?"
    V2B = "2B", "Ontstaan er in de uitvoeringspraktijk knelpunten of onbedoelde effecten?"
    V2C = "2C", "In hoeverre komt de praktijk overeen met de aannames uit de uitvoeringstoets?"


HOOFDVRAGEN = {
    "1": "Hoe pakt de regeling uit voor de mensen, organisaties of bedrijven voor wie de regeling is bedoeld?",
    "2": "Hoe pakt de regeling uit voor de uitvoering?",
}

# Questions 1C and 2C are answered by checking the assumptions of one source against practice.
AANNAME_BRON_PER_VRAAG = {
    CentraleVraag.V1C: AannameBron.VOORBEREIDING,
    CentraleVraag.V2C: AannameBron.UITVOERINGSTOETS,
}


class Oordeel(models.TextChoices):
    KLOPT = "klopt", "Klopt"
    KLOPT_DEELS = "klopt_deels", "Klopt deels"
    KLOPT_NIET = "klopt_niet", "Klopt niet"
    ONBEKEND = "onbekend", "Onbekend"


class Uitkomst(models.TextChoices):
    GEEN_ACTIE = "geen_actie", "Geen actie nodig"
    MONITORING = "monitoring", "Monitoring in plaats van ingrijpen"
    VERDER_ONDERZOEK = "verder_onderzoek", "Verder onderzoek is nodig"
    INGRIJPEN = "ingrijpen", "Ingrijpen"
    ESCALATIE = "escalatie", "Escalatie"


class Adressaat(models.TextChoices):
    BELEID = "beleid", "Beleid"
    UITVOERING = "uitvoering", "Uitvoering"
    WETGEVING = "wetgeving", "Wetgeving"
    COMMUNICATIE = "communicatie", "Communicatie"


class DeelnemerRol(models.TextChoices):
    WERKGROEP = "werkgroep", "Werkgroep (uitvoeringsorganisatie)"
    EXTERN = "extern", "Extern onderzoeksbureau"
    ANDERS = "anders", "Anders"


class ActiviteitSoort(models.TextChoices):
    INTERVIEWS = "interviews", "Interviews"
    ENQUETE = "enquete", "Enquête"
    DOCUMENTSTUDIE = "documentstudie", "Documentstudie"
    WERKGROEP = "werkgroep", "Werkgroepsessie"
    KLANTREIS = "klantreis", "Klantreis van de burger"
    INTERNE_SIGNALEN = "interne_signalen", "Interne schriftelijke signalen"
    ANDERS = "anders", "Anders"


class BevindingSoort(models.TextChoices):
    ERVARING = "ervaring", "Ervaring"
    KNELPUNT = "knelpunt", "Knelpunt"
    ONBEDOELD_EFFECT = "onbedoeld_effect", "Onbedoeld effect"


class Ernst(models.TextChoices):
    LAAG = "laag", "Laag"
    MIDDEN = "midden", "Midden"
    HOOG = "hoog", "Hoog"


class Bewijskracht(models.TextChoices):
    ZWAK = "zwak", "Zwak (één bron, indicatief)"
    REDELIJK = "redelijk", "Redelijk (meerdere bronnen)"
    STERK = "sterk", "Sterk (cijfers of brede bevestiging)"


class Prioriteit(models.TextChoices):
    HOOG = "hoog", "Hoog"
    MIDDEN = "midden", "Midden"
    LAAG = "laag", "Laag"


# Findings of these questions may carry a discriminatory aspect (DOMAIN.md: 1B names it; 2B is its mirror).
VRAGEN_MET_DISCRIMINATIE = {CentraleVraag.V1B, CentraleVraag.V2B}
# The questions about the implementing organisations: a finding there names the organisation it concerns.
VRAGEN_OVER_UITVOERING = {CentraleVraag.V2A, CentraleVraag.V2B, CentraleVraag.V2C}
