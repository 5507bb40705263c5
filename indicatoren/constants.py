from django.db import models


class Fase(models.TextChoices):
    VOORBEREIDING = "voorbereiding", "Voorbereidingsfase (ex-ante toetsen)"
    UITVOERING = "uitvoering", "Uitvoeringsfase (signalen uit de praktijk)"


class Indicator(models.TextChoices):
    """The selecting indicators of both phases (DOMAIN.md); the screening records each of them."""

    UITVOERINGSTOETS_ICT = "uitvoeringstoets_ict", "Uitvoeringstoets: risico op ICT-problemen in de uitvoering"
    REGELDRUK = "regeldruk", "Regeldruktoets: administratieve lasten voor de doelgroep nemen toe"
    DOENVERMOGEN = "doenvermogen", "Doenvermogentoets: groot beroep op het doenvermogen van de doelgroep"
    EX_ANTE_OVERIG = "ex_ante_overig", "Andere ex-ante toets"
    MEDIA = "media", "Signalen in de media"
    BURGERBRIEVEN = "burgerbrieven", "Burgerbrieven"
    KLACHTEN = "klachten", "Klachten"
    GEBRUIK = "gebruik", "Gebruik wijkt sterk af van de verwachting"
    UITVOERING_OVERIG = "uitvoering_overig", "Andere signalen uit de praktijk"


FASE_PER_INDICATOR = {
    Indicator.UITVOERINGSTOETS_ICT: Fase.VOORBEREIDING,
    Indicator.REGELDRUK: Fase.VOORBEREIDING,
    Indicator.DOENVERMOGEN: Fase.VOORBEREIDING,
    Indicator.EX_ANTE_OVERIG: Fase.VOORBEREIDING,
    Indicator.MEDIA: Fase.UITVOERING,
    Indicator.BURGERBRIEVEN: Fase.UITVOERING,
    Indicator.KLACHTEN: Fase.UITVOERING,
    Indicator.GEBRUIK: Fase.UITVOERING,
    Indicator.UITVOERING_OVERIG: Fase.UITVOERING,
}


class Sterkte(models.TextChoices):
    ZWAK = "zwak", "Zwak"
    MATIG = "matig", "Matig"
    STERK = "sterk", "Sterk"


class Besluit(models.TextChoices):
    JA = "ja", "Ja, een invoeringstoets is nodig"
    NEE = "nee", "Nee, geen invoeringstoets"


class Impact(models.TextChoices):
    """Gevolgen in the uitvoeringstoets summary table."""

    INGRIJPEND = "ingrijpend", "Ingrijpend"
    MIDDELGROOT = "middelgroot", "Middelgroot"
    BEPERKT = "beperkt", "Beperkt"
    NVT = "nvt", "N.v.t."


class Risico(models.TextChoices):
    GROOT = "groot", "Groot"
    GEMIDDELD = "gemiddeld", "Gemiddeld"
    KLEIN = "klein", "Klein"


class Omvang(models.TextChoices):
    KLEIN = "klein", "Klein"
    MIDDELGROOT = "middelgroot", "Middelgroot"
    GROOT = "groot", "Groot"


class Eindoordeel(models.TextChoices):
    UITVOERBAAR = "uitvoerbaar", "Uitvoerbaar"
    ONDER_VOORWAARDEN = "onder_voorwaarden", "Uitvoerbaar onder voorwaarden"
    NIET_UITVOERBAAR = "niet_uitvoerbaar", "Niet uitvoerbaar"


class AtrOordeel(models.TextChoices):
    """The dictum of the Adviescollege Toetsing Regeldruk (ATR)."""

    INDIENEN = "indienen", "Indienen"
    INDIENEN_NA_AANPASSING = "na_aanpassing", "Indienen na aanpassing"
    NIET_INDIENEN = "niet_indienen", "Niet indienen"
    GEEN_ADVIES = "geen_advies", "Geen advies gevraagd of gegeven"


class DoenvermogenEis(models.TextChoices):
    """What a regulation asks of people's capacity to act (after the WRR's Weten is nog geen doen)."""

    PLANNEN = "plannen", "Een doel stellen en een plan maken"
    IN_ACTIE_KOMEN = "in_actie_komen", "In actie komen"
    VOLHOUDEN = "volhouden", "Volhouden"
    TEGENSLAGEN = "tegenslagen", "Omgaan met verleidingen en tegenslagen"
    VERANDERINGEN = "veranderingen", "Omgaan met veranderingen in de levenssituatie"


class Niveau(models.TextChoices):
    LAAG = "laag", "Laag"
    GEMIDDELD = "gemiddeld", "Gemiddeld"
    HOOG = "hoog", "Hoog"


class SignaalSoort(models.TextChoices):
    MEDIA = "media", "Media"
    BURGERBRIEF = "burgerbrief", "Burgerbrief"
    KLACHT = "klacht", "Klacht"
    BEZWAAR = "bezwaar", "Bezwaar"
    UITVOERINGSSIGNAAL = "uitvoeringssignaal", "Uitvoeringssignaal"
    KAMERVRAGEN = "kamervragen", "Kamervragen"
    ANDERS = "anders", "Anders"
