"""Organisations as data: ministeries with their directies, uitvoeringsorganisaties and external bureaus."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from invoeringstoets.fields import RegelVeld

from ..constants import OrganisatieSoort


class Organisatie(models.Model):
    soort = models.CharField("soort", max_length=30, choices=OrganisatieSoort.choices)
    naam = RegelVeld("officiële naam", max_length=200)
    afkorting = RegelVeld("afkorting", max_length=40, blank=True, help_text="Bijvoorbeeld SZW, SVB of UWV.")
    tooi = models.URLField(
        "TOOI-identificatie",
        max_length=200,
        blank=True,
        help_text="De standaard-identificatie van de organisatie (TOOI), bijvoorbeeld "
        "https://identifier.overheid.nl/tooi/id/ministerie/mnre1045.",
    )
    valt_onder = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="onderdelen",
        verbose_name="valt onder",
        help_text="Bij een directie: haar ministerie.",
    )
    te_controleren = models.BooleanField(
        "te controleren door beheer",
        default=False,
        help_text="Automatisch aangemaakt uit getypte tekst (bij de overgang of een registratie): controleer de "
        "naam, vul afkorting en TOOI aan of voeg haar samen met de organisatie die het eigenlijk is.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["soort", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "naam", "valt_onder"],
                name="organisatie_uniek",
                violation_error_message="Deze organisatie staat al in de lijst.",
            ),
            models.UniqueConstraint(
                fields=["soort", "naam"],
                condition=models.Q(valt_onder__isnull=True),
                name="organisatie_uniek_top",
                violation_error_message="Deze organisatie staat al in de lijst.",
            ),
        ]
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"

    def __str__(self) -> str:
        if self.soort == OrganisatieSoort.DIRECTIE and self.valt_onder_id:
            return f"{self.naam} ({self.valt_onder.afkorting or self.valt_onder.naam})"
        return self.naam

    def clean(self):
        from ..organisaties import zoek

        if self.soort == OrganisatieSoort.DIRECTIE and not (self.valt_onder and self.valt_onder.soort == "ministerie"):
            raise ValidationError({"valt_onder": "Een directie valt onder een ministerie: kies het ministerie."})
        if self.soort != OrganisatieSoort.DIRECTIE and self.valt_onder_id:
            raise ValidationError({"valt_onder": "Alleen een directie valt onder een ministerie."})
        for naam in filter(None, [self.naam, self.afkorting]):
            bestaand = zoek(self.soort, naam, self.valt_onder)
            if bestaand and bestaand.pk != self.pk:
                raise ValidationError(
                    f"‘{naam}’ is al {bestaand} in de lijst; voeg zo nodig samen in plaats van toevoegen."
                )
