from django.db import models


class Role(models.TextChoices):
    """The three roles; each is a Django group of the same name, created by a migration."""

    BELEIDSMEDEWERKER = "Beleidsmedewerker", "Beleidsmedewerker"
    KERNTEAM = "Kernteam", "Kernteam"
    MANAGEMENT = "Management", "Management"


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
