from django.db import models


class RapportStatus(models.TextChoices):
    IN_WACHTRIJ = "in_wachtrij", "In de wachtrij"
    BEZIG = "bezig", "Bezig"
    KLAAR = "klaar", "Klaar"
    MISLUKT = "mislukt", "Mislukt"
