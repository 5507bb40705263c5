from django.conf import settings
from django.db import models

from dossiers.models import Dossier
from invoeringstoets.concurrency import RevisionedModel

from .constants import FASE_PER_INDICATOR, Besluit, Indicator, Sterkte

User = settings.AUTH_USER_MODEL


class Screening(RevisionedModel):
    """One screening of a dossier. Every screening is kept, so a later re-screening leaves the history intact."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="screenings", verbose_name="dossier")
    besluit = models.CharField("besluit", max_length=3, choices=Besluit.choices, blank=True)
    motivering = models.TextField("motivering", blank=True)
    created_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="gestart door")
    created_at = models.DateTimeField("gestart op", auto_now_add=True)
    updated_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="gewijzigd door")
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    decided_by = models.ForeignKey(
        User, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="besloten door"
    )
    decided_at = models.DateTimeField("besloten op", null=True, blank=True)

    class Meta:
        ordering = ["dossier", "-created_at", "-pk"]
        verbose_name = "screening"
        verbose_name_plural = "screenings"

    def __str__(self) -> str:
        return f"Screening {self.pk} van dossier {self.dossier_id}"

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None


class ScreeningIndicator(models.Model):
    screening = models.ForeignKey(Screening, models.CASCADE, related_name="indicatoren", verbose_name="screening")
    indicator = models.CharField("indicator", max_length=30, choices=Indicator.choices)
    van_toepassing = models.BooleanField("van toepassing", default=False)
    sterkte = models.CharField("sterkte", max_length=10, choices=Sterkte.choices, blank=True)
    toelichting = models.TextField("toelichting en onderbouwing", blank=True)

    class Meta:
        ordering = ["screening", "pk"]
        constraints = [models.UniqueConstraint(fields=["screening", "indicator"], name="indicator_per_screening")]
        verbose_name = "indicator"
        verbose_name_plural = "indicatoren"

    def __str__(self) -> str:
        return self.get_indicator_display()

    @property
    def fase(self) -> str:
        return FASE_PER_INDICATOR[Indicator(self.indicator)]
