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
